"""The cohort roster: who takes part, read from a trainer's CSV and checked line by line.

A roster is the one file that ties a workshop's people to nbgrader student ids, so every problem
is reported with the file, the line and the valid choices instead of being guessed around.

>>> import io, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "roster.csv").write_text(
...     "participant_id,name,gender,region\\n"
...     "p01,Amina,woman,Africa\\n"
...     "p02,Karim,man,Middle East and North Africa\\n", encoding="utf-8")
>>> load_roster(folder / "roster.csv")["participant_id"].tolist()
['p01', 'p02']
"""

from __future__ import annotations

import csv
import enum
import io
import re
from pathlib import Path

import pandas as pd

from uprkit.errors import RosterError

__all__ = [
    "Gender",
    "Region",
    "REQUIRED_COLUMNS",
    "OPTIONAL_COLUMNS",
    "load_roster",
    "check_participant_id",
]


class Region(enum.Enum):
    """The regions participants come from (shared contract: roster ``region`` column)."""

    AFRICA = "Africa"
    ASIA_PACIFIC = "Asia-Pacific"
    MIDDLE_EAST_NORTH_AFRICA = "Middle East and North Africa"
    LATIN_AMERICA_CARIBBEAN = "Latin America and the Caribbean"
    EASTERN_EUROPE = "Eastern Europe"


class Gender(enum.Enum):
    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non-binary"
    UNDISCLOSED = "undisclosed"


REQUIRED_COLUMNS = ("participant_id", "name", "gender", "region")
OPTIONAL_COLUMNS = ("country", "organisation", "email", "language")

# nbgrader uses the student id as a folder name and in its database; keep it to plain ASCII so it
# survives every file system, zip tool and shell a trainer may use.
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def check_participant_id(participant_id: str) -> str | None:
    """Return why ``participant_id`` cannot be an nbgrader student id, or None when it can.

    >>> check_participant_id("p01") is None
    True
    >>> print(check_participant_id("amina/1"))  # doctest: +ELLIPSIS
    'amina/1' may only contain ASCII letters, digits, '-' and '_' (start with ...)
    """
    if _ID_PATTERN.match(participant_id):
        return None
    return (
        f"{participant_id!r} may only contain ASCII letters, digits, '-' and '_' "
        "(start with a letter or digit, at most 64 characters)"
    )


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RosterError(
            path,
            f"is not UTF-8: byte 0x{raw[exc.start]:02x} at character {column} cannot be read; "
            "save the file as UTF-8 (in Excel: Save As > 'CSV UTF-8'; in LibreOffice: "
            "character set 'Unicode (UTF-8)') and try again",
            line=line,
        ) from None


def _match_choice(value: str, enum_cls: type[enum.Enum]) -> str | None:
    wanted = value.strip().casefold()
    for member in enum_cls:
        if member.value.casefold() == wanted:
            return member.value
    return None


def _csv_reader(text: str):
    """Commas, or semicolons as Excel saves "CSV" where the decimal mark is a comma."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def load_roster(path) -> pd.DataFrame:
    """Read and check a roster CSV; return one row per participant.

    Columns: ``participant_id, name, gender, region`` (required; gender and region are
    categoricals) and any of ``country, organisation, email, language``; ',' or ';', BOM or
    not; a line repeated exactly is read once (the same id with other values is an error). Raises
    :class:`~uprkit.errors.RosterError` naming the file, the line and the problem.
    """
    path = Path(path)
    if not path.is_file():
        raise RosterError(path, "no such file; pass the roster CSV the trainer prepared")
    reader = _csv_reader(_decode(path, path.read_bytes()))
    try:
        header = next(reader)
    except StopIteration:
        raise RosterError(
            path, f"is empty; expected a header line with {', '.join(REQUIRED_COLUMNS)}"
        ) from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RosterError(
            path,
            f"missing required column(s) {', '.join(missing)}; "
            f"found {', '.join(header) or 'none'}; "
            f"expected {', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})",
            line=1,
        )
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise RosterError(path, f"column(s) {', '.join(duplicates)} appear twice", line=1)
    keep = [c for c in header if c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    rows: list[dict[str, str]] = []
    first_line: dict[str, int] = {}
    seen: dict[str, dict[str, str]] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise RosterError(
                path,
                f"has {len(values)} values but the header has {len(header)} columns",
                line=line,
            )
        row = {c: v.strip() for c, v in zip(header, values, strict=True) if c in keep}
        participant_id = row["participant_id"]
        if not participant_id:
            raise RosterError(path, "participant_id is empty", line=line)
        problem = check_participant_id(participant_id)
        if problem:
            raise RosterError(path, f"invalid participant_id: {problem}", line=line)
        if participant_id in first_line and row == seen[participant_id]:
            continue  # the same line twice (pasted twice): nothing differs, nothing is lost
        if participant_id in first_line:
            raise RosterError(
                path,
                f"duplicate participant_id {participant_id!r} (first used on line "
                f"{first_line[participant_id]}); every participant needs their own id",
                line=line,
            )
        first_line[participant_id] = line
        seen[participant_id] = dict(row)
        if not row["name"]:
            raise RosterError(path, f"name is empty for {participant_id!r}", line=line)
        for column, enum_cls in (("gender", Gender), ("region", Region)):
            canonical = _match_choice(row[column], enum_cls)
            if canonical is None:
                valid = ", ".join(repr(m.value) for m in enum_cls)
                raise RosterError(
                    path, f"unknown {column} {row[column]!r}; valid values: {valid}", line=line
                )
            row[column] = canonical
        rows.append(row)
    if not rows:
        raise RosterError(path, "has a header but no participants")
    frame = pd.DataFrame(rows, columns=keep)
    frame["gender"] = pd.Categorical(frame["gender"], categories=[g.value for g in Gender])
    frame["region"] = pd.Categorical(frame["region"], categories=[r.value for r in Region])
    return frame
