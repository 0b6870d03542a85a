"""``uprkit assignment add``: a trainer's own nbgrader assignment, added to a workshop.

The command checks the folder with nbgrader's own checks before copying anything, and says how
it will be graded (nbgrader's defaults, or the kit's with ``--kit-settings``).
"""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import friendly_errors, main, workshop_option
from uprkit.workshop.folder import open_workshop


@main.group("assignment")
def assignment() -> None:
    """Your own nbgrader assignments: add one to a workshop (the kit's are in solutions/)."""


@assignment.command("add")
@click.argument("path", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--kit-settings",
    is_flag=True,
    help=(
        "Grade it as the kit's assignments are: '...' answer stubs, 60 s per cell, a deleted "
        "test cell put back (default: nbgrader's own defaults)."
    ),
)
@workshop_option
@friendly_errors
def add_command(path, kit_settings, workshop_dir):
    """Add your nbgrader source folder PATH (notebooks with answers and tests) to the workshop.

    The folder's name becomes the assignment's name. It is checked first with nbgrader's own
    checks (duplicate grade ids, cells without points, unclosed BEGIN SOLUTION / HIDDEN TESTS
    regions); nothing is copied if a check fails.
    """
    from uprkit.workshop.assignments import add_own_assignment  # nbgrader, ~2 s

    ws = open_workshop(workshop_dir)
    added = add_own_assignment(ws, path, kit_settings=kit_settings)
    points = added["points"]
    click.echo(
        f"added {added['name']}: {points['autograded']:g} autograded + {points['manual']:g} "
        "manual point(s)"
    )
    if added["settings"] == "kit":
        click.echo("graded with the kit's settings ('...' stubs, 60 s per cell, cells put back)")
    else:
        click.echo(
            "graded with nbgrader's defaults (its answer stubs, 30 s per cell, a deleted test "
            "cell scores 0); --kit-settings for the kit's"
        )
    click.echo(f"next: uprkit release {added['name']} -w {ws.root}")
