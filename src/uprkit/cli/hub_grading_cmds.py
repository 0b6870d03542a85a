"""The trainer's steps through the hub's exchange: ``uprkit hub release/collect/grade/feedback``.

Each command forwards to one function of :mod:`uprkit.hub.grading`; run them as the trainer's
Unix user (the owner of the workshop folder and of the course's exchange folder). ``uprkit
hub`` adds them with :func:`add_to`; ``python -m uprkit.cli.hub_grading_cmds`` runs them alone.
Participants appear by id, never by name.
"""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import LANGUAGE_CHOICE, friendly_errors, workshop_option
from uprkit.hub.exchange import DEFAULT_EXCHANGE_ROOT
from uprkit.workshop.folder import open_workshop

__all__ = ["COMMANDS", "add_to", "hub_grading"]

course_option = click.option(
    "--course", required=True, help="The cohort's course id (as in `uprkit hub add-cohort`)."
)
exchange_option = click.option(
    "--exchange",
    "exchange_root",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help=(
        f"nbgrader's exchange root (default: {DEFAULT_EXCHANGE_ROOT}, the hub's in the default "
        "prefix; a hub installed with --prefix P uses P/exchange)."
    ),
)


def _exchange(root: Path | None) -> Path:
    """The exchange given, else nbgrader's default (the default hub's, see
    :func:`uprkit.hub.cohort.exchange_root`)."""
    return root if root is not None else DEFAULT_EXCHANGE_ROOT


language_option = click.option(
    "--language",
    type=LANGUAGE_CHOICE,
    default=None,
    help="Default: `language` in workshop.toml, else English.",
)


@click.command("release")
@click.argument("assignment")
@course_option
@exchange_option
@language_option
@workshop_option
@friendly_errors
def release_command(assignment, course, exchange_root, language, workshop_dir):
    """Generate ASSIGNMENT and release it to the course's participants through the exchange."""
    from uprkit.hub.grading import release_to_exchange

    ws = open_workshop(workshop_dir)
    target = release_to_exchange(
        ws, assignment, course=course, exchange_root=_exchange(exchange_root), language=language
    )
    click.echo(f"released {assignment} to {course}: {target}")
    click.echo("participants: Assignments tab > Fetch (or `nbgrader fetch_assignment`)")


@click.command("collect")
@click.argument("assignment")
@course_option
@exchange_option
@workshop_option
@friendly_errors
def collect_command(assignment, course, exchange_root, workshop_dir):
    """Collect each participant's newest submission of ASSIGNMENT from the exchange."""
    from uprkit.hub.grading import collect_from_exchange

    ws = open_workshop(workshop_dir)
    result = collect_from_exchange(
        ws, assignment, course=course, exchange_root=_exchange(exchange_root)
    )
    click.echo(f"collected {len(result.collected)} submission(s) of {assignment}")
    for problem in result.problems:
        click.echo(f"  ! {problem}")
    click.echo(f"next: uprkit hub grade {assignment} --course {course}")


@click.command("grade")
@click.argument("assignment")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Parallel kernels.")
@click.option("--force", is_flag=True, help="Regrade submissions already graded and unchanged.")
@workshop_option
@friendly_errors
def grade_command(assignment, workers, force, workshop_dir):
    """Grade the collected submissions of ASSIGNMENT in the sandbox (bubblewrap)."""
    from uprkit.hub.grading import grade

    run = grade(open_workshop(workshop_dir), assignment, workers=workers, force=force)
    counts = {}
    for result in run.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing new"
    click.echo(f"{assignment}: {summary} in {run.seconds:.1f} s")
    for result in run.results:
        for flag in result.flags:
            if flag != "needs manual grading":
                click.echo(f"  {result.participant_id}: {flag}")
    click.echo(
        f"written answers: uprkit rubric sheet {assignment}, then uprkit rubric apply; "
        f"then: uprkit hub feedback {assignment}"
    )


@click.command("feedback")
@click.argument("assignment")
@course_option
@exchange_option
@language_option
@workshop_option
@friendly_errors
def feedback_command(assignment, course, exchange_root, language, workshop_dir):
    """Write the feedback pages of ASSIGNMENT and release them through the exchange."""
    from uprkit.hub.grading import release_feedback

    released, missing = release_feedback(
        open_workshop(workshop_dir),
        assignment,
        course=course,
        exchange_root=_exchange(exchange_root),
        language=language,
    )
    click.echo(f"feedback released to {len(released)} participant(s) of {course}")
    for pid, why in sorted(missing.items()):
        click.echo(f"  no feedback for {pid}: {why}")
    click.echo("participants: Assignments tab > Fetch Feedback")


@click.command("trainer-config")
@course_option
@exchange_option
@workshop_option
@friendly_errors
def trainer_config_command(course, exchange_root, workshop_dir):
    """Write your ~/.jupyter/nbgrader_config.py for the course (exchange, gradebook, and the
    formgrader's grading buttons pointing to these commands). Run as the trainer."""
    import getpass

    from uprkit.hub.grading import write_trainer_config

    path = write_trainer_config(
        open_workshop(workshop_dir), course, getpass.getuser(), _exchange(exchange_root)
    )
    click.echo(f"written: {path} (restart the hub's formgrader service to read it)")


COMMANDS = (
    release_command,
    collect_command,
    grade_command,
    feedback_command,
    trainer_config_command,
)


def add_to(group: click.Group) -> None:
    """Add the trainer's exchange commands to ``group`` (``uprkit hub``)."""
    for command in COMMANDS:
        group.add_command(command)


@click.group("hub-grading")
def hub_grading() -> None:
    """The trainer's steps through the exchange (also under `uprkit hub`)."""


add_to(hub_grading)

if __name__ == "__main__":
    hub_grading()
