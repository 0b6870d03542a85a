"""``uprkit simulate ...``: run the simulations outside the notebooks (trainer's dry runs, handouts)."""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import friendly_errors, simulate


@simulate.command("dialogue")
@click.option("--state", "state_under_review", required=True,
              help="State under review: ISO3 code (KEN) or English short name (Kenya).")
@click.option("--registered", default=80, show_default=True, type=int,
              help="How many delegations inscribe on the list of speakers.")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed of the lots (speaking order, troika, scripted statements and answers).")
@click.option("--session", type=int, default=None, help="Working Group session number, e.g. 49.")
@click.option("--default-maximum-seconds", type=float, default=None,
              help="Cap per delegation when few register (the real caps are UNCONFIRMED).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="Where to write the draft Working Group report (.html or .txt).")
@friendly_errors
def dialogue_command(state_under_review, registered, seed, session, default_maximum_seconds,
                     out_path):
    """Simulate one Working Group review and write its draft report."""
    from uprkit.dialogue import plan_dialogue, script_responses
    from uprkit.dialogue_report import draft_report, write_report_html

    dialogue = plan_dialogue(
        state_under_review, registered=registered, seed=seed, session=session,
        default_maximum_seconds=default_maximum_seconds,
    )
    dialogue = script_responses(dialogue, seed=seed)
    report = draft_report(dialogue)
    if out_path.suffix.lower() in (".html", ".htm"):
        write_report_html(report, out_path)
    else:
        out_path.write_text(report.to_text(), encoding="utf-8")
    counts = ", ".join(f"{v} {k}" for k, v in report.counts.items() if v)
    click.echo(
        f"{len(dialogue.statements)} delegations, {dialogue.speaking_time.formatted} each; "
        f"{len(dialogue.recommendations())} recommendations ({counts}). Report: {out_path}"
    )
