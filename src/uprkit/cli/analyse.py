"""``uprkit analyse``: run the recommendation analyser over a table (CSV or Excel)."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from uprkit.cli._groups import friendly_errors, main, refuse_overwrite
from uprkit.errors import DataError, InputFileError
from uprkit.recommendations import CATEGORY_LABELS, assess_column

_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip (xlsx, ods), OLE (old xls)


def _is_workbook(path: Path) -> bool:
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        return True
    with path.open("rb") as handle:
        return handle.read(4) in _EXCEL_SIGNATURES


def _read_workbook_sheet(path: Path, sheet: str | None) -> pd.DataFrame:
    """One sheet of a workbook as text: the named one, or the only one."""
    from uprkit.data.importers.common import excel_engine

    try:
        sheets = pd.ExcelFile(path, engine=excel_engine())
    except Exception as exc:  # the readers raise many unrelated types for a broken workbook
        raise InputFileError(
            path, f"looks like an Excel workbook but cannot be read ({type(exc).__name__}: {exc})"
        ) from exc
    with sheets:
        names = [str(n) for n in sheets.sheet_names]
        listed = ", ".join(map(repr, names))
        if sheet is None and len(names) != 1:
            raise InputFileError(
                path, f"is an Excel workbook with sheets {listed}; choose one with --sheet NAME"
            )
        if sheet is not None and sheet not in names:
            raise InputFileError(path, f"has no sheet {sheet!r}; its sheets are {listed}")
        table = pd.read_excel(sheets, sheet_name=sheet or names[0], dtype=object)
    # Cells as text, as a CSV would give them; empty cells are empty texts.
    return table.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))


def _read_table(path: Path, encoding: str | None, sheet: str | None) -> pd.DataFrame:
    if _is_workbook(path):
        if encoding is not None:
            raise click.UsageError(
                f"{path} is an Excel workbook, which carries its own encoding; leave out --encoding"
            )
        return _read_workbook_sheet(path, sheet)
    if sheet is not None:
        raise click.UsageError(f"{path} is a CSV file, which has no sheets; leave out --sheet")
    encoding = encoding or "utf-8-sig"
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise InputFileError(
            path,
            f"cannot be read as {encoding} text (byte {exc.start}); save it as UTF-8, or pass "
            "--encoding (old UPR Info exports are --encoding mac_roman)",
        ) from exc
    except LookupError as exc:
        raise InputFileError(
            path, f"unknown encoding {encoding!r}; try utf-8, utf-8-sig, cp1252 or mac_roman"
        ) from exc
    except pd.errors.ParserError as exc:
        raise InputFileError(path, f"is not a readable CSV table ({exc})") from exc
    except pd.errors.EmptyDataError as exc:
        raise InputFileError(path, "is empty: expected a CSV table with a header row") from exc


@main.command("analyse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Column that holds the recommendation texts.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="CSV to write."
)
@click.option(
    "--prefix",
    default="",
    show_default=True,
    help="Put before the new column names (e.g. analyser_) when FILE already has such columns.",
)
@click.option(
    "--encoding",
    default=None,
    help="Text encoding of a CSV FILE (default utf-8-sig; old UPR Info exports: mac_roman).",
)
@click.option(
    "--sheet",
    default=None,
    help="Sheet to read when FILE is an Excel workbook with several sheets.",
)
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@friendly_errors
def analyse(
    file: Path,
    text_column: str,
    out: Path,
    prefix: str,
    encoding: str | None,
    sheet: str | None,
    force: bool,
) -> None:
    """Add each recommendation's action category (1-5), an explanation and SMART columns.

    FILE is a CSV or an Excel workbook (.xlsx; --sheet when it has several) with one
    recommendation per row. The new columns are action_category, explanation, one true/false
    column per SMART element (empty where the text could not be read) and found_issues. OUT
    is a CSV. For an SDG-Human Rights Data Explorer export the text column is Tekst; to bring
    its other columns into the kit's schema use `uprkit data import sdg-explorer`.
    """
    refuse_overwrite(out, force)
    data = _read_table(file, encoding, sheet)
    try:
        result = assess_column(data, text_column, prefix=prefix)
    except DataError as exc:
        raise InputFileError(file, str(exc)) from exc
    result.to_csv(out, index=False)
    counts = result[prefix + "action_category"].value_counts(dropna=False)
    click.echo(f"{len(result)} recommendations analysed → {out}")
    for category, label in CATEGORY_LABELS.items():
        click.echo(f"  category {category} ({label}): {int(counts.get(category, 0))}")
    unknown = int(result[prefix + "action_category"].isna().sum())
    if unknown:
        click.echo(f"  not classified (see the explanation column): {unknown}")
