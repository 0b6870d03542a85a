"""The one reader of a trainer's tables: CSV text in whatever encoding it came in, and workbooks.

Used by every importer (``uprkit.data.importers``) and by ``uprkit analyse``. A CSV that is
valid UTF-8 is read as UTF-8. Otherwise the kit tells Mac Roman (classic Mac Excel, like UPR
Info's export), Windows-1252 and Latin-1 apart by which gives plausible letters, then by the
line ends (old Mac files end lines with a bare CR, Windows files with CR LF), and cross-checks
its choice with ``charset-normalizer``. When the two disagree, or the bytes read equally well
two ways, it refuses and asks for ``--encoding`` (``encoding=`` in Python), naming the file:
a wrong guess would silently change names and texts.

>>> text, how = decode_bytes(Path("notes.csv"), "Côte d'Ivoire\\r".encode("mac_roman"))
>>> text, how.split(" (")[0]
("Côte d'Ivoire\\r", 'Mac Roman')
"""

from __future__ import annotations

import codecs
import importlib.util
import io
import re
from pathlib import Path

import charset_normalizer
import pandas as pd

from uprkit.errors import InputFileError

__all__ = [
    "ENCODING_NAMES",
    "WORKBOOK_READING",
    "cell_text",
    "decode_bytes",
    "describe_sheets",
    "excel_engine",
    "is_workbook",
    "read_table",
    "read_text_csv",
    "read_workbook",
    "read_workbook_sheet",
]

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
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def _encoding_name(encoding: str) -> str:
    """The codec's own name ("macroman", "MacRoman" → "mac-roman"); an unknown one is refused."""
    name = codecs.lookup(encoding).name  # LookupError for an unknown encoding
    return {"mac_roman": "mac-roman", "iso8859-1": "latin-1"}.get(name, name)


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


def _sample(raw: bytes, encoding: str) -> str:
    """The first words holding a non-ASCII character, decoded one way: for choosing by eye."""
    start = next(i for i, b in enumerate(raw) if b > 0x7F)
    return raw[max(0, start - 20) : start + 20].decode(encoding, errors="replace").strip()


def _refuse_tie(path: Path, raw: bytes, best: list[str]) -> InputFileError:
    samples = "; ".join(f"{ENCODING_NAMES[e]}: {_sample(raw, e)!r}" for e in best)
    return InputFileError(
        path,
        "is not UTF-8 and its bytes read equally well as "
        + " or ".join(ENCODING_NAMES[e] for e in best)
        + f" ({samples}); pass --encoding "
        + " or --encoding ".join(best)
        + " (encoding= in Python), or save the file as UTF-8",
    )


def _tell_by_letters(path: Path, raw: bytes) -> tuple[str, str]:
    """(encoding, how it was told) from the letters and line ends; refuses a tie."""
    odd: dict[str, int] = {}
    for encoding in _CANDIDATES:
        try:
            odd[encoding] = _unlikely_characters(raw.decode(encoding))
        except UnicodeDecodeError:  # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined
            continue
    if not _C1_BYTES.search(raw):
        odd.pop("latin-1", None)  # the same text as Windows-1252: name the common one
    fewest = min(odd.values())
    best = [e for e in _CANDIDATES if odd.get(e) == fewest]
    if len(best) > 1:
        # Equally plausible letters: the line ends are the last evidence. Old Mac exports
        # (UPR Info's among them) end lines with a bare CR; Windows files with CR LF.
        if b"\r" in raw and b"\r\n" not in raw and "mac-roman" in best:
            return "mac-roman", "told from the bytes: plausible letters and bare CR line ends"
        if b"\r\n" in raw and "cp1252" in best:
            return "cp1252", "told from the bytes: plausible letters and Windows CR LF line ends"
        raise _refuse_tie(path, raw, best)
    others = ", ".join(
        f"{ENCODING_NAMES[e]} would give {n} odd character{'s' if n != 1 else ''}"
        for e, n in odd.items()
        if e != best[0]
    )
    return best[0], "told from the bytes: plausible letters" + (f"; {others}" if others else "")


def _plausible_to_charset_normalizer(raw: bytes) -> set[str]:
    """Which of the candidates charset-normalizer also finds plausible (little "chaos").

    It cannot tell Mac Roman from Windows-1252 in UPR texts (both read without chaos), so it
    only checks: it rules out readings full of control characters or wrong-script letters.
    """
    cn_names = {"mac-roman": "mac_roman", "cp1252": "cp1252", "latin-1": "latin_1"}
    matches = charset_normalizer.from_bytes(raw, cp_isolation=list(cn_names.values()))
    plausible = {_encoding_name(match.encoding) for match in matches}
    if not _C1_BYTES.search(raw) and plausible & {"cp1252", "latin-1"}:
        plausible |= {"cp1252", "latin-1"}  # the same text without bytes 0x80-0x9F
    return plausible


def _guess_encoding(path: Path, raw: bytes) -> tuple[str, str]:
    """(encoding, how it was told) for bytes that are not UTF-8; refuses when unsure."""
    encoding, why = _tell_by_letters(path, raw)
    plausible = _plausible_to_charset_normalizer(raw)
    if encoding in plausible:
        return encoding, f"{why}; checked with charset-normalizer"
    others = [e for e in _CANDIDATES if e in plausible]
    if others:
        instead = "finds " + " or ".join(ENCODING_NAMES[e] for e in others) + " plausible"
    else:
        best = charset_normalizer.from_bytes(raw).best()
        others = [_encoding_name(best.encoding)] if best is not None else []
        instead = f"reads it as {others[0]}" if others else "cannot tell its encoding"
    asked = " or --encoding ".join([encoding, *others])
    raise InputFileError(
        path,
        f"is not UTF-8, and its encoding cannot be told for sure: its letters read best as "
        f"{ENCODING_NAMES[encoding]} ({_sample(raw, encoding)!r}) but charset-normalizer "
        f"finds that reading implausible and {instead}; pass --encoding {asked} "
        "(encoding= in Python), or save the file as UTF-8",
    )


def decode_bytes(path: Path, raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and a line saying which encoding was used and why.

    Without ``encoding``: UTF-8 when the bytes are valid UTF-8, else whichever of Mac Roman,
    Windows-1252 or Latin-1 gives plausible letters, checked with charset-normalizer; when
    unsure, InputFileError asks for ``encoding`` instead of guessing. ``path`` is only named
    in errors.
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
                f"{exc.start} is not valid in it; leave out --encoding to have the kit tell",
            ) from None
        how = f"{ENCODING_NAMES.get(name, name)} (as asked)"
    else:
        try:
            text = raw.decode("utf-8-sig")
            how = "UTF-8"
        except UnicodeDecodeError:
            name, why = _guess_encoding(path, raw)
            text = raw.decode(name)
            how = f"{ENCODING_NAMES[name]} ({why})"
    return text, how


def read_text_csv(
    path: Path, required: tuple[str, ...], what: str, *, encoding: str | None = None
) -> pd.DataFrame:
    """The CSV as text cells; ``frame.attrs["encoding"]`` says how its bytes were decoded.

    ``required`` columns must all be there (else InputFileError naming ``what`` the file
    should be, the columns found and the columns expected).
    """
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError(
            path, f"the file is empty; expected {what} with columns {', '.join(required)}"
        )
    text, how = decode_bytes(path, raw, encoding)
    # Bare CR (old Mac), CRLF (Windows) and LF all become LF; the exports have no newlines in
    # cells.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
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


# ---------------------------------------------------------------------------- workbooks

WORKBOOK_READING = "an Excel workbook (no text encoding)"
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip (xlsx, ods), OLE (old xls)


def excel_engine() -> str | None:
    """pandas' reader for workbooks: calamine (fast) when installed, else pandas' default."""
    # calamine is a dependency; openpyxl (pandas' default) is the fallback.
    return "calamine" if importlib.util.find_spec("python_calamine") else None


def is_workbook(path: Path) -> bool:
    """True for a workbook by its suffix or, whatever its name, by its first bytes."""
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        return True
    with path.open("rb") as handle:
        return handle.read(4) in _EXCEL_SIGNATURES


def read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """All sheets as text-like objects, without a header row (the importers find theirs)."""
    try:
        return pd.read_excel(
            path, sheet_name=None, dtype=object, header=None, engine=excel_engine()
        )
    except Exception as exc:  # the readers raise many unrelated types for a broken workbook
        raise InputFileError(
            path, f"not a readable Excel workbook ({type(exc).__name__}: {exc})"
        ) from exc


def read_workbook_sheet(path: Path, sheet: str | None) -> pd.DataFrame:
    """One sheet of a workbook as text, its first row the header: the named one, or the only one."""
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


def describe_sheets(sheets: dict[str, pd.DataFrame], *, cells: int = 8) -> str:
    """What a workbook holds, for an error: each sheet's name and its first non-empty row."""
    if not sheets:
        return "no sheets"
    parts = []
    for name, sheet in sheets.items():
        rows = sheet.dropna(how="all")
        if rows.empty:
            parts.append(f"sheet {name!r} (empty)")
            continue
        first = [cell_text(v) for v in rows.iloc[0].tolist()]
        while first and not first[-1]:
            first.pop()
        shown = ", ".join(first[:cells]) + (", ..." if len(first) > cells else "")
        parts.append(f"sheet {name!r} (first row: {shown})")
    return "; ".join(parts)


def cell_text(value) -> str:
    """A workbook cell as the text a trainer sees: empty for a blank, "16.1" for 16.1."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):  # a single SDG target stored as a number: 16.1 → "16.1"
        return f"{value:g}"
    return str(value).strip()


# ---------------------------------------------------------------------------- any table


def read_table(
    path: Path, *, encoding: str | None = None, sheet: str | None = None
) -> tuple[pd.DataFrame, str]:
    """A CSV or a workbook sheet as text cells, and how it was read (for ``uprkit analyse``).

    The first row is the header. ``encoding`` is for a CSV (see ``decode_bytes``) and ``sheet``
    for a workbook with several sheets; giving one for the other kind is refused.
    """
    if is_workbook(path):
        if encoding is not None:
            raise InputFileError(
                path, "is an Excel workbook, which carries its own encoding; leave out --encoding"
            )
        return read_workbook_sheet(path, sheet), WORKBOOK_READING
    if sheet is not None:
        raise InputFileError(path, "is a CSV file, which has no sheets; leave out --sheet")
    text, how = decode_bytes(path, path.read_bytes(), encoding)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), how
    except pd.errors.ParserError as exc:
        raise InputFileError(path, f"is not a readable CSV table ({exc})") from exc
    except pd.errors.EmptyDataError as exc:
        raise InputFileError(path, "is empty: expected a CSV table with a header row") from exc
