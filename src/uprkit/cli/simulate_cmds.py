"""``uprkit simulate ...``: the simulations outside the notebooks (dry runs, handouts)."""

from __future__ import annotations

import csv
from pathlib import Path

import click

from uprkit.cli._groups import friendly_errors, refuse_overwrite, simulate

# The commands import the library when they run: uprkit.simulations.dialogue and the roster reader
# would add ~0.4 s (pandas 0.32 s, the dialogue 55-95 ms, jinja2 ~25 ms of it) to every ``uprkit``
# command, ``uprkit --help`` included (``python -X importtime -c 'import uprkit.cli'``).


@simulate.command("dialogue")
@click.option(
    "--state",
    "state_under_review",
    required=True,
    help="State under review: ISO3 code (KEN) or English short name (Kenya).",
)
@click.option(
    "--registered",
    default=80,
    show_default=True,
    type=int,
    help="How many delegations inscribe on the list of speakers.",
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=int,
    help="Seed of the lots (speaking order, troika, scripted statements and answers).",
)
@click.option("--session", type=int, default=None, help="Working Group session number, e.g. 49.")
@click.option(
    "--default-maximum-seconds",
    type=float,
    default=None,
    help="Cap per delegation when few register (the real caps are UNCONFIRMED).",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the draft Working Group report (.html or .txt).",
)
@friendly_errors
def dialogue_command(
    state_under_review, registered, seed, session, default_maximum_seconds, out_path
):
    """Simulate one Working Group review and write its draft report."""
    from uprkit.simulations.dialogue import (
        draft_report,
        plan_dialogue,
        script_responses,
        write_report_html,
    )

    dialogue = plan_dialogue(
        state_under_review,
        registered=registered,
        seed=seed,
        session=session,
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


@simulate.command("assign")
@click.option("--state", "state_under_review", required=True, help="State under review.")
@click.option("--registered", default=80, show_default=True, type=int)
@click.option("--seed", default=0, show_default=True, type=int)
@click.option(
    "--roster",
    "roster_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The cohort's roster CSV.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV of participant_id,delegation to hand out (ids only, no names).",
)
@friendly_errors
def assign_command(state_under_review, registered, seed, roster_path, out_path):
    """Give each participant of the roster a delegation on the list of speakers, by lot."""
    from uprkit.simulations.dialogue import assign_delegations, plan_dialogue
    from uprkit.workshop.roster import load_roster

    refuse_overwrite(out_path)
    roster = load_roster(roster_path)
    dialogue = plan_dialogue(state_under_review, registered=registered, seed=seed)
    assignments = assign_delegations(
        roster["participant_id"].astype(str).tolist(), dialogue, seed=seed
    )
    with out_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant_id", "delegation", "delegation_name"])
        for participant, code in assignments.items():
            writer.writerow([participant, code, dialogue.names.get(code, code)])
    click.echo(f"{len(assignments)} participants assigned a delegation. File: {out_path}")


@simulate.command("cohort")
@click.option("--state", "state_under_review", required=True, help="State under review.")
@click.option("--registered", default=80, show_default=True, type=int)
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--session", type=int, default=None)
@click.option(
    "--statements",
    "statements_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="CSV (delegation,statement[,participant_id]) or a folder of notebooks with a "
    "cell tagged 'statement'.",
)
@click.option(
    "--assignments",
    "assignments_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The CSV written by 'uprkit simulate assign', to check who spoke for whom.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Draft Working Group report (.html); the outcome table goes beside it (.csv).",
)
@friendly_errors
def cohort_command(
    state_under_review, registered, seed, session, statements_path, assignments_path, out_path
):
    """Run the dialogue with the cohort's statements and write the report and outcome table."""
    from uprkit.simulations.dialogue import (
        plan_dialogue,
        read_statements_csv,
        read_statements_notebooks,
        run_cohort_dialogue,
        write_report_html,
    )

    dialogue = plan_dialogue(state_under_review, registered=registered, seed=seed, session=session)
    if statements_path.is_dir():
        statements = read_statements_notebooks(statements_path)
    else:
        statements = read_statements_csv(statements_path)
    assignments = None
    if assignments_path is not None:
        with assignments_path.open(encoding="utf-8") as handle:
            assignments = {r["participant_id"]: r["delegation"] for r in csv.DictReader(handle)}
    outcome = run_cohort_dialogue(dialogue, statements, seed=seed, assignments=assignments)
    write_report_html(outcome.report, out_path)
    table_path = out_path.with_suffix(".csv")
    outcome.table.to_csv(table_path, index=False, encoding="utf-8")
    for problem in outcome.problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(
        f"{len(outcome.table)} participants' statements used, {len(outcome.problems)} problem(s). "
        f"Report: {out_path}; outcome table: {table_path}"
    )
