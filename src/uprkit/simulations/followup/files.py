"""Save a follow-up matrix as a file a coalition can live with, and read back what partners saved.

XLSX: a "matrix" sheet with a drop-down of the statuses in the status column, and a "statuses"
sheet listing them; numbers stay numbers. CSV: UTF-8 with a byte-order mark (so Excel shows
accents), comma-separated, Windows line ends. Reading accepts what Excel or LibreOffice save
instead: another encoding (told from the bytes by :mod:`uprkit.data.tabular`), a ``;`` or tab
separator, dates stored as dates. Every cell comes back as text, so a round trip compares equal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from uprkit.data.tabular import cell_text, decode_bytes, describe_sheets, is_workbook, read_workbook
from uprkit.errors import InputFileError
from uprkit.simulations.followup.schema import MATRIX_COLUMNS, Status

__all__ = ["MATRIX_SHEET", "read_matrix", "write_matrix", "write_table"]

MATRIX_SHEET = "matrix"
_NUMBER_COLUMNS = ("cycle", "session", "action_category")
_WIDTHS = {"recommendation": 60, "cluster_reason": 40, "evidence": 40, "smart_missing": 30}


def _csv_bytes(table: pd.DataFrame) -> bytes:
    text = table.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _number(value: str):
    """ "4" → 4 in a workbook, so Excel does not flag numbers stored as text."""
    return int(value) if value.isdigit() else value


def _fill_sheet(sheet, table: pd.DataFrame, *, numbers=()) -> None:
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    columns = list(table.columns)
    for row in table.itertuples(index=False):
        sheet.append([_number(v) if c in numbers else v for c, v in zip(columns, row, strict=True)])
    sheet.freeze_panes = "B2"
    for index, name in enumerate(columns):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, max(12, len(name) + 2))


def write_table(table: pd.DataFrame, path, *, sheets: dict[str, pd.DataFrame] | None = None):
    """Write any text table as CSV (UTF-8 with BOM) or XLSX (first sheet "matrix" for a matrix).

    ``sheets`` adds further named sheets to an XLSX (e.g. a merge's conflicts); a CSV has none,
    so they are refused there (write them to their own CSV instead).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        if sheets:
            raise InputFileError(path, "a CSV file holds one table; save as .xlsx for several")
        path.write_bytes(_csv_bytes(table))
        return path
    if path.suffix.lower() != ".xlsx":
        raise InputFileError(path, "unknown file type; expected a name ending in .xlsx or .csv")
    book = Workbook()
    first = book.active
    first.title = MATRIX_SHEET if "recommendation_id" in table.columns else "table"
    _fill_sheet(first, table, numbers=_NUMBER_COLUMNS)
    if "status" in table.columns:
        _add_status_list(book, first, table)
    for name, extra in (sheets or {}).items():
        _fill_sheet(book.create_sheet(name), extra)
    book.save(path)
    return path


def _add_status_list(book, sheet, table: pd.DataFrame) -> None:
    """A drop-down of the statuses in the status column (kept by Excel and LibreOffice)."""
    listing = book.create_sheet("statuses")
    listing.append(["status"])
    for status in Status:
        listing.append([status.value])
    letter = sheet.cell(row=1, column=list(table.columns).index("status") + 1).column_letter
    choice = DataValidation(
        type="list",
        formula1=f"statuses!$A$2:$A${len(Status) + 1}",
        allow_blank=False,
        showErrorMessage=True,
        error=f"Choose one of: {Status.choices()}",
    )
    choice.add(f"{letter}2:{letter}{max(len(table) + 1, 2) + 500}")
    sheet.add_data_validation(choice)


def write_matrix(matrix: pd.DataFrame, path) -> Path:
    """Save ``matrix`` (its columns in the schema's order) as .xlsx or .csv; returns the path."""
    missing = [c for c in MATRIX_COLUMNS if c not in matrix.columns]
    if missing:
        raise InputFileError(
            path, f"not a follow-up matrix: missing column(s) {', '.join(missing)}"
        )
    return write_table(matrix[list(MATRIX_COLUMNS)], path)


def _cell(value) -> str:
    """A workbook cell as the text the CSV would hold: dates as YYYY-MM-DD, 4.0 as "4"."""
    if isinstance(value, dt.datetime | pd.Timestamp):
        if value.hour == value.minute == value.second == 0:
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return cell_text(value)


def _read_workbook_matrix(path: Path) -> tuple[pd.DataFrame, str]:
    sheets = read_workbook(path)
    name = MATRIX_SHEET if MATRIX_SHEET in sheets else next(iter(sheets), None)
    sheet = sheets.get(name) if name is not None else None
    if sheet is None or sheet.dropna(how="all").empty:
        raise InputFileError(
            path,
            f"expected a sheet {MATRIX_SHEET!r} with the matrix; found {describe_sheets(sheets)}",
        )
    cells = sheet.map(_cell)
    header = [c for c in cells.iloc[0]]
    table = cells.iloc[1:].copy()
    table.columns = header
    table = table.loc[:, [bool(h) for h in header]]  # columns LibreOffice pads with nothing
    return table, f"sheet {name!r} of an Excel workbook"


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_csv_matrix(path: Path, encoding: str | None) -> tuple[pd.DataFrame, str]:
    text, how = decode_bytes(path, path.read_bytes(), encoding)
    if not text.strip():
        raise InputFileError(path, "the file is empty; expected a follow-up matrix")
    separator = _separator(text)
    try:
        table = pd.read_csv(
            io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, na_filter=False
        )
    except pd.errors.ParserError as exc:
        raise InputFileError(path, f"not a readable CSV file ({exc})") from exc
    shown = {",": "comma", ";": "semicolon", "\t": "tab"}[separator]
    return table, f"{how}, {shown}-separated"


def read_matrix(path, *, encoding: str | None = None) -> pd.DataFrame:
    """A saved matrix (XLSX or CSV, as the kit or a partner's spreadsheet saved it) as text cells.

    ``frame.attrs`` holds ``source`` (the file) and ``reading`` (how it was read, e.g.
    "Windows-1252 (told from the bytes ...), semicolon-separated"). Columns are not checked
    here: :func:`uprkit.simulations.followup.checks.check_matrix` names every fault.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, "no such file; expected a follow-up matrix (.xlsx or .csv)")
    if is_workbook(path):
        table, how = _read_workbook_matrix(path)
    else:
        table, how = _read_csv_matrix(path, encoding)
    table.columns = [str(c).strip() for c in table.columns]
    table = table.map(lambda v: v.strip() if isinstance(v, str) else _cell(v))
    table = table.reset_index(drop=True)
    kept = ~table.eq("").all(axis=1)  # rows left blank by hand are skipped, not renumbered
    lines = [int(i) + 2 for i in table.index[kept]]
    table = table[kept].reset_index(drop=True)
    table.attrs.update(source=str(path), reading=how, lines=lines)
    return table
