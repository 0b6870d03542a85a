"""Every lesson in course/ has the Carpentries anatomy, cites its facts, and is committed clean.

These tests read the notebooks as files (no kernel): nbval runs them separately.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from uprkit.widgets.quiz import QuizBox, check_answer

COURSE = Path(__file__).resolve().parents[2] / "course"
LESSONS = sorted(COURSE.glob("[0-9][0-9]-*.ipynb"))
EXPECTED = {
    "01-un-human-rights-system",
    "02-upr-cycle",
    "03-reading-upr-data",
    "04-drafting-smart-recommendations",
    "05-stakeholder-submission",
    "06-lobbying-and-advocacy",
    "07-working-group-dialogue",
    "08-treaty-bodies",
    "09-follow-up-and-implementation",
    "10-safety-of-defenders",
    "11-training-of-trainers",
    "12-daily-briefing",
    "13-regional-human-rights-systems",
    "14-local-to-international-advocacy",
    "15-documentation",
    "16-shadow-reports",
}

# A number or rule a lesson teaches → the fact-sheet keys that back it. A cell that states it must
# cite one of them (markdown cells with a "Source:" line; quiz cells in a Question's `source`).
# `unconfirmed=True`: the fact sheet flags it UNCONFIRMED, so the same cell must say so.
FACTS = [
    (r"\b70 minutes\b", {"UPRI-NEWMOD", "UPRI-31"}, False),
    (r"\b140 minutes\b", {"UPRI-NEWMOD", "UPRI-31", "UPRI-TRAX21"}, False),
    (r"\b3\.5 hours\b", {"UPRI-NEWMOD", "UPRI-31", "PRST20"}, False),
    (r"\b10,700\b", {"PRST20", "UPRI-GUIDENR", "UPRI-SUR"}, False),
    (r"\b2,675\b", {"UPRI-GLOSS"}, False),
    (r"\b2,815\b", {"ILGA-DL", "OHCHR-TECH2008", "UPRI-4THGUIDE"}, True),
    (r"\b5,630\b", {"ILGA-DL", "OHCHR-TECH2008", "UPRI-4THGUIDE"}, True),
    (r"\b5,350\b", {"QEEEBO"}, True),
    (r"\b4\.5 years\b", {"OHCHR-CYCLES", "UPRI-NEWMOD"}, False),
    (r"\b45 seconds\b", {"AP-CHINA"}, False),
    (r"\b47 (States|seats|members)\b|\bThe total is 47\b", {"OHCHR-MEMB"}, False),
    (r"\b75\s?%", {"UPRI-FRAMING", "UPRI-SMART17"}, False),
    (r"\b10 NGO\b|\b10 (NGO )?speaking slots\b", {"UPRI-NGOLIST"}, False),
    (r"\b1\.5 minutes\b", {"UPRI-PLEN"}, False),
    (r"\b12/2\b", {"IHRC-REPR", "ISHR-REPR"}, False),
    (r"\b42 countries\b", {"GHRD-REPR", "IHRC-REPR", "ISHR-REPR"}, False),
    (r"\b55\s?%", {"UPRI-BEYOND"}, False),
    (r"\b36\.89\s?%", {"UPRI-57686"}, False),
    (r"\b5[–-]7 minutes\b", {"UPRI-PRE-FAQ"}, False),
    (r"\b60/251\b", {"WIKI-UPR", "UPRI-TAKE-CSO", "ALLAZ"}, False),
    (r"\b2[–-]5 (urgent|follow-up)|\b2[–-]5 follow-up", {"OHCHR-FU", "ISHR-FU"}, False),
    (r"\b8-year\b", {"CCPR-PRC", "CCPR-FS3"}, False),
    (r"reprisals@ohchr\.org", {"OHCHR-REPR"}, True),
    (r"San José", set(), True),
]
KEY_PATTERN = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\]")


def read(path: Path):
    return nbformat.read(path, as_version=4)


def lesson_ids():
    return [p.stem for p in LESSONS]


@pytest.fixture(params=LESSONS, ids=lesson_ids())
def lesson(request):
    return request.param, read(request.param)


def test_every_lesson_is_there():
    assert {p.stem for p in LESSONS} == EXPECTED


def test_front_matter_has_minutes_questions_and_objectives(lesson):
    path, nb = lesson
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    text = first.source
    assert re.match(rf"# {path.stem[:2]}\. \S", text), "title must start with '# NN. '"
    assert re.search(r"\*\*Teaching:\*\* \d+ min", text), "teaching minutes"
    assert re.search(r"\*\*Exercises:\*\* \d+ min", text), "exercise minutes"
    for heading in ("## Questions", "## Objectives"):
        section = text.split(heading, 1)[1] if heading in text else ""
        assert re.search(r"^- \S", section, re.M), f"{heading} needs at least one bullet"


def test_lesson_ends_with_key_points(lesson):
    _, nb = lesson
    last = nb.cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## Key points")
    assert len(re.findall(r"^- \S", last.source, re.M)) >= 2


def test_lesson_has_a_prediction_an_exercise_with_solution_and_interaction(lesson):
    _, nb = lesson
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Predict before you run" in markdown
    assert re.search(r"^#+ Exercise", markdown, re.M)
    assert "<details>" in markdown, "exercises need a hidden solution or hint"
    assert re.search(r"widgets\.|show\(|show_\w+\(", code), "at least one interactive cell"


def quiz_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and "show_quiz(" in c.source]


def test_lesson_has_a_working_self_check_quiz(lesson):
    _, nb = lesson
    cells = quiz_cells(nb)
    assert len(cells) == 1, "exactly one self-check quiz cell"
    from uprkit.widgets.quiz import Question, show_quiz

    namespace = {"Question": Question, "show_quiz": show_quiz}
    quiz = eval(compile(cells[0].source, "<quiz>", "eval"), namespace)  # the cell is one call
    assert isinstance(quiz, QuizBox) and len(quiz.items) >= 3
    for item in quiz.items:
        q = item.question
        assert check_answer(q, q.correct).correct
        assert all(not check_answer(q, i).correct for i in range(len(q.choices)) if i != q.correct)


def test_no_outputs_are_committed(lesson):
    _, nb = lesson
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    assert "widgets" not in nb.metadata, "saved widget state must not be committed"


def fact_violations(nb) -> list[str]:
    problems = []
    # The front matter (cell 0) only announces what the lesson teaches; the teaching cells cite.
    for number, cell in enumerate(nb.cells[1:], start=1):
        text = cell.source
        cited = set(KEY_PATTERN.findall(text))
        for pattern, keys, unconfirmed in FACTS:
            match = re.search(pattern, text)
            if not match:
                continue
            where = f"cell {number} ({match.group(0)!r})"
            if keys and not cited & keys:
                problems.append(f"{where}: cite one of {sorted(keys)}")
            if (
                keys
                and cell.cell_type == "markdown"
                and not re.search(r"Source[^:\n]{0,30}:", text)
            ):
                problems.append(f"{where}: needs a 'Source:' line")
            if unconfirmed and "UNCONFIRMED" not in text:
                problems.append(f"{where}: the fact sheet marks this UNCONFIRMED; say so")
    return problems


def test_numbers_from_the_fact_sheet_carry_their_sources(lesson):
    _, nb = lesson
    assert fact_violations(nb) == []


def test_the_fact_check_catches_an_uncited_number():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# 99. Front matter about the 70 minutes"),
            nbformat.v4.new_markdown_cell("The State under Review speaks for 70 minutes."),
            nbformat.v4.new_markdown_cell("Individual submissions: 2,815 words. Source: [ILGA-DL]"),
            nbformat.v4.new_markdown_cell("Other States share 140 minutes. Source: [UPRI-NEWMOD]"),
        ]
    )
    problems = fact_violations(nb)
    assert not any("cell 0" in p for p in problems)
    assert any("cell 1" in p and "UPRI-NEWMOD" in p for p in problems)
    assert any("cell 2" in p and "UNCONFIRMED" in p for p in problems)
    assert not any("cell 3" in p for p in problems)


def course_texts():
    for path in LESSONS:
        yield path.name, "\n".join(c.source for c in read(path).cells)
    for path in sorted(COURSE.glob("*.md")):
        yield path.name, path.read_text(encoding="utf-8")


def test_every_cited_key_is_in_the_fact_sheet(shared_domain):
    """Fact-sheet keys, or practice guidance of lessons 15-16 (datasets/practice_sources.csv)."""
    from uprkit.data.practice import load_practice_sources

    facts = (shared_domain / "facts.md").read_text(encoding="utf-8")
    key_table = facts.split("## Source key", 1)[1]
    practice = set(load_practice_sources().index)
    unknown = []
    for name, text in course_texts():
        for key in sorted(set(KEY_PATTERN.findall(text))):
            if f"[{key}]" not in facts and key not in key_table and key not in practice:
                unknown.append(f"{name}: [{key}]")
    assert unknown == []


def test_course_documents_exist_and_cover_the_course():
    guide = (COURSE / "facilitator-guide.md").read_text(encoding="utf-8")
    assert "## 5-day agenda" in guide and "## 3-day agenda" in guide
    for stem in EXPECTED:
        assert stem[:2] in guide, f"the facilitator guide never schedules lesson {stem}"
    assert re.search(r"safety", guide, re.I)
    setup = (COURSE / "setup.md").read_text(encoding="utf-8")
    for needed in ("make lab", "offline", "--no-index"):
        assert needed in setup
    glossary = (COURSE / "glossary.md").read_text(encoding="utf-8")
    for term in (
        "Universal Periodic Review",
        "State under Review",
        "Troika",
        "Supported",
        "Noted",
        "Concluding observations",
        "Reprisal",
        "NMIRF",
    ):
        assert term.lower() in glossary.lower(), term


@pytest.mark.parametrize("name", ["facilitator-guide.md", "glossary.md", "setup.md"])
def test_course_documents_cite_their_numbers_paragraph_by_paragraph(name):
    text = (COURSE / name).read_text(encoding="utf-8")
    paragraphs = [p for p in re.split(r"\n\s*\n|\n(?=\|)", text) if p.strip()]
    cells = [nbformat.v4.new_markdown_cell("# front matter")]
    cells += [nbformat.v4.new_markdown_cell(p) for p in paragraphs]
    assert fact_violations(nbformat.v4.new_notebook(cells=cells)) == []
