"""The grading cycle for trainers: workshop init, release, collect, autograde, feedback, status.

Each command parses its options, calls one function of uprkit.workshop or uprkit.grading, and
prints the result. Participants appear by id (or pseudonym) unless ``--with-names`` is given.

Each command imports the function it calls when it runs: at the top they would make every
``uprkit`` command, ``--help`` included, pay for nbgrader (~2 s, feedback), pandas (~0.5 s,
init, collect, status) and the sandbox (~0.2 s, autograde).
"""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import (
    LANGUAGE_CHOICE,
    friendly_errors,
    main,
    with_names_option,
    workshop,
    workshop_option,
)
from uprkit.workshop.folder import (
    list_assignments,
    open_workshop,
    read_workshop_file,
    write_workshop_file,
)


def _open(workshop_dir):
    return open_workshop(workshop_dir)


@workshop.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--roster",
    "roster_csv",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Roster CSV: participant_id,name,gender,region [,country,organisation,email,language].",
)
@click.option(
    "--assignment",
    "assignments",
    multiple=True,
    help=(
        "A kit assignment by name (a folder of solutions/), or the PATH of your own nbgrader "
        "source folder (repeat; default: all the kit's). Your own are graded with nbgrader's "
        "defaults; see also `uprkit assignment add`."
    ),
)
@click.option(
    "--kit-settings",
    is_flag=True,
    help="Grade your own assignments with the kit's settings ('...' stubs, 60 s per cell).",
)
@click.option(
    "--language",
    type=LANGUAGE_CHOICE,
    default=None,
    help="The workshop's language, kept in workshop.toml: reports and certificates use it unless "
    "--language says otherwise (a participant's roster language comes first on their own pages).",
)
@friendly_errors
def init_command(folder, roster_csv, assignments, kit_settings, language):
    """Create (or update) a workshop FOLDER: roster, nbgrader course, gradebook."""
    from uprkit.workshop.prepare import init_workshop  # pandas, ~0.5 s

    ws = init_workshop(
        folder,
        roster_csv,
        assignments=list(assignments) or None,
        own_settings="kit" if kit_settings else "nbgrader",
    )
    if language:
        write_workshop_file(ws, {**read_workshop_file(ws), "language": language})
    click.echo(f"workshop ready: {ws.root}")
    click.echo(f"assignments: {', '.join(list_assignments(ws)) or 'none'}")
    click.echo(f"next: uprkit release ASSIGNMENT -w {ws.root}")


@main.command("release")
@click.argument("assignment")
@workshop_option
@friendly_errors
def release_command(assignment, workshop_dir):
    """Generate the student version of ASSIGNMENT (course/release/ and a .zip to share)."""
    from uprkit.workshop.prepare import release_assignment  # pandas, ~0.5 s

    release = release_assignment(_open(workshop_dir), assignment)
    click.echo(f"released {assignment}: {release} (share {release}.zip with participants)")


@main.command("collect")
@click.argument("assignment")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@workshop_option
@friendly_errors
def collect_command(assignment, path, workshop_dir):
    """Copy participants' files for ASSIGNMENT from a folder or .zip PATH into the course."""
    from uprkit.workshop.collect import collect_submissions  # pandas, ~0.5 s

    result = collect_submissions(_open(workshop_dir), assignment, path)
    click.echo(f"collected {len(result.matched)} submission(s) of {assignment}")
    refused = sum(len(files) for files in result.refused.values())
    copies = sum(len(files) for files in result.copies.values())
    if refused or copies:
        click.echo(
            f"refused {refused} file(s) that are not valid notebooks of {assignment}; "
            f"{copies} extra cop{'y' if copies == 1 else 'ies'} recognised, not graded"
        )
    for problem in result.problems:
        click.echo(f"  ! {problem}")
    if result.quarantine_dir:
        nobody = len(result.unmatched) - refused
        click.echo(
            f"kept in {result.quarantine_dir}: {refused} refused file(s), "
            f"{nobody} file(s) matched to nobody or to no notebook (see WHY.txt there)"
        )


@main.command("autograde")
@click.argument("assignment")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Parallel kernels (default: one per CPU core).",
)
@click.option(
    "--timeout",
    type=click.IntRange(1, 3600),
    default=None,
    help="Seconds per cell (default: the course's nbgrader_config.py).",
)
@click.option(
    "--notebook-timeout",
    type=click.FloatRange(1, 36000),
    default=None,
    help="Seconds for a whole notebook (default: 4 x the cell timeout, at least 60).",
)
@click.option("--force", is_flag=True, help="Regrade submissions already graded and unchanged.")
@click.option(
    "--no-sandbox",
    is_flag=True,
    help="Run participants' code WITHOUT bubblewrap (unsafe; throwaway copies only).",
)
@workshop_option
@friendly_errors
def autograde_command(
    assignment, workers, timeout, notebook_timeout, force, no_sandbox, workshop_dir
):
    """Grade every collected submission of ASSIGNMENT in parallel, sandboxed kernels."""
    from tqdm import tqdm  # ~0.1 s

    from uprkit.grading.autograde import autograde  # the sandbox, ~0.2 s
    from uprkit.workshop.status import collected_count

    ws = _open(workshop_dir)
    earlier_backups = set(ws.backups_dir.glob("gradebook-*.db"))
    if no_sandbox:
        click.echo(
            "WARNING: --no-sandbox: participants' code runs without isolation; it can "
            "read hidden tests and damage the gradebook. Use only on a copy.",
            err=True,
        )
    # The bar counts to the collected submissions; unchanged ones are skipped (not counted).
    total = collected_count(ws, assignment)
    with tqdm(
        total=total,
        desc=f"autograde {assignment}",
        bar_format="{desc}: {n_fmt}/{total_fmt} submissions graded [{elapsed}]",
        disable=total == 0,
    ) as bar:
        run = autograde(
            ws,
            assignment,
            workers=workers,
            timeout=timeout,
            notebook_timeout=notebook_timeout,
            force=force,
            sandbox=not no_sandbox,
            progress=lambda _result: bar.update(1),
        )
        if run.skipped:  # the bar ends at what was graded now, not at what was collected
            bar.total = bar.n
            bar.leave = bar.n > 0  # nothing graded: the summary below says why
    counts = {}
    for result in run.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing new"
    click.echo(
        f"{assignment}: {summary} in {run.seconds:.1f} s"
        + (f"; {len(run.skipped)} unchanged since last run" if run.skipped else "")
    )
    for result in run.results:
        for flag in result.flags:
            if flag != "needs manual grading":
                click.echo(f"  {result.participant_id}: {flag}")
    if run.backup_path in earlier_backups:
        click.echo(f"gradebook unchanged since its last backup ({run.backup_path.name})")
    elif run.backup_path:
        click.echo(f"gradebook backed up to {run.backup_path}")


rubric_file_option = click.option(
    "--rubric",
    "rubric_file",
    default=None,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A rubric YAML of your own (default: grading/rubrics/ASSIGNMENT.yaml).",
)


@main.group("rubric")
def rubric() -> None:
    """Grade the written answers with the kit's rubrics (grading/rubrics/*.yaml)."""


@rubric.command("sheet")
@click.argument("assignment")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=(
        "Where to write it (default: WORKSHOP/grading-sheets/ASSIGNMENT.csv); a name ending "
        "in .xlsx writes an Excel workbook."
    ),
)
@click.option("--force", is_flag=True, help="Replace an existing sheet.")
@rubric_file_option
@workshop_option
@friendly_errors
def rubric_sheet_command(assignment, out, force, rubric_file, workshop_dir):
    """Write a sheet of the answers waiting for a human grade, one line per rubric criterion,
    each with the participant's answer as plain text and a link to their notebook."""
    from uprkit.grading.rubric_sheets import load_rubric, write_grading_sheet  # ~0.2 s

    rubric = load_rubric(assignment, rubric_file) if rubric_file else None
    path, answers = write_grading_sheet(
        _open(workshop_dir), assignment, out, force=force, rubric=rubric
    )
    click.echo(f"{answers} answer(s) of {assignment} to grade: {path}")
    click.echo(
        "fill in 'awarded' for every criterion (0 is a mark; a comment is optional), "
        f"then: uprkit rubric apply {assignment} {path}"
    )


@rubric.command("apply")
@click.argument("assignment")
@click.argument("sheet", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Replace manual grades recorded before (formgrader or an earlier sheet).",
)
@rubric_file_option
@workshop_option
@friendly_errors
def rubric_apply_command(assignment, sheet, force, rubric_file, workshop_dir):
    """Record a filled-in grading SHEET as manual grades, with the criteria as comments."""
    from uprkit.grading.rubric_sheets import apply_grading_sheet, load_rubric  # ~0.2 s

    rubric = load_rubric(assignment, rubric_file) if rubric_file else None
    result = apply_grading_sheet(_open(workshop_dir), assignment, sheet, force=force, rubric=rubric)
    click.echo(
        f"{assignment}: {result.graded} answer(s) graded, {result.unchanged} unchanged, "
        f"{result.blank} left blank"
    )
    if result.kept:
        click.echo(
            f"{len(result.kept)} grade(s) recorded before were kept (--force replaces them):"
        )
        for line in result.kept:
            click.echo(f"  {line}")


@main.command("feedback")
@click.argument("assignment")
@workshop_option
@click.option(
    "--language",
    type=LANGUAGE_CHOICE,
    default=None,
    help="Language of the pages when the roster gives none for the person (default: each "
    "notebook's own, else English).",
)
@friendly_errors
def feedback_command(assignment, workshop_dir, language):
    """Write each graded participant's feedback page: every check's message in plain words, no
    code, traceback or hidden test; one self-contained HTML file each, safe to e-mail."""
    from uprkit.grading.feedback import generate_feedback  # nbgrader, ~2 s

    folders = generate_feedback(_open(workshop_dir), assignment, language=language or "")
    click.echo(f"feedback for {len(folders)} participant(s) in course/feedback/*/{assignment}/")
    for pid, why in sorted(folders.needs_a_look.items()):
        click.echo(f"  needs a look: {pid}: {why}")


@main.command("status")
@workshop_option
@with_names_option
@friendly_errors
def status_command(workshop_dir, with_names):
    """Who submitted what, and the grade or the reason it was not graded."""
    import pandas as pd  # ~0.5 s

    from uprkit.workshop.status import workshop_status

    ws = _open(workshop_dir)
    table = workshop_status(ws)  # with each participant's pseudonym (made on first use)
    table = table.drop(columns=["pseudonym" if with_names else "name"])
    table["submitted_at"] = table["submitted_at"].map(
        lambda t: "" if t is None or pd.isna(t) else f"{t:%Y-%m-%d %H:%M}"
    )
    table["score"] = [
        "" if pd.isna(s) else f"{s:g}/{m:g}"
        for s, m in zip(table["score"], table["max_score"], strict=True)
    ]
    table = table.drop(columns=["max_score"])
    table["needs_manual_grade"] = table["needs_manual_grade"].map({True: "yes", False: ""})
    notes = [
        (pid, assignment, flag)
        for pid, assignment, flags in zip(
            table["participant_id"], table["assignment"], table["flags"], strict=True
        )
        for flag in (flags.split("; ") if flags else [])
        if flag != "needs manual grading"
    ]
    table = table.drop(columns=["flags"]).rename(columns={"needs_manual_grade": "manual grading"})
    with pd.option_context("display.max_rows", None, "display.width", 200):
        click.echo(table.to_string(index=False))
    if notes:
        click.echo("\nwhy:")
        for pid, assignment, flag in notes:
            click.echo(f"  {pid} {assignment}: {flag}")
