"""Group recommendations that ask for the same thing, and say why they are grouped.

A cluster is the analyser's action verb (``ratify``, ``adopt``, ``continue`` ...) plus the
instrument the text names (a core treaty or one of its protocols) or, failing that, its first
issue. The rule is deliberately plain so that a coalition can read the reason column and move a
recommendation to another cluster by hand.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from uprkit.data import load_issues

__all__ = ["cluster_recommendations", "find_instrument"]

# The words by which a recommendation names a core treaty (the treaty codes are the kit's,
# datasets/treaties.csv); "optional protocol" plus these words names a protocol.
_TREATY_WORDS = {
    "ICERD": ("racial discrimination",),
    "ICCPR": ("civil and political rights",),
    "ICESCR": ("economic, social and cultural rights",),
    "CEDAW": ("discrimination against women",),
    "CAT": ("convention against torture",),
    "CRC": ("rights of the child",),
    "ICRMW": ("migrant workers",),
    "CRPD": ("rights of persons with disabilities",),
    "CPED": ("enforced disappearance",),
}
_PROTOCOL_WORDS = {
    "ICCPR-OP2": ("abolition of the death penalty", "second optional protocol"),
    "CRC-OP-AC": ("armed conflict",),
    "CRC-OP-SC": ("sale of children",),
    "CRC-OP-IC": ("communications procedure",),
}
_ABBREVIATIONS = re.compile(
    r"\b(OP-?CAT|OPCAT|OPAC|OPSC|OPIC|ICERD|ICCPR|ICESCR|CEDAW|CAT|CRC|ICRMW|CRPD|CPED)\b"
)
_ABBREVIATION_CODES = {"OP-CAT": "CAT-OP", "OPCAT": "CAT-OP", "OPAC": "CRC-OP-AC"}
_ABBREVIATION_CODES |= {"OPSC": "CRC-OP-SC", "OPIC": "CRC-OP-IC"}


def find_instrument(text: str) -> str:
    """The treaty or protocol a recommendation names (a kit treaty code), or "".

    >>> find_instrument("Ratify the Optional Protocol to the Convention against Torture")
    'CAT-OP'
    >>> find_instrument("Accede to the ICCPR and its second Optional Protocol")
    'ICCPR-OP2'
    >>> find_instrument("Strengthen the legal aid system.")
    ''
    """
    lowered = text.casefold()
    protocol = "optional protocol" in lowered
    for code, words in _PROTOCOL_WORDS.items():
        if protocol and any(w in lowered for w in words):
            return code
    for code, words in _TREATY_WORDS.items():
        if any(w in lowered for w in words):
            return f"{code}-OP" if protocol else code
    match = _ABBREVIATIONS.search(text)
    if match is None:
        return ""
    found = match.group(1)
    code = _ABBREVIATION_CODES.get(found, found)
    return f"{code}-OP" if protocol and "-OP" not in code else code


@functools.cache
def _issue_labels() -> dict[str, str]:
    """Issue id -> the label a coalition reads (datasets/issues.csv)."""
    issues = load_issues()
    return dict(zip(issues["issue"].astype(str), issues["label"].astype(str), strict=True))


def _cluster_keys(data: pd.DataFrame) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(verb, what, kind) per row and the reason text for it."""
    keys, reasons = [], []
    for text, words, issues in zip(
        data["recommendation"], data["verbs"], data["issues"], strict=True
    ):
        verb = words[0] if words else "(no action verb read)"
        instrument = find_instrument(text)
        first_issue = issues.split("; ")[0] if issues else ""
        if instrument:
            key, reason = (verb, instrument, "instrument"), f"'{verb}' + instrument {instrument}"
        elif first_issue:
            label = _issue_labels().get(first_issue, first_issue)
            key, reason = (verb, first_issue, "issue"), f"'{verb}' + issue {label}"
        else:
            key, reason = (verb, "", "verb"), f"'{verb}', no issue or instrument found"
        keys.append(key)
        reasons.append(reason)
    return keys, reasons


def cluster_recommendations(data: pd.DataFrame) -> pd.DataFrame:
    """``cluster`` (C01, C02 ... largest first) and ``cluster_reason`` for each row of ``data``.

    ``data`` has ``recommendation`` (text), ``verbs`` (the analyser's decisive words, a tuple)
    and ``issues`` (ids joined by "; ").

    >>> rows = pd.DataFrame({
    ...     "recommendation": ["Ratify the CAT", "Ratify the Convention against Torture",
    ...                        "Adopt a law on refugees"],
    ...     "verbs": [("ratify",), ("ratify",), ("adopt",)],
    ...     "issues": ["international_instruments", "torture", "asylum_seekers_refugees"]})
    >>> cluster_recommendations(rows).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['C01', "2 recommendations: 'ratify' + instrument CAT"],
     ['C01', "2 recommendations: 'ratify' + instrument CAT"],
     ['C02', "1 recommendation: 'adopt' + issue Asylum-seekers - refugees"]]
    """
    keys, reasons = _cluster_keys(data)
    sizes = pd.Series(keys, dtype=object).value_counts(sort=False)
    # Largest first, then by the key, so the numbering is the same on every run.
    order = sorted(sizes.index, key=lambda k: (-sizes[k], k))
    number = {key: f"C{i:0{max(2, len(str(len(order))))}d}" for i, key in enumerate(order, 1)}
    counted = [
        f"{sizes[k]} recommendation{'s' if sizes[k] > 1 else ''}: {r}"
        for k, r in zip(keys, reasons, strict=True)
    ]
    return pd.DataFrame(
        {"cluster": [number[k] for k in keys], "cluster_reason": counted}, index=data.index
    )
