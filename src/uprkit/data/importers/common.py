"""What every importer shares: the ImportResult, the problems table, reading files and states."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uprkit.data import to_iso3
from uprkit.errors import DataError, InputFileError

PROBLEM_COLUMNS = ("source", "line", "column", "value", "reason", "row_kept")


@dataclass(frozen=True)
class ImportResult:
    """What an importer understood (``data``) and what it did not (``problems``).

    ``encodings`` says, per file read, how its bytes were read: ("1-5.csv", "Mac Roman (told
    from the bytes: ...)"), so a wrong reading can be seen and forced with ``encoding=``.
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    encodings: tuple[tuple[str, str], ...] = ()

    def summary(self, *, max_reasons: int = 12) -> str:
        """One line per reason, for a trainer: how many rows were read and why others were not."""
        lines = [f"{len(self.data)} rows imported, {len(self.problems)} problems"]
        files_by_reading: dict[str, list[str]] = {}
        for name, how in self.encodings:
            files_by_reading.setdefault(how, []).append(name)
        for how, names in files_by_reading.items():
            shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
            lines.append(f"  read as {how}: {shown}")
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


# ---------------------------------------------------------------------------- text encodings

# The 8-bit encodings a trainer's CSV may come in when it is not UTF-8, in the words we report.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "mac-roman": "Mac Roman",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO-8859-1)",
}
_CANDIDATES = ("mac-roman", "cp1252", "latin-1")
# Letters of the languages UPR texts are written in, and the punctuation that goes with them.
_LIKELY_LETTERS = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœßšž" + "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšž".upper()
)
_LIKELY_MARKS = frozenset("’‘“”«»–—…€°§·•©®\u00a0¿¡ºª")


def _encoding_name(encoding: str) -> str:
    """The codec's own name ("macroman", "MacRoman" → "mac-roman"); an unknown one is refused."""
    name = codecs.lookup(encoding).name  # LookupError for an unknown encoding
    return {"mac_roman": "mac-roman", "iso8859-1": "latin-1"}.get(name, name)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def _unlikely_characters(text: str) -> int:
    """How many non-ASCII characters would be odd in a UPR text: control characters, symbols
    such as "ˆ" or "√", and capitals inside a lower-case word ("quitÈ", "rŽforme")."""
    odd = 0
    for found in _NON_ASCII.finditer(text):  # only these can be odd; a file is mostly ASCII
        i, ch = found.start(), found.group()
        if ch in _LIKELY_MARKS:
            continue
        if ch not in _LIKELY_LETTERS:
            odd += 1
        elif ch.isupper() and i and text[i - 1].isalpha() and text[i - 1].islower():
            odd += 1
    return odd


def _guess_encoding(path: Path, raw: bytes) -> tuple[str, str, str]:
    """(encoding, how it was told, the text) for bytes that are not UTF-8; refuses when unsure."""
    odd: dict[str, int] = {}
    texts: dict[str, str] = {}
    for encoding in _CANDIDATES:
        try:
            texts[encoding] = raw.decode(encoding)
        except UnicodeDecodeError:  # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined
            continue
        odd[encoding] = _unlikely_characters(texts[encoding])
    if not _C1_BYTES.search(raw):
        odd.pop("latin-1", None)  # the same text as Windows-1252: name the common one
    fewest = min(odd.values())
    best = [e for e in _CANDIDATES if odd.get(e) == fewest]
    if len(best) > 1:
        # Equally plausible letters: the line ends are the last evidence. Old Mac exports
        # (UPR Info's among them) end lines with a bare CR; Windows files with CR LF.
        if b"\r" in raw and b"\r\n" not in raw and "mac-roman" in best:
            why = "told from the bytes: plausible letters and bare CR line ends"
            return "mac-roman", why, texts["mac-roman"]
        if b"\r\n" in raw and "cp1252" in best:
            why = "told from the bytes: plausible letters and Windows CR LF line ends"
            return "cp1252", why, texts["cp1252"]
        samples = "; ".join(f"{ENCODING_NAMES[e]}: {_sample(raw, e)!r}" for e in best)
        raise InputFileError(
            path,
            "is not UTF-8 and its bytes read equally well as "
            + " or ".join(ENCODING_NAMES[e] for e in best)
            + f" ({samples}); pass --encoding "
            + " or --encoding ".join(best)
            + " (encoding= in Python), or save the file as UTF-8",
        )
    others = ", ".join(
        f"{ENCODING_NAMES[e]} would give {n} odd character{'s' if n != 1 else ''}"
        for e, n in odd.items()
        if e != best[0]
    )
    why = "told from the bytes: plausible letters" + (f"; {others}" if others else "")
    return best[0], why, texts[best[0]]


def _sample(raw: bytes, encoding: str) -> str:
    """The first words holding a non-ASCII character, decoded one way: for choosing by eye."""
    start = next(i for i, b in enumerate(raw) if b > 0x7F)
    return raw[max(0, start - 20) : start + 20].decode(encoding, errors="replace").strip()


def _decode(path: Path, raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and a line saying which encoding was used and why.

    Without ``encoding``: UTF-8 when the bytes are valid UTF-8, else whichever of Mac Roman
    (classic Mac Excel, like UPR Info's export), Windows-1252 or Latin-1 gives plausible letters;
    when two are equally plausible, InputFileError asks for ``encoding`` instead of guessing.
    """
    if encoding is not None:
        try:
            name = _encoding_name(encoding)
        except LookupError:
            raise InputFileError(
                path,
                f"unknown encoding {encoding!r}; expected one of "
                + ", ".join(f"{e} ({n})" for e, n in ENCODING_NAMES.items()),
            ) from None
        try:
            text = raw.decode("utf-8-sig" if name == "utf-8" else name)
        except UnicodeDecodeError as exc:
            raise InputFileError(
                path,
                f"cannot be read as {encoding}: byte 0x{raw[exc.start]:02x} at offset "
                f"{exc.start} is not valid in it; leave out --encoding to have the importer tell",
            ) from None
        how = f"{ENCODING_NAMES.get(name, name)} (as asked)"
    else:
        try:
            text = raw.decode("utf-8-sig")
            how = "UTF-8"
        except UnicodeDecodeError:
            name, why, text = _guess_encoding(path, raw)
            how = f"{ENCODING_NAMES[name]} ({why})"
    # Bare CR (old Mac), CRLF (Windows) and LF all become LF; the export has no newlines in fields.
    return text.replace("\r\n", "\n").replace("\r", "\n"), how


def _read_text_csv(
    path: Path, required: tuple[str, ...], what: str, *, encoding: str | None = None
) -> pd.DataFrame:
    """The CSV as text cells; ``frame.attrs["encoding"]`` says how its bytes were decoded."""
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError(
            path, f"the file is empty; expected {what} with columns {', '.join(required)}"
        )
    text, how = _decode(path, raw, encoding)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
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
    frame.attrs["encoding"] = how
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


def excel_engine() -> str | None:
    """pandas' reader for workbooks: calamine (fast) when installed, else pandas' default."""
    try:
        import python_calamine  # noqa: F401

        return "calamine"
    except ImportError:  # pragma: no cover - calamine is a dependency; openpyxl is the fallback
        return None


def _read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """All sheets as text-like objects."""
    try:
        return pd.read_excel(path, sheet_name=None, dtype=object, header=None,
                             engine=excel_engine())
    except Exception as exc:  # the readers raise many unrelated types for a broken workbook
        raise InputFileError(
            path, f"not a readable Excel workbook ({type(exc).__name__}: {exc})"
        ) from exc


WORKBOOK_READING = "an Excel workbook (no text encoding)"


def _describe_sheets(sheets: dict[str, pd.DataFrame], *, cells: int = 8) -> str:
    """What a workbook holds, for an error: each sheet's name and its first non-empty row."""
    if not sheets:
        return "no sheets"
    parts = []
    for name, sheet in sheets.items():
        rows = sheet.dropna(how="all")
        if rows.empty:
            parts.append(f"sheet {name!r} (empty)")
            continue
        first = [_cell_text(v) for v in rows.iloc[0].tolist()]
        while first and not first[-1]:
            first.pop()
        shown = ", ".join(first[:cells]) + (", ..." if len(first) > cells else "")
        parts.append(f"sheet {name!r} (first row: {shown})")
    return "; ".join(parts)


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):  # a single SDG target stored as a number: 16.1 → "16.1"
        return f"{value:g}"
    return str(value).strip()
