"""The regional systems' facts (datasets/regional_systems.csv) say their status honestly (issue 16).

The fact sheet carries almost nothing about the regional human rights systems, so most rows are
UNCONFIRMED and name what they would cite. The tests check that

1. a CONFIRMED or DERIVED row names fact-sheet source keys, and each key is in the fact sheet's
   source key list (a CONFIRMED label cannot rest on a key nobody can look up);
2. its anchors are in the fact sheet and its status equals the fact sheet's there (DERIVED where the
   sheet has no flag only with a method starting "DERIVED:");
3. an UNCONFIRMED row names the treaty, rule or page it would cite;
4. the lessons teach each ``taught_as`` fact with no stronger status word than the row's and with
   its ``taught_with`` context (the same check as the numbers in limits.csv), and every
   ``taught_as`` pattern still finds its fact;
5. the checks catch doctored copies.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from factsheet import ANCHOR_SEPARATOR, STRENGTH, blocks, lesson_clauses, status_of, weakest
from test_facts_agree import check_teaching, lesson_sources

from uprkit.data import REGIONAL_SYSTEMS, load_regional_systems

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
KEY = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")


def read_regional(folder: Path = DATASETS) -> pd.DataFrame:
    return pd.read_csv(folder / "regional_systems.csv", dtype=str, keep_default_na=False)


def source_key_list(fact_sheet: str) -> set[str]:
    """The tags in the first column of the fact sheet's "Source key" table (``A / B`` rows too)."""
    table = fact_sheet.split("## Source key", 1)[1].split("\n### ", 1)[0]
    keys = set()
    for line in table.splitlines():
        cells = line.strip().strip("|").split("|")
        if line.startswith("|") and len(cells) > 1:
            first = cells[0].strip()
            # "UPRI-PRE25/28/29/32", "OHCHR-36 / -38 / -41" and "A / B" name several keys
            parts = [part.strip() for part in first.split("/")]
            stem = parts[0]
            keys.add(stem)
            for part in parts[1:]:
                if part.isdigit():  # UPRI-PRE25/28 -> UPRI-PRE28
                    keys.add(re.sub(r"\d+$", part, stem))
                elif part.startswith("-"):  # OHCHR-36 / -38 -> OHCHR-38
                    keys.add(stem.rsplit("-", 1)[0] + part)
                else:
                    keys.add(part)
    return {k for k in keys if KEY.fullmatch(k)}


def check_regional(facts: pd.DataFrame, fact_sheet: str) -> list[str]:
    sheet = blocks(fact_sheet)
    known = source_key_list(fact_sheet)
    problems = []
    for row in facts.itertuples():
        if row.status == "UNCONFIRMED":
            if not row.would_cite.strip():
                problems.append(f"{row.key}: UNCONFIRMED without what it would cite")
            continue
        keys = [k.strip() for k in row.source.split(";") if k.strip()]
        if not keys:
            problems.append(f"{row.key}: {row.status} without fact-sheet source keys")
        unknown = [k for k in keys if k not in known]
        if unknown:
            problems.append(f"{row.key}: source keys not in the fact sheet's key list: {unknown}")
        anchors = [a for a in row.fact_sheet.split(ANCHOR_SEPARATOR) if a.strip()]
        if not anchors:
            problems.append(f"{row.key}: {row.status} without a fact_sheet anchor")
            continue
        statuses = []
        for anchor in anchors:
            status, _ = status_of(anchor, sheet)
            if status is None:
                problems.append(f"{row.key}: anchor not in the fact sheet: {anchor!r}")
            else:
                statuses.append(status)
        if not statuses:
            continue
        sheet_status = weakest(statuses)
        explained = row.status == "DERIVED" and row.method.startswith("DERIVED:")
        if STRENGTH[row.status] > STRENGTH[sheet_status] or (
            row.status != sheet_status and not explained
        ):
            problems.append(f"{row.key}: the kit says {row.status}, the fact sheet {sheet_status}")
    return problems


@pytest.fixture(scope="module")
def fact_sheet(shared_domain) -> str:
    return (shared_domain / "facts.md").read_text(encoding="utf-8")


@pytest.mark.shared
def test_every_regional_fact_has_an_honest_status(fact_sheet):
    problems = check_regional(read_regional(), fact_sheet)
    assert not problems, "\n".join(problems)


@pytest.mark.shared
def test_the_source_key_list_is_read_whole(fact_sheet):
    keys = source_key_list(fact_sheet)
    assert {"RES51", "OHCHR-C3", "UPRI-PRE28", "OHCHR-44", "IMPACT-MAN", "ESEM"} <= keys
    assert "Tag" not in keys and len(keys) > 100


def test_rows_are_complete_and_load():
    facts = read_regional()
    assert facts["key"].is_unique
    assert set(facts["status"]) <= set(STRENGTH)
    assert set(facts["system"]) == set(REGIONAL_SYSTEMS)
    assert (facts["fact"].str.len() > 20).all()
    for pattern in facts["taught_as"]:
        re.compile(pattern)
    loaded = load_regional_systems("European")
    assert set(loaded["system"]) == {"European"} and len(loaded) >= 4


def test_an_unknown_system_is_named_with_the_choices():
    from uprkit.errors import DataError

    with pytest.raises(DataError, match="Inter-American"):
        load_regional_systems("Americas")


def test_lessons_teach_regional_facts_with_their_status():
    problems = check_teaching(read_regional(), lesson_sources())
    assert not problems, "\n".join(problems)


def test_every_regional_taught_as_pattern_finds_its_fact():
    clauses = [c for text in lesson_sources().values() for c, _ in lesson_clauses(text)]
    facts = read_regional()
    dead = [
        row.key
        for row in facts[facts["taught_as"] != ""].itertuples()
        if not any(re.search(row.taught_as, clause) for clause in clauses)
    ]
    assert not dead, f"taught_as matches no lesson text: {dead}"


# ---------------------------------------------------------------------------- doctored copies


@pytest.mark.shared
@pytest.mark.parametrize(
    ("key", "column", "value", "problem"),
    [
        ("ecthr_time_limit", "status", "CONFIRMED", "without fact-sheet source keys"),
        ("upr_cycle3_regional_submissions", "source", "OHCHR-C3; ACHPR-CHARTER", "key list"),
        ("upr_no_individual_cases", "method", "", "the fact sheet CONFIRMED"),
        ("nmirf_regional", "status", "UNCONFIRMED", "UNCONFIRMED without what it would cite"),
        ("sp_urgent_appeals", "fact_sheet", "urgent appeals by regional courts", "anchor not"),
        ("aichr", "would_cite", "", "UNCONFIRMED without what it would cite"),
    ],
)
def test_the_checks_catch_a_doctored_row(fact_sheet, key, column, value, problem):
    facts = read_regional()
    facts.loc[facts["key"] == key, column] = value
    if column == "status" and value == "UNCONFIRMED":
        facts.loc[facts["key"] == key, "would_cite"] = ""
    problems = check_regional(facts, fact_sheet)
    assert any(p.startswith(key) and problem in p for p in problems), problems


def test_the_checks_catch_an_unconfirmed_fact_taught_as_confirmed():
    text = (
        "An application to the European Court must be lodged within 4 months of the final "
        "decision (CONFIRMED)."
    )
    problems = check_teaching(read_regional(), {"doctored": text})
    assert any("ecthr_time_limit" in p and "taught as CONFIRMED" in p for p in problems)
    bare = "The Commission can grant precautionary measures to defenders at risk."
    assert any(
        "must be taught with 'UNCONFIRMED'" in p
        for p in check_teaching(read_regional(), {"doctored": bare})
    )


# OHCHR's 3rd-cycle page counts written *submissions* by their authors' kind ("more than 150 from
# regional organizations", [OHCHR-C3]); it does not say that 150 regional organisations wrote.
ORGANISATIONS_FOR_SUBMISSIONS = re.compile(r"\b150 regional (organi[sz]ations|bodies)", re.I)


def miscounted_submissions(texts: dict[str, str]) -> list[str]:
    return [name for name, text in texts.items() if ORGANISATIONS_FOR_SUBMISSIONS.search(text)]


def test_the_150_are_submissions_not_organisations():
    assert not miscounted_submissions(lesson_sources())
    doctored = "In the 3rd cycle, more than 150 regional organisations were among the authors."
    assert miscounted_submissions({"doctored": doctored}) == ["doctored"]
