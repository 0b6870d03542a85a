"""Practice guidance lessons 15 and 16 cite beyond the fact sheet (practice_sources.csv)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from uprkit.data.practice import load_incident_key, load_incidents, load_practice_sources

KIT = Path(__file__).resolve().parents[2]
KEY_PATTERN = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\]")
LESSONS = ("15-documentation", "16-shadow-reports")


def cited_keys(stem: str) -> set[str]:
    path = KIT / "course" / f"{stem}.ipynb"
    if not path.exists():
        return set()
    notebook = nbformat.read(path, as_version=4)
    return {key for cell in notebook.cells for key in KEY_PATTERN.findall(cell.source)}


def test_rows_are_complete_and_say_their_status():
    sources = load_practice_sources()
    assert sources.index.is_unique
    assert set(sources["status"]) <= {"CONFIRMED", "DERIVED", "UNCONFIRMED"}
    assert sources["url"].str.match(r"https?://").all()
    assert (sources["used_for"].str.len() > 40).all()


@pytest.mark.shared
def test_no_practice_key_shadows_a_fact_sheet_key(shared_domain):
    facts = (shared_domain / "facts.md").read_text(encoding="utf-8")
    clashes = [
        key for key in load_practice_sources().index if f"[{key}]" in facts or f"| {key} |" in facts
    ]
    assert clashes == []


@pytest.mark.shared
@pytest.mark.parametrize("stem", LESSONS)
def test_every_key_the_lesson_cites_is_known(shared_domain, stem):
    facts = (shared_domain / "facts.md").read_text(encoding="utf-8")
    known = set(load_practice_sources().index)
    unknown = sorted(
        key
        for key in cited_keys(stem)
        if key not in known
        and f"[{key}]" not in facts
        and key not in facts.split("## Source key", 1)[1]
    )
    assert unknown == []


def test_every_practice_source_is_cited_by_a_lesson():
    """A source nobody cites is dead weight; one the lessons cite must be listed."""
    cited = set().union(*(cited_keys(stem) for stem in LESSONS))
    assert cited, f"no lesson of {LESSONS} cites a practice source"
    unused = sorted(set(load_practice_sources().index) - cited)
    assert unused == []


def test_the_case_key_covers_every_pseudonym_and_no_summary_names_a_pseudonym_twice():
    incidents = load_incidents()
    key = load_incident_key()
    assert set(incidents["pseudonym"]) == set(key)
    assert incidents["incident_id"].is_unique and incidents["pseudonym"].is_unique
