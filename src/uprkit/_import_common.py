"""What every importer shares: the ImportResult, the problems table, reading files and states."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uprkit.data import to_iso3
from uprkit.errors import DataError, InputFileError

PROBLEM_COLUMNS = ("source", "line", "column", "value", "reason", "row_kept")


@dataclass(frozen=True)
class ImportResult:
    """What an importer understood (``data``) and what it did not (``problems``)."""

    data: pd.DataFrame
    problems: pd.DataFrame

    def summary(self, *, max_reasons: int = 12) -> str:
        """One line per reason, for a trainer: how many rows were read and why others were not."""
        lines = [f"{len(self.data)} rows imported, {len(self.problems)} problems"]
        if len(self.problems):
            counts = self.problems.groupby(["column", "reason"], sort=False).size()
            counts = counts.sort_values(ascending=False, kind="stable")
            for (column, reason), n in counts.head(max_reasons).items():
                lines.append(f"  {n:>6} × {column}: {reason}")
            if len(counts) > max_reasons:
                rest, others = int(counts.iloc[max_reasons:].sum()), len(counts) - max_reasons
                lines.append(
                    f"  {rest:>6} × {others} other reason{'s' if others > 1 else ''} "
                    "(all of them in the problems table / *.problems.csv)"
                )
        return "\n".join(lines)


class _Reporter:
    """Collects problems of one file; ``text`` holds the cells as text, one row per data line."""

    def __init__(self, path: Path, text: pd.DataFrame, *, first_line: int = 2):
        self.path = path
        self.text = text
        self.lines = pd.Series(range(first_line, len(text) + first_line), index=text.index)
        self.rows: list[dict] = []

    def report(self, mask: pd.Series, column: str, reason, *, kept: bool = False) -> None:
        """One problem per True row of ``mask``; ``reason`` is a text or a function of the value."""
        for idx in mask[mask].index:
            value = self.text.at[idx, column]
            self.rows.append(
                dict(
                    source=self.path.name,
                    line=int(self.lines[idx]),
                    column=column,
                    value=value,
                    reason=reason(value) if callable(reason) else reason,
                    row_kept=kept,
                )
            )


def _problems(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    frame["line"] = frame["line"].astype("Int64")
    frame["row_kept"] = frame["row_kept"].astype(bool)
    return frame


def _files(path, pattern: str, *, recursive: bool = False) -> list[Path]:
    """The file itself, or the files matching ``pattern`` in a folder (sorted, so runs repeat)."""
    path = Path(path)
    if path.is_dir():
        found = path.rglob(pattern) if recursive else path.glob(pattern)
        files = sorted(p for p in found if p.is_file() and not p.name.startswith("."))
        if not files:
            raise InputFileError(path, f"this folder holds no {pattern} files to import")
        return files
    if not path.is_file():
        raise InputFileError(path, "no such file or folder")
    return [path]


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 if the bytes are valid UTF-8, else Mac Roman (classic Mac Excel, like UPR Info)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("mac_roman")
    # Bare CR (old Mac), CRLF (Windows) and LF all become LF; the export has no newlines in fields.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text_csv(path: Path, required: tuple[str, ...], what: str) -> pd.DataFrame:
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError(
            path, f"the file is empty; expected {what} with columns {', '.join(required)}"
        )
    try:
        frame = pd.read_csv(
            io.StringIO(_decode(path, raw)),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=False,
        )
    except pd.errors.ParserError as exc:
        raise InputFileError(path, f"not a readable CSV file ({exc}); expected {what}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputFileError(
            path,
            f"this is not {what}: missing column(s) {', '.join(missing)}; found "
            f"{', '.join(map(str, frame.columns[:12])) or 'no columns'}; "
            f"expected {', '.join(required)}",
        )
    return frame


def _map_states(values: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """ISO3 per value (None when unknown) and the reason for each unknown value."""
    mapping: dict[str, str | None] = {}
    reasons: dict[str, str] = {}
    for value in values.unique():
        try:
            mapping[value] = to_iso3(value)
        except DataError as exc:
            mapping[value] = None
            reasons[value] = str(exc)
    return values.map(mapping), reasons


def _read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """All sheets as text-like objects; calamine (fast) when installed, else openpyxl."""
    try:
        import python_calamine  # noqa: F401

        engine = "calamine"
    except ImportError:  # pragma: no cover - calamine is a dependency; openpyxl is the fallback
        engine = None
    try:
        return pd.read_excel(path, sheet_name=None, dtype=object, header=None, engine=engine)
    except Exception as exc:  # the readers raise many unrelated types for a broken workbook
        raise InputFileError(
            path, f"not a readable Excel workbook ({type(exc).__name__}: {exc})"
        ) from exc


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):  # a single SDG target stored as a number: 16.1 → "16.1"
        return f"{value:g}"
    return str(value).strip()
