"""`uprkit report` (cohort summary, transcripts, funder report, certificates) and `uprkit demo`.

Other modules attach subcommands to the ``report`` group (e.g. ``uprkit report briefing``) by
importing it from here. Each command imports its library module when it runs, so that
``uprkit --help`` does not pay for them (savings measured with ``python -X importtime -c
'import uprkit.cli; import MODULE'``, over what ``uprkit.cli`` already loads, pandas included).
"""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import (
    LANGUAGE_CHOICE,
    friendly_errors,
    main,
    with_names_option,
    workshop_option,
)
from uprkit.workshop.folder import open_workshop


@main.group(invoke_without_command=True)
@workshop_option
@with_names_option
@click.option(
    "--kind",
    type=click.Choice(["cohort", "transcript", "funder"]),
    default="cohort",
    show_default=True,
    help="Which report to build.",
)
@click.option(
    "--participant",
    default=None,
    help="With --kind transcript: whose transcript (their participant id), or 'all' for "
    "everyone with a graded assignment. Each gets their own file, named by pseudonym.",
)
@click.option(
    "--language",
    type=LANGUAGE_CHOICE,
    default=None,
    help="Language of the report (default: 'language' in workshop.toml, else English); a "
    "transcript follows its participant's roster language first. Tables stay in English.",
)
@click.pass_context
@friendly_errors
def report(ctx, workshop_dir, with_names, kind, participant, language):
    """Build a workshop report (HTML + CSV/XLSX tables) into <workshop>/reports/.

    Pseudonymised unless --with-names; groups under three people are merged. A transcript
    holds only its participant's own results; the funder report holds only totals.
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"workshop_dir": workshop_dir, "with_names": with_names}
        return
    # 0.05-0.2 s of import today (~0.4 s without the pandas uprkit.cli already loads)
    from uprkit.reports.build import build_report
    from uprkit.reports.transcripts import build_transcripts

    ws = open_workshop(workshop_dir)
    if kind == "transcript":
        for result in build_transcripts(ws, participant, with_names=with_names, language=language):
            click.echo(f"Transcript ({result.seconds:.1f} s): {result.html}")
        return
    result = build_report(
        ws, kind=kind, with_names=with_names, participant=participant, language=language
    )
    click.echo(f"Tables: {result.tables[0].parent}")
    click.echo(f"Report ({result.seconds:.1f} s): {result.html}")


@report.command("certificates")
@click.option("--place", default="", help="Where the workshop was held (else a blank to fill).")
@click.option("--start", default="", help="First day, as it should print (else a blank).")
@click.option("--end", default="", help="Last day, as it should print (else a blank).")
@click.option("--trainer", default="", help="Trainer's name (else a blank).")
@click.option(
    "--language",
    type=LANGUAGE_CHOICE,
    default=None,
    help="Language of a certificate when the roster gives none for the person (default: "
    "'language' in workshop.toml, else English).",
)
@click.option(
    "--everyone", is_flag=True, help="One for every roster row, not only those who handed in work."
)
@click.pass_context
@friendly_errors
def certificates_command(ctx, place, start, end, trainer, language, everyone):
    """Certificates of participation WITH NAMES, one HTML page per person (print or PDF them).

    Written into <workshop>/reports/certificates-with-names/: these pages name people, so hand
    each one to its person and do not share the folder.
    """
    from uprkit.training.certificates import write_certificates

    ws = open_workshop((ctx.obj or {}).get("workshop_dir"))
    result = write_certificates(
        ws,
        place=place,
        start=start,
        end=end,
        trainer=trainer,
        language=language,
        everyone=everyone,
    )
    click.echo(f"{len(result.files)} certificate(s) with names: {result.folder}")
    if result.without_work:
        click.echo(
            f"left out (handed in nothing; --everyone to include): {len(result.without_work)}"
        )


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default="demo-workshop")
@click.option(
    "--assignment",
    "assignments",
    multiple=True,
    help="Only these assignments (repeat the option); default: all of them.",
)
@click.option(
    "--participants",
    type=click.IntRange(min=1),
    default=None,
    help="Only the first N people of the demo roster (default: all 20).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the demo cohort's submissions.")
@friendly_errors
def demo(folder, assignments, participants, seed):
    """Run the whole workshop cycle on the fictional demo cohort in FOLDER (new or empty)."""
    from uprkit.training.demo import run_demo  # 1.3-1.9 s of import (nbgrader, nbclient, ...)

    run_demo(
        folder,
        assignments=list(assignments) or None,
        participants=participants,
        seed=seed,
        out=click.echo,
    )
