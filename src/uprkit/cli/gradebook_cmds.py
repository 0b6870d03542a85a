"""``uprkit workshop gradebook``: where the workshop's gradebook lives, and moving it from the
SQLite file to a PostgreSQL database (a hub or cohort server)."""

from __future__ import annotations

import click

from uprkit.cli._groups import friendly_errors, workshop, workshop_option
from uprkit.workshop.folder import open_workshop


@workshop.group("gradebook")
def gradebook() -> None:
    """The workshop's gradebook: SQLite in the folder (default) or PostgreSQL."""


@gradebook.command("where")
@workshop_option
@friendly_errors
def where_command(workshop_dir):
    """Say where the gradebook is, and check that it can be reached."""
    from uprkit.workshop.gradebook_db import check_gradebook_reachable, gradebook_url, masked

    ws = open_workshop(workshop_dir)
    url = gradebook_url(ws)
    check_gradebook_reachable(url)
    click.echo(f"gradebook: {masked(url)} (reachable)")


@gradebook.command("migrate")
@click.option(
    "--to",
    "target",
    required=True,
    help=(
        "The empty PostgreSQL database, postgresql://USER@HOST[:PORT]/DATABASE (no password "
        "in it: give it in PGPASSWORD or ~/.pgpass)."
    ),
)
@workshop_option
@friendly_errors
def migrate_command(target, workshop_dir):
    """Copy the SQLite gradebook into an empty PostgreSQL database, check every row, then
    switch workshop.toml to it. The SQLite file is kept as it was."""
    from uprkit.workshop.gradebook_migrate import migrate_gradebook  # nbgrader, ~2 s

    ws = open_workshop(workshop_dir)
    done = migrate_gradebook(ws, target)
    rows = sum(done["tables"].values())
    if done["resumed"]:
        click.echo(f"{done['url']} already held an exact copy ({rows} rows): switched to it")
    else:
        tables = len(done["tables"])
        click.echo(f"copied {rows} rows in {tables} tables to {done['url']}; all equal")
    click.echo(
        f"workshop.toml now uses it; {ws.gradebook_path.relative_to(ws.root)} is kept as it was "
        "(delete it once you no longer need the way back)"
    )
