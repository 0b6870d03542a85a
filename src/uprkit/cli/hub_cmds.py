"""``uprkit hub``: one machine's JupyterHub for an online cohort (install, cohorts, start/stop)."""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli import hub_grading_cmds
from uprkit.cli._groups import LANGUAGE_CHOICE, friendly_errors, hub
from uprkit.hub.install import DEFAULT_PREFIX

prefix_option = click.option(
    "--prefix",
    default=DEFAULT_PREFIX,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the hub lives (env/, node/, kit/, etc/, state/, log/).",
)


@hub.command("install")
@prefix_option
@click.option(
    "--source",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The kit's checkout to install (default: the one this command runs from).",
)
@click.option(
    "--seed",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A venv of the same Python holding the kit's packages to start from (hard links).",
)
@friendly_errors
def install_command(prefix, source, seed):
    """Install (or repair) JupyterHub 5, the kit and the proxy under PREFIX (root, npm)."""
    from uprkit.hub.install import install_hub

    layout = install_hub(prefix, source, seed=seed)
    click.echo(f"hub installed under {layout.prefix}; next: uprkit hub add-cohort ROSTER.csv ...")


@hub.command("add-cohort")
@click.argument("roster", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--course", required=True, help="Course id: lower-case letters, digits, '_'.")
@click.option("--trainer", required=True, help="The trainer's Unix user name (a handle).")
@click.option(
    "--language",
    "-l",
    default="en",
    show_default=True,
    type=LANGUAGE_CHOICE,
    help="The workshop's language.",
)
@click.option(
    "--new-tokens",
    is_flag=True,
    help="New first-login tokens for every participant of the cohort (not the trainer).",
)
@prefix_option
@friendly_errors
def add_cohort_command(roster, course, trainer, language, new_tokens, prefix):
    """Make an account per ROSTER row (named from participant_id, never a name), the
    trainer's account, workshop (~TRAINER/COURSE) and nbgrader config; print each new
    account's first-login token ONCE."""
    from uprkit.hub.cohort import add_cohort

    done = add_cohort(prefix, roster, course, trainer, language, new_tokens=new_tokens)
    click.echo(
        f"cohort {done.course} ({done.language}): {len(done.usernames)} participants, "
        f"trainer {done.trainer}"
    )
    if done.tokens:
        click.echo("first-login tokens (shown once; hand each to its participant privately):")
        for user, _pid, token in done.tokens:
            click.echo(f"  {user}\t{token}")
        click.echo(f"(a copy only root can read: {done.token_file})")
    else:
        click.echo("no new accounts: every token stays as it was")
    _echo_trainer_side(done)
    if done.hub_updated:
        click.echo("the running hub has the new accounts in its groups already")
    else:
        click.echo("the hub loads the cohort's groups when it starts (uprkit hub start)")
    if done.needs_restart:
        click.echo(
            f"the formgrader tab of {done.course} appears after the hub restarts (it stops "
            "everyone's open servers; their files stay): uprkit hub stop && uprkit hub start"
        )


def _echo_trainer_side(done) -> None:
    ws = done.workshop
    if ws is None:
        return
    if ws.made:
        click.echo(f"trainer's workshop made: {ws.path} (theirs only, mode 0700)")
    else:
        click.echo(f"trainer's workshop kept as it was: {ws.path}")
    if ws.roster_differs:
        click.echo(
            f"  its roster is not this roster: the trainer adds new participants with "
            f"uprkit workshop init ~/{done.course} --roster ROSTER.csv (it never removes anyone)"
        )
    click.echo(f"trainer's nbgrader config (the formgrader reads it): {ws.config}")


@hub.command("remove-cohort")
@click.argument("course")
@click.option("--yes", is_flag=True, help="Delete without asking (after printing what goes).")
@prefix_option
@friendly_errors
def remove_cohort_command(course, yes, prefix):
    """Delete a cohort's participants (accounts and homes), exchange folder and tokens."""
    from uprkit.hub.cohort import removal_plan, remove_cohort
    from uprkit.hub.install import HubLayout

    click.echo("this deletes, for good:")
    for line in removal_plan(HubLayout(prefix), course):
        click.echo(f"  {line}")
    if not yes and not click.confirm("go on?", default=False):
        raise click.ClickException("nothing deleted")
    remove_cohort(prefix, course)
    click.echo(f"cohort {course} removed")


@hub.command("start")
@prefix_option
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address the hub listens on.")
@click.option("--port", default=8000, show_default=True, type=int)
@friendly_errors
def start_command(prefix, ip, port):
    """Start the hub in the background (root); its log is in PREFIX/log."""
    from uprkit.hub.service import start_hub

    state = start_hub(prefix, ip, port)
    click.echo(f"hub running (pid {state.pid}) at {state.url}")


@hub.command("stop")
@prefix_option
@friendly_errors
def stop_command(prefix):
    """Stop the hub, its proxy and the participants' servers."""
    from uprkit.hub.service import stop_hub

    click.echo("hub stopped" if stop_hub(prefix) else "the hub was not running")


@hub.command("status")
@prefix_option
@friendly_errors
def status_command(prefix):
    """Say whether the hub runs and answers, and which cohorts it has."""
    from uprkit.hub.cohort import cohorts
    from uprkit.hub.install import HubLayout
    from uprkit.hub.service import status

    state = status(prefix)
    if not state.running:
        click.echo("the hub is not running")
    else:
        health = "answers" if state.healthy else "does NOT answer"
        click.echo(f"hub running (pid {state.pid}) at {state.url}: {health}")
    for course, cohort in sorted(cohorts(HubLayout(prefix)).items()):
        click.echo(
            f"  {course} ({cohort['language']}): {len(cohort['participants'])} "
            f"participants, trainer {cohort['trainer']}"
        )


# the trainer's steps through the exchange (release, collect, grade, feedback)
hub_grading_cmds.add_to(hub)
