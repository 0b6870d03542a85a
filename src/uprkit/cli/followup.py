"""``uprkit followup ...``: a civil-society follow-up matrix (new, check, merge, report)."""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import friendly_errors, main, refuse_overwrite

_ENCODING_HELP = (
    "Text encoding of CSV files: mac-roman, cp1252, latin-1 or utf-8. Default: UTF-8 when valid, "
    "else told from the bytes."
)


@main.group("followup")
def followup() -> None:
    """Track what a State does with its recommendations: one matrix a coalition shares."""


@followup.command("new")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--state", required=True, help="State under review: ISO3 code or name (KEN).")
@click.option("--cycle", required=True, type=int, help="UPR cycle, 1-4.")
@click.option(
    "--from",
    "export",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A UPR Info export (CSV or folder) or SDG-HR Data Explorer workbook (.xlsx or folder). "
    "Default: the kit's illustrative corpus (10 States, cycle 4; not UN records).",
)
@click.option("--force", is_flag=True, help="Replace the matrix files if they exist.")
@friendly_errors
def new(folder: Path, state: str, cycle: int, export: Path | None, force: bool) -> None:
    """Make FOLDER/followup-<STATE>-cycle<N>.xlsx and its .csv twin: one row per recommendation."""
    # Imported here: pandas, openpyxl and the analyser cost ~0.6 s that `uprkit --help` skips.
    from uprkit.simulations.followup.workflow import create_matrix, matrix_paths

    for path in matrix_paths(folder, state=state, cycle=cycle):
        refuse_overwrite(path, force)
    build, written = create_matrix(folder, state=state, cycle=cycle, export=export)
    clusters = build.matrix["cluster"].nunique()
    click.echo(f"{len(build.matrix)} recommendations in {clusters} clusters, from {build.source}")
    if len(build.import_problems):
        click.echo(f"{len(build.import_problems)} rows of the export not understood (see below)")
    for path in written:
        click.echo(f"  → {path}")


@followup.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--encoding", default=None, help=_ENCODING_HELP)
@friendly_errors
def check(file: Path, encoding: str | None) -> None:
    """Check a matrix FILE (.xlsx or .csv) against its schema; exit 1 if any fault is found."""
    from uprkit.simulations.followup.checks import problems_summary
    from uprkit.simulations.followup.workflow import check_file

    problems = check_file(file, encoding=encoding)
    if problems.empty:
        click.echo(f"{file}: valid")
        return
    click.echo(problems_summary(problems, limit=50))
    raise click.ClickException(f"{file}: {len(problems)} faults; fix them and check again")


@followup.command("merge")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--base",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The matrix as it was shared: tells a partner who changed nothing from one who did.",
)
@click.option("--encoding", default=None, help=_ENCODING_HELP)
@click.option("--force", is_flag=True, help="Replace OUT (and its twins) if they exist.")
@friendly_errors
def merge(out: Path, files: tuple[Path, ...], base: Path | None, encoding, force: bool) -> None:
    """Merge partners' copies FILES of one matrix into OUT, keeping every disagreement.

    Conflicts (two partners changed one cell differently) are listed with each version, for a
    person to decide; the merged row's conflict column says which columns to decide.
    """
    from uprkit.simulations.followup.workflow import merge_files, merge_outputs

    for path in merge_outputs(out):
        refuse_overwrite(path, force)
    result = merge_files(out, files, base=base, encoding=encoding)
    rows = result.conflicts["recommendation_id"].nunique()
    click.echo(f"{len(result.matrix)} recommendations merged from {len(files)} copies → {out}")
    click.echo(f"{len(result.conflicts)} conflicting versions in {rows} rows to decide")
    click.echo(f"{len(result.problems)} other findings (deleted or added rows)")


@followup.command("report")
@click.argument("matrix", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["midterm", "dashboard", "brief"]),
    default="dashboard",
    show_default=True,
    help="midterm: the coalition's mid-term report draft, per cluster; dashboard: progress by "
    "cluster and response against UPR Info's baseline; brief: one page for a dialogue.",
)
@click.option(
    "--language", default="en", show_default=True, help="en, fr, es or ar (right to left)."
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the HTML page, its executed notebook and its tables.",
)
@click.option(
    "--since",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The earlier version to compare with. Default: the last saved version "
    "(MATRIX.versions/, kept by every save from the widget).",
)
@click.option(
    "--people",
    "people_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A text file of names to hide (one a line), beside the CSO leads and titled names.",
)
@click.option(
    "--with-names",
    is_flag=True,
    help="Show people's names instead of pseudonyms (a copy for the coalition only).",
)
@friendly_errors
def report(matrix: Path, kind: str, language: str, out_dir: Path, since, people_file, with_names):
    """Make a report on MATRIX (.xlsx or .csv): papermill on a real kernel, self-contained HTML."""
    from uprkit.reports.followup import build_followup_report

    result = build_followup_report(
        matrix,
        out_dir,
        kind=kind,
        language=language,
        with_names=with_names,
        people_file=people_file,
        since=since,
    )
    names = "with names" if with_names else "people pseudonymised"
    click.echo(f"{kind} ({language}, {names}) in {result.seconds:.1f} s → {result.html}")
