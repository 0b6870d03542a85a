"""The analyser over a whole column: one row per recommendation, fast enough for 40,000 rows.

Duplicate texts (joint recommendations appear once per co-sponsor) are analysed once.
"""

from __future__ import annotations

import pandas as pd

from uprkit.errors import DataError
from uprkit.recommendations._assess import (
    SMART_ELEMENTS,
    find_elements_and_issues,
    other_language_flags,
)
from uprkit.recommendations._classify import (
    ActionClassification,
    classify_action,
    is_unread,
)


def _texts(series: pd.Series, what: str) -> list[str]:
    """The column as str, with missing values as empty text; anything else is an error."""
    texts = []
    for index, value in series.items():
        if isinstance(value, str):
            texts.append(value)
        elif value is None or (isinstance(value, float) and value != value) or value is pd.NA:
            texts.append("")
        else:
            raise DataError(
                f"{what}: row {index!r} holds {type(value).__name__} {value!r:.40}, not text; "
                "the analyser reads recommendation texts (str) only."
            )
    return texts


def _classify_unique(texts: list[str]) -> dict[str, ActionClassification]:
    results: dict[str, ActionClassification] = {}
    for text in texts:
        if text not in results:
            results[text] = classify_action(text)
    return results


def classify_actions(series: pd.Series) -> pd.DataFrame:
    """classify_action for every text: action_category (Int64), decisive_words, explanation.

    >>> texts = pd.Series(["Ratify CAT", "Continue its efforts", ""])
    >>> classify_actions(texts).action_category.tolist()
    [5, 2, <NA>]
    """
    if not isinstance(series, pd.Series):
        raise DataError(
            f"classify_actions reads a pandas Series of texts; got {type(series).__name__}. "
            "For one text use classify_action(text)."
        )
    texts = _texts(series, "classify_actions")
    results = _classify_unique(texts)
    rows = [results[text] for text in texts]
    return pd.DataFrame(
        {
            "action_category": pd.array([r.category for r in rows], dtype="Int64"),
            "decisive_words": [r.decisive_words for r in rows],
            "explanation": [r.explanation for r in rows],
        },
        index=series.index,
    )


def assess_column(
    data: pd.DataFrame, column: str, *, prefix: str = "", with_issues: bool = True
) -> pd.DataFrame:
    """A copy of ``data`` with the analyser's columns added for the texts in ``column``.

    Added: ``action_category`` (Int64), ``explanation``, one boolean column per SMART element
    (named as in ``SMART_ELEMENTS``) and, with ``with_issues``, ``found_issues`` (issue ids
    joined by "; "). A text the analyser cannot read (empty, or not in en/fr/es/ar) gets <NA> in
    the category and in every SMART column, not False: nobody looked, so nothing is "missing";
    its explanation says why. ``prefix`` is put before each new name; a name that already
    exists is an error rather than silently overwritten (e.g. an export's own
    ``action_category``).
    """
    if column not in data.columns:
        raise DataError(
            f"no column {column!r} in the table; the columns are: "
            + ", ".join(repr(str(c)) for c in data.columns)
        )
    names = ["action_category", "explanation", *SMART_ELEMENTS]
    if with_issues:
        names.append("found_issues")
    clashes = [prefix + n for n in names if prefix + n in data.columns]
    if clashes:
        raise DataError(
            f"the table already has column(s) {', '.join(map(repr, clashes))}; pass a prefix "
            "(e.g. prefix='analyser_') so the analyser's columns do not overwrite them."
        )
    texts = _texts(data[column], f"column {column!r}")
    results = _classify_unique(texts)
    flags: dict[str, dict[str, bool | None]] = {}
    issues: dict[str, str] = {}
    for text, action in results.items():
        flags[text], found_issues = find_elements_and_issues(text, action)
        if action.language != "en":
            flags[text] = other_language_flags(text, action)
        if is_unread(action):
            # Unknown, not absent: a trainer filtering "time frame missing" must not count them.
            flags[text] = dict.fromkeys(SMART_ELEMENTS, None)
        issues[text] = "; ".join(found_issues)
    out = data.copy()
    out[prefix + "action_category"] = pd.array([results[t].category for t in texts], dtype="Int64")
    out[prefix + "explanation"] = [results[t].explanation for t in texts]
    for element in SMART_ELEMENTS:
        out[prefix + element] = pd.array([flags[t][element] for t in texts], dtype="boolean")
    if with_issues:
        out[prefix + "found_issues"] = [issues[t] for t in texts]
    return out
