"""Pseudonyms and small-group merging: participants may be at risk, so reports never name them.

Each workshop gets a random key the first time a report is made: ``<workshop>/pseudonyms.csv``
maps every participant id to a pseudonym such as "Participant 07". The numbers are shuffled, so
the pseudonym says nothing about the roster order; the file is the trainer's key back to people
and stays in the workshop folder (never in git, never in a report). A participant added later
gets the next free number; existing pseudonyms never change.

>>> import pandas as pd
>>> merge_small_groups(pd.Series(["Africa"] * 4 + ["Asia-Pacific"] * 3 + ["Eastern Europe"]))
... # doctest: +NORMALIZE_WHITESPACE
0          Africa
1          Africa
2          Africa
3          Africa
4    other/merged
5    other/merged
6    other/merged
7    other/merged
dtype: object
"""

from __future__ import annotations

import csv
import io
import random
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from uprkit.errors import InputFileError
from uprkit.workshop.folder import replace_file

__all__ = [
    "MERGED_GROUP",
    "PSEUDONYM_FILE",
    "SENSITIVE_COLUMNS",
    "SMALLEST_GROUP",
    "ensure_pseudonyms",
    "load_pseudonyms",
    "pseudonymise",
    "merge_small_groups",
]

PSEUDONYM_FILE = "pseudonyms.csv"
MERGED_GROUP = "other/merged"
# Columns that identify a person; they leave a report only with with_names=True.
SENSITIVE_COLUMNS = ("name", "organisation", "email", "country")
# No group a report shows is smaller than this: one or two people's answers or results would be
# their own, so smaller groups are merged (merge_small_groups) or their means left blank.
SMALLEST_GROUP = 3


def _label(number: int, width: int) -> str:
    return f"Participant {number:0{width}d}"


def load_pseudonyms(workshop_root) -> dict[str, str]:
    """participant_id → pseudonym from ``<workshop_root>/pseudonyms.csv`` (empty if none yet)."""
    path = Path(workshop_root) / PSEUDONYM_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["participant_id", "pseudonym"]:
            raise InputFileError(
                path, f"expected the columns participant_id,pseudonym; found {reader.fieldnames}"
            )
        mapping = {}
        for line, row in enumerate(reader, start=2):
            if row["participant_id"] in mapping:
                raise InputFileError(
                    path, f"participant {row['participant_id']!r} twice", line=line
                )
            mapping[row["participant_id"]] = row["pseudonym"]
    return mapping


def ensure_pseudonyms(
    workshop_root, participant_ids: Iterable[str], *, seed: int | None = None
) -> dict[str, str]:
    """Give every participant a pseudonym, creating or extending the workshop's key file.

    ``seed`` is for tests only; a real workshop draws its key from the system's secure random
    source, so nobody can rebuild it from the roster.
    """
    path = Path(workshop_root) / PSEUDONYM_FILE
    mapping = load_pseudonyms(workshop_root)
    new = [pid for pid in dict.fromkeys(participant_ids) if pid not in mapping]
    if not new:
        return mapping
    used = {int(p.rsplit(" ", 1)[-1]) for p in mapping.values() if p.rsplit(" ", 1)[-1].isdigit()}
    total = len(mapping) + len(new)
    width = max(2, len(str(total)))
    free = [n for n in range(1, total + len(used) + 1) if n not in used][: len(new)]
    rng = random.Random(seed) if seed is not None else secrets.SystemRandom()
    rng.shuffle(free)
    for pid, number in zip(new, free, strict=True):
        mapping[pid] = _label(number, width)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(["participant_id", "pseudonym"])
    writer.writerows(sorted(mapping.items()))
    # the only key back to people: replaced whole (temp file + rename), never rewritten in place
    replace_file(path, text.getvalue())
    return mapping


def pseudonymise(
    table: pd.DataFrame, pseudonyms: Mapping[str, str], *, with_names: bool = False
) -> pd.DataFrame:
    """A copy of ``table`` fit for a report: a ``participant`` column, no identifying columns.

    Without ``with_names`` the participant id and the columns in ``SENSITIVE_COLUMNS`` are
    dropped and ``participant`` holds the pseudonym; with it, ``participant`` holds the name
    (or the id when there is no name column) and the other columns stay.

    >>> t = pd.DataFrame({"participant_id": ["p1"], "name": ["Amina"], "score": [3]})
    >>> pseudonymise(t, {"p1": "Participant 04"}).to_dict("records")
    [{'participant': 'Participant 04', 'score': 3}]
    """
    out = table.copy()
    missing = sorted(set(out["participant_id"]) - set(pseudonyms))
    if missing:
        raise KeyError(
            f"no pseudonym for {len(missing)} participant(s); call ensure_pseudonyms first"
        )
    if with_names:
        label = out["name"] if "name" in out else out["participant_id"]
        out.insert(0, "participant", label)
        return out.drop(columns=["name"], errors="ignore")
    out.insert(0, "participant", out["participant_id"].map(pseudonyms))
    return out.drop(columns=["participant_id", *SENSITIVE_COLUMNS], errors="ignore")


def merge_small_groups(
    series: pd.Series, min_size: int = SMALLEST_GROUP, *, other: str = MERGED_GROUP
) -> pd.Series:
    """Replace values shared by fewer than ``min_size`` people with ``other``.

    If the merged group itself stays smaller than ``min_size``, the next smallest group joins it,
    so no breakdown ever shows a group of one or two. Missing values count as "undisclosed".
    """
    values = series.astype("object").where(series.notna(), "undisclosed")
    counts = values.value_counts()
    small = set(counts[counts < min_size].index)
    merged_size = int(counts[list(small)].sum()) if small else 0
    remaining = counts[counts >= min_size].sort_values(kind="stable")
    while 0 < merged_size < min_size and len(remaining):
        small.add(remaining.index[0])
        merged_size += int(remaining.iloc[0])
        remaining = remaining.iloc[1:]
    return values.where(~values.isin(small), other)
