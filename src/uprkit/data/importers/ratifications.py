"""Import treaty ratification tables into one shape: one row per state and treaty.

Three shapes are understood (see ``import_ratifications``): the World Politics Datalab CSVs (one
file per treaty), a UN Treaty Collection scrape (one row per state and treaty, UNTC dates such
as "11 May 1994 (a)"), and the OHCHR ratification dashboard's "underlying data" workbook.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from uprkit.data import load_treaties, to_iso3
from uprkit.data.importers.common import ImportResult, _files, _map_states, _problems
from uprkit.data.tabular import (
    WORKBOOK_READING,
    cell_text,
    describe_sheets,
    read_text_csv,
    read_workbook,
)
from uprkit.errors import DataError, InputFileError

__all__ = ["RATIFICATION_COLUMNS", "import_ratifications"]

RATIFICATION_STATUSES = ("party", "signatory", "not party")
RATIFICATION_ACTIONS = ("ratification", "accession", "succession")
RATIFICATION_COLUMNS = (
    "iso3",
    "treaty",
    "status",
    "signature_date",
    "ratification_date",
    "ratification_year",
    "action",
    "source",
)
WPD_COLUMNS = (
    "iso2",
    "member",
    "state party",
    "year ratification or accession",
    "signatory",
    "status",
)
UNTC_COLUMNS = ("COUNTRY", "Treaty Name", "Signature Date")
UNTC_RATIFIED = "Ratification Date, Accession(a), Succession(d) Date"
_UNTC_ACTIONS = {"": "ratification", "a": "accession", "d": "succession"}


def _treaty_lookup() -> dict[str, str]:
    """Every code, alias and full name of a treaty (case-insensitive) → the kit's treaty code."""
    lookup = {}
    for row in load_treaties().itertuples(index=False):
        names = [row.code, row.name, *(a.strip() for a in (row.aliases or "").split(";"))]
        for name in filter(None, names):
            lookup[_treaty_key(name)] = row.code
    return lookup


def _treaty_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()


def _treaty_code(name: str, lookup: dict[str, str], path: Path) -> str:
    code = lookup.get(_treaty_key(name))
    if code is None:
        raise InputFileError(
            path,
            f"unknown treaty {name!r}; expected one of the kit's treaties: "
            + ", ".join(sorted(set(lookup.values())))
            + " (or their aliases in datasets/treaties.csv)",
        )
    return code


class _Problems(list):
    def add(self, path: Path, line, column: str, value, reason: str, *, kept: bool = False) -> None:
        self.append(
            dict(
                source=path.name,
                line=line,
                column=column,
                value=cell_text(value),
                reason=reason,
                row_kept=kept,
            )
        )


def _states(path: Path, names: pd.Series, lines: pd.Series, column: str, problems: _Problems):
    iso3, reasons = _map_states(names.map(cell_text))
    for idx in iso3[iso3.isna()].index:
        problems.add(path, int(lines[idx]), column, names[idx], reasons[cell_text(names[idx])])
    return iso3


# ---------------------------------------------------------------------------- the three shapes


def _read_wpd(path: Path, raw: pd.DataFrame, lookup, problems: _Problems) -> pd.DataFrame:
    """World Politics Datalab: hr_status_<treaty>.csv with iso2, member, 0/1 flags and a year."""
    match = re.fullmatch(r"hr_status_(.+)\.csv", path.name)
    if not match:
        raise InputFileError(
            path, "cannot tell the treaty: expected a file name like hr_status_iccpr.csv"
        )
    treaty = _treaty_code(match.group(1), lookup, path)
    lines = pd.Series(range(2, len(raw) + 2), index=raw.index)
    iso3 = _states(path, raw["member"], lines, "member", problems)
    _drop_code_name_clashes(path, raw, iso3, lines, problems)
    status = _wpd_status(path, raw, iso3, lines, problems)
    year = pd.to_numeric(raw["year ratification or accession"].str.strip(), errors="coerce")
    keep = iso3.notna() & status.notna()
    return pd.DataFrame(
        {
            "iso3": iso3[keep],
            "treaty": treaty,
            "status": status[keep],
            "signature_date": pd.NaT,
            "ratification_date": pd.NaT,
            "ratification_year": year[keep],
            "action": None,
        }
    )


def _drop_code_name_clashes(path, raw, iso3: pd.Series, lines, problems: _Problems) -> None:
    """The ISO2 code is given too; a name and a code that disagree are reported, not settled."""
    for idx in iso3.dropna().index:
        code = raw.at[idx, "iso2"].strip()
        try:
            by_code = to_iso3(code)
        except DataError:
            continue
        if by_code != iso3[idx]:
            problems.add(
                path,
                int(lines[idx]),
                "iso2",
                code,
                f"code {code} is {by_code} but name {raw.at[idx, 'member']!r} is {iso3[idx]}",
            )
            iso3[idx] = None


_WPD_STATUS_WORDS = {
    "state party": "party",
    "signatory state": "signatory",
    "no action": "not party",
}


def _wpd_status(path, raw, iso3: pd.Series, lines, problems: _Problems) -> pd.Series:
    """Each row's status; None where it is unknown or contradicts the flag and the year.

    The status word, the 0/1 flag and the year must tell the same story; if not, say so.
    Status word and year agreeing against the flag: kept as party, but reported.
    """
    status = raw["status"].str.strip().str.casefold().map(_WPD_STATUS_WORDS)
    for idx in status[status.isna() & iso3.notna()].index:
        problems.add(
            path,
            int(lines[idx]),
            "status",
            raw.at[idx, "status"],
            "unknown status; expected 'state party', 'signatory state' or 'no action'",
        )
    year = pd.to_numeric(raw["year ratification or accession"].str.strip(), errors="coerce")
    flag = raw["state party"].str.strip()
    checked = iso3.notna() & status.notna()
    flag_only = checked & (status == "party") & (flag != "1") & year.notna()
    contradicts = (
        checked
        & ~flag_only
        & (
            ((status == "party") & ((flag != "1") | year.isna()))
            | ((status != "party") & (flag == "1"))
        )
    )
    for idx in flag_only[flag_only].index:
        problems.add(
            path,
            int(lines[idx]),
            "state party",
            flag[idx],
            f"flag 'state party' is {flag[idx]!r} but status and year "
            f"({raw.at[idx, 'year ratification or accession']}) say party: read as party",
            kept=True,
        )
    for idx in contradicts[contradicts].index:
        problems.add(
            path,
            int(lines[idx]),
            "status",
            raw.at[idx, "status"],
            f"status {raw.at[idx, 'status']!r}, 'state party' = {flag[idx]!r} and year "
            f"{raw.at[idx, 'year ratification or accession']!r} contradict each other",
        )
        status[idx] = None
    return status


def _untc_date(value: str) -> tuple[datetime | None, str | None]:
    match = re.fullmatch(r"(\d{1,2} [A-Za-z]{3} \d{4})\s*(?:\((a|d)\))?", value.strip())
    if not match:
        raise ValueError(value)
    return datetime.strptime(match.group(1), "%d %b %Y"), _UNTC_ACTIONS[match.group(2) or ""]


def _read_untc(path: Path, raw: pd.DataFrame, lookup, problems: _Problems) -> pd.DataFrame:
    """UNTC scrape: COUNTRY, Treaty Name, Signature Date, 'Ratification Date, Accession(a), ...'."""
    if UNTC_RATIFIED not in raw.columns:
        raise InputFileError(
            path, f"missing column {UNTC_RATIFIED!r} of a UN Treaty Collection table"
        )
    lines = pd.Series(range(2, len(raw) + 2), index=raw.index)
    iso3 = _states(path, raw["COUNTRY"], lines, "COUNTRY", problems)
    rows = []
    for idx in iso3.dropna().index:
        line = int(lines[idx])
        name = raw.at[idx, "Treaty Name"]
        treaty = lookup.get(_treaty_key(name))
        if treaty is None:
            problems.add(
                path,
                line,
                "Treaty Name",
                name,
                "unknown treaty code; expected a code in datasets/treaties.csv",
            )
            continue
        try:
            signed = (
                _untc_date(raw.at[idx, "Signature Date"])[0]
                if raw.at[idx, "Signature Date"].strip()
                else None
            )
            ratified, action = (
                _untc_date(raw.at[idx, UNTC_RATIFIED])
                if raw.at[idx, UNTC_RATIFIED].strip()
                else (None, None)
            )
        except ValueError as exc:
            problems.add(
                path,
                line,
                "date",
                str(exc),
                "cannot read the date; expected e.g. '04 Feb 1985' or '11 May 1994 (a)'",
            )
            continue
        status = "party" if ratified else "signatory" if signed else "not party"
        rows.append(
            dict(
                iso3=iso3[idx],
                treaty=treaty,
                status=status,
                signature_date=signed,
                ratification_date=ratified,
                ratification_year=ratified.year if ratified else None,
                action=action,
            )
        )
    return pd.DataFrame(rows, columns=list(RATIFICATION_COLUMNS[:-1]))


def _read_ohchr_dashboard(path: Path, lookup, problems: _Problems) -> pd.DataFrame:
    """OHCHR dashboard 'underlying data': title row naming the treaty, header row, Excel dates."""
    sheets = read_workbook(path)
    expected = (
        "expected the OHCHR dashboard's underlying data (a workbook whose first sheet has the "
        "treaty's name in row 1 and Country, Date of Signature, Date of Ratification/Accession "
        "in row 2)"
    )
    sheet = next(iter(sheets.values()), None)
    if sheet is None or sheet.shape[0] < 3 or sheet.shape[1] < 3:
        raise InputFileError(
            path, f"this is not a ratification table: {expected}; found {describe_sheets(sheets)}"
        )
    title = cell_text(sheet.iat[0, 0])
    header = [cell_text(c) for c in sheet.iloc[1]]
    if header[:1] != ["Country"] or not any(h.startswith("Date of Ratification") for h in header):
        raise InputFileError(
            path,
            "this is not the OHCHR dashboard's underlying data: row 2 should hold Country, "
            f"Date of Signature, Date of Ratification/Accession; found "
            f"{', '.join(h for h in header if h) or 'an empty row'} "
            f"(the workbook holds {describe_sheets(sheets)})",
        )
    treaty = _treaty_code(re.sub(r"\s*\[.*\]\s*$", "", title), lookup, path)
    column = {h: i for i, h in enumerate(header)}
    sign_col = next(i for h, i in column.items() if h.startswith("Date of Signature"))
    rat_col = next(i for h, i in column.items() if h.startswith("Date of Ratification"))
    rows = []
    for r in range(2, sheet.shape[0]):
        country = cell_text(sheet.iat[r, 0])
        others = [cell_text(v) for v in sheet.iloc[r, 1:]]
        if not country or (not any(others) and country.startswith(("Definitions", "Source"))):
            continue  # blank row and the two footer lines (metadata link, source)
        try:
            iso3 = to_iso3(country)
        except DataError as exc:
            problems.add(path, r + 1, "Country", country, str(exc))
            continue
        signed, ratified = (_excel_date(sheet.iat[r, c]) for c in (sign_col, rat_col))
        status = (
            "party" if ratified is not None else "signatory" if signed is not None else "not party"
        )
        rows.append(
            dict(
                iso3=iso3,
                treaty=treaty,
                status=status,
                signature_date=signed,
                ratification_date=ratified,
                ratification_year=ratified.year if ratified is not None else None,
                action=None,
            )
        )
    return pd.DataFrame(rows, columns=list(RATIFICATION_COLUMNS[:-1]))


def _excel_date(value):
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float):  # an Excel serial day number (1900 system)
        return pd.Timestamp("1899-12-30") + pd.Timedelta(days=float(value))
    return pd.to_datetime(value, dayfirst=True)


def import_ratifications(path, *, encoding: str | None = None) -> ImportResult:
    """Read ratification tables (a file or a folder) into iso3 × treaty rows.

    Columns: iso3, treaty (kit code, see ``load_treaties()``), status ("party", "signatory",
    "not party"), signature_date, ratification_date, ratification_year, action
    ("ratification"/"accession"/"succession" where UNTC says so), source (file name).
    Entities that are not UN member or observer states (Cook Islands, Niue, European Union,
    Montserrat) and unknown names are reported in ``problems``. ``encoding`` forces how CSV
    bytes are read (see ``import_upr_info``); ``result.encodings`` says what was used.
    """
    lookup = _treaty_lookup()
    problems = _Problems()
    frames, encodings = [], []
    for file in _files(path, "*", recursive=True):
        suffix = file.suffix.lower()
        if suffix in (".xls", ".xlsx"):
            frame = _read_ohchr_dashboard(file, lookup, problems)
            encodings.append((file.name, WORKBOOK_READING))
        elif suffix == ".csv":
            head = file.read_bytes()[:4096].decode("utf-8", errors="replace")
            if "Treaty Name" in head:
                raw = read_text_csv(
                    file, UNTC_COLUMNS, "a UN Treaty Collection table", encoding=encoding
                )
                frame = _read_untc(file, raw, lookup, problems)
            else:
                raw = read_text_csv(
                    file,
                    WPD_COLUMNS,
                    "a ratification table (World Politics Datalab)",
                    encoding=encoding,
                )
                frame = _read_wpd(file, raw, lookup, problems)
            encodings.append((file.name, raw.attrs["encoding"]))
        else:
            continue  # README files and the like in a folder
        frame["source"] = file.name
        frames.append(frame)
    if not frames:
        raise InputFileError(path, "no .csv, .xls or .xlsx ratification table found")
    data = pd.concat([f for f in frames if len(f)] or frames, ignore_index=True)
    data["status"] = pd.Categorical(data["status"], categories=list(RATIFICATION_STATUSES))
    data["action"] = pd.Categorical(data["action"], categories=list(RATIFICATION_ACTIONS))
    for column in ("signature_date", "ratification_date"):
        data[column] = pd.to_datetime(data[column])
    data["ratification_year"] = pd.to_numeric(data["ratification_year"]).astype("Int64")
    return ImportResult(data[list(RATIFICATION_COLUMNS)], _problems(problems), tuple(encodings))
