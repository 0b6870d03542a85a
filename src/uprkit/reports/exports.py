"""Report tables on disk: CSV (UTF-8 with BOM) and one XLSX workbook per report, and back.

The report templates read the tables back with :func:`load_tables` / :func:`load_funder_tables`,
so the HTML shows exactly what the exports hold.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pandas as pd

from uprkit.errors import WorkshopError
from uprkit.reports.tables import CohortTables, FunderTables

__all__ = ["export_tables", "load_tables", "load_funder_tables", "remove_cohort_exports"]


def export_tables(
    tables: CohortTables | FunderTables, folder, *, workbook: str = "cohort_tables.xlsx"
) -> tuple[Path, ...]:
    """Write each table as CSV (UTF-8 with BOM, so spreadsheet programs read Arabic names) and all
    of them as sheets of one workbook (``cohort_tables.xlsx`` unless named)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    workbook = folder / workbook
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    written.append(workbook)
    return tuple(written)


def load_tables(folder) -> CohortTables:
    """Read the tables back (what the report templates do)."""
    return _read_tables(folder, CohortTables)


def load_funder_tables(folder) -> FunderTables:
    """Read the funder report's totals back (what its template does)."""
    return _read_tables(folder, FunderTables)


def _read_tables(folder, table_set):
    folder = Path(folder)
    values = {}
    for field in fields(table_set):
        path = folder / f"{field.name}.csv"
        if not path.exists():
            raise WorkshopError(f"{path} is missing; build the report with `uprkit report`")
        values[field.name] = pd.read_csv(
            path, encoding="utf-8-sig", keep_default_na=False, na_values=[""]
        )
    return table_set(**values)


def remove_cohort_exports(folder: Path) -> None:
    """Delete whole-cohort tables that an earlier uprkit wrote where only a transcript's or the
    funder's tables belong, so that no old export keeps everyone's rows there."""
    for name in [*(f"{field.name}.csv" for field in fields(CohortTables)), "cohort_tables.xlsx"]:
        (folder / name).unlink(missing_ok=True)
