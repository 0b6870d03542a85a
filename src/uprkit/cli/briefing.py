"""`uprkit report briefing LOGS_DIR --out briefing.html`: the next morning's briefing sheet."""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import (
    LANGUAGE_CHOICE,
    friendly_errors,
    with_names_option,
    workshop_option_saying,
)
from uprkit.cli.reports import report
from uprkit.workshop.folder import open_workshop


@report.command("briefing")
@click.argument("logs_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("briefing.html"),
    show_default=True,
    help="Where to write the HTML sheet.",
)
@click.option(
    "--day",
    default=None,
    metavar="YYYY-MM-DD",
    help="Brief on this day's logs (default: the latest day in LOGS_DIR).",
)
@with_names_option
@workshop_option_saying(
    "Workshop whose pseudonym key to use (default: the workshop holding LOGS_DIR, else a key "
    "kept in LOGS_DIR)."
)
@click.option(
    "--title", default=None, help="Heading of the sheet (default: 'Morning briefing', translated)."
)
@click.option(
    "--language",
    type=LANGUAGE_CHOICE,
    default="en",
    show_default=True,
    help="Language of the sheet (Arabic right to left); what participants wrote stays as written.",
)
@click.pass_context
@friendly_errors
def briefing_command(ctx, logs_dir, out, day, with_names, workshop_dir, title, language):
    """Merge the participants' daily logs in LOGS_DIR into one briefing sheet (HTML)."""
    # ~0.04 s of import over what `uprkit --help` loads (0.4 s alone); papermill waits for the run
    from uprkit.reports.briefing import build_briefing

    group = ctx.obj or {}
    with_names = with_names or bool(group.get("with_names"))
    workshop_dir = workshop_dir or group.get("workshop_dir")
    if workshop_dir is not None:  # a typo must not plant a pseudonym key in a random folder
        workshop_dir = open_workshop(workshop_dir).root
    result = build_briefing(
        logs_dir,
        out,
        day=day,
        with_names=with_names,
        workshop_root=workshop_dir,
        title=title,
        language=language,
    )
    for name, problem in result.problems:
        click.echo(f"not read: {name}: {problem}", err=True)
    click.echo(
        f"Briefing for {result.day} from {result.logs_read} log(s) "
        f"({result.seconds:.1f} s): {result.html}"
    )
