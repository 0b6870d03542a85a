"""The click groups every command module attaches to.

Each trainer command is a thin caller of one library function: it parses options, calls the
function, prints the result, and turns a ``UprkitError`` into a clear one-line message and exit code 1.
"""

from __future__ import annotations

import functools

import click

from uprkit.errors import UprkitError


def friendly_errors(func):
    """Show an ``UprkitError`` as one clear line instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UprkitError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


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
