"""What the importers share: the ImportResult, the problems table, finding files, states, and
the response words and columns of imported recommendations (UPR Info and SDG explorer).

Reading the files themselves (encodings, workbooks) is :mod:`uprkit.data.tabular`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uprkit.data import (
    RECOMMENDATION_COLUMNS,
    RECOMMENDING_GROUPS,
    RESPONSES,
    cycle_of_session,
    regional_group_of,
    to_iso3,
)
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


# ---------------------------------------------------------------------------- recommendations

# Fact sheet §3.1: only "supported" and "noted" are official; UPR Info said "Accepted" until its
# wording changed, and re-labelled "Rejected" as "noted" in 2013 ([UPRI-S17], [UPRI-SMART17]).
RESPONSE_WORDS = {
    "accepted": "supported",
    "supported": "supported",
    "noted": "noted",
    "rejected": "noted",
}
RESPONSE_HELP = (
    "expected Accepted/Supported or Noted (Rejected is read as noted, fact sheet §3.1); "
    "'partially supported' and pending responses must be decided by hand"
)


def recommendation_frame(data: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """Give imported recommendations the exact columns and dtypes of load_recommendations()."""
    data = data.copy()
    groups = {iso3: regional_group_of(iso3) for iso3 in data["recommending_state"].unique()}
    data["recommending_group"] = pd.Categorical(
        data["recommending_state"].map(groups), categories=list(RECOMMENDING_GROUPS)
    )
    data["session"] = data["session"].astype("Int64")
    if "cycle" not in data:
        data["cycle"] = data["session"].map(
            {s: cycle_of_session(int(s)) for s in data["session"].dropna().unique()}
        )
    data["cycle"] = data["cycle"].astype("Int64")
    data["action_category"] = data["action_category"].astype("Int64")
    data["response"] = pd.Categorical(data["response"], categories=list(RESPONSES))
    data["illustrative"] = False
    data["source"] = source
    return data[list(RECOMMENDATION_COLUMNS)].reset_index(drop=True)
