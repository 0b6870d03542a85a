"""The click groups every command module attaches to.

Each trainer command is a thin caller of one library function: it parses options, calls the
function, prints the result, and turns a ``UprkitError`` into a clear one-line message and
exit code 1.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from uprkit.errors import InputFileError, UprkitError


def friendly_errors(func):
    """Show an ``UprkitError`` as one clear line instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UprkitError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def refuse_overwrite(path: Path, force: bool | None = None) -> None:
    """Stop before an output file would be written over. ``force`` is the command's --force
    flag; leave it None for a command that has none (then nothing is ever overwritten)."""
    if not path.exists() or force:
        return
    if force is None:
        raise InputFileError(path, "already exists; choose another --out (nothing is overwritten)")
    raise InputFileError(path, "already exists; choose another --out or add --force to replace it")


def workshop_option_saying(help_text: str):
    """``--workshop/-w DIR``, the workshop a command works on, with its own help text."""
    return click.option(
        "--workshop",
        "-w",
        "workshop_dir",
        default=None,
        help=help_text,
        type=click.Path(file_okay=False, path_type=Path),
    )


workshop_option = workshop_option_saying(
    "Workshop folder (default: $UPRKIT_WORKSHOP, else the folder holding workshop.toml at or "
    "above the current one)."
)

# The kit's languages (uprkit.i18n.messages.LANGUAGES, which costs the CLI's start-up ~0.1 s of
# imports: kept equal to it by tests/cli/test_cli_languages.py).
LANGUAGE_CHOICE = click.Choice(["en", "fr", "es", "ar"])

with_names_option = click.option(
    "--with-names",
    is_flag=True,
    default=False,
    help="Show participants' names instead of pseudonyms (do not share what it shows).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="uprkit")
def main() -> None:
    """uprkit: run a UPR and treaty-body training workshop, from roster to cohort report."""


@main.group()
def workshop() -> None:
    """Create a workshop folder for one cohort (init), or a local workshop pack (new)."""


@main.group()
def data() -> None:
    """Bring real data into the kit (UPR Info, SDG-HR Data Explorer, treaty ratifications)."""


@main.group()
def simulate() -> None:
    """Run a simulation outside the notebooks (e.g. the Working Group dialogue)."""


@main.group()
def cohort() -> None:
    """Select and manage a cohort of participants."""


@main.group()
def hub() -> None:
    """One machine's JupyterHub for an online cohort (install, add-cohort, start, stop)."""
