"""The facilitator guide's agendas add up: each lesson's slot holds its stated minutes.

The agendas are markdown tables (``| Day | Time | What | Notes |``). A row whose "What" starts
with a lesson number ("13 The regional ...") schedules that lesson: its slot must be at least the
lesson's teaching + exercise minutes from the lesson's front matter. Within a day the slots run in
order without overlapping. The 10-day agenda schedules every lesson and every assignment.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

COURSE = Path(__file__).resolve().parents[2] / "course"
SOLUTIONS = Path(__file__).resolve().parents[2] / "solutions"
GUIDE = COURSE / "facilitator-guide.md"
AGENDAS = ("3-day", "5-day", "10-day")
ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(\d\d):(\d\d)[–-](\d\d):(\d\d)\s*\|([^|]*)\|")


def lesson_minutes() -> dict[str, tuple[int, int]]:
    """Lesson number → (teaching, exercise) minutes, from each lesson's first cell."""
    out = {}
    for path in sorted(COURSE.glob("[0-9][0-9]-*.ipynb")):
        front = nbformat.read(path, as_version=4).cells[0].source
        found = re.search(r"\*\*Teaching:\*\* (\d+) min · \*\*Exercises:\*\* (\d+) min", front)
        assert found, f"{path.name}: no teaching/exercise minutes"
        out[path.stem[:2]] = (int(found[1]), int(found[2]))
    return out


def agenda_rows(guide: str, name: str) -> list[tuple[int, int, int, str]]:
    """(day, start minute, end minute, what) of the agenda headed ``## <name> agenda``."""
    parts = guide.split(f"## {name} agenda\n", 1)
    assert len(parts) == 2, f"the guide has no '## {name} agenda'"
    section = parts[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            day, h1, m1, h2, m2, what = match.groups()
            rows.append((int(day), int(h1) * 60 + int(m1), int(h2) * 60 + int(m2), what.strip()))
    assert rows, f"the {name} agenda has no rows"
    return rows


def agenda_problems(guide: str, minutes: dict[str, tuple[int, int]]) -> list[str]:
    problems = []
    for name in AGENDAS:
        previous: tuple[int, int] | None = None
        for day, start, end, what in agenda_rows(guide, name):
            where = f"{name} day {day} {start // 60:02d}:{start % 60:02d} {what[:40]!r}"
            if end <= start:
                problems.append(f"{where}: ends before it starts")
            if previous and previous[0] == day and start < previous[1]:
                problems.append(f"{where}: starts before the previous slot ends")
            previous = (day, end)
            number = re.match(r"(\d\d) ", what)
            if number and number[1] in minutes:
                need = sum(minutes[number[1]])
                if end - start < need:
                    problems.append(
                        f"{where}: {end - start} min for lesson {number[1]}, which needs {need} "
                        "(teaching + exercises in its front matter)"
                    )
    return problems


def test_every_lesson_slot_holds_its_minutes():
    problems = agenda_problems(GUIDE.read_text(encoding="utf-8"), lesson_minutes())
    assert not problems, "\n".join(problems)


def test_the_10_day_agenda_uses_every_lesson_and_assignment():
    from test_course_lessons import EXPECTED

    rows = agenda_rows(GUIDE.read_text(encoding="utf-8"), "10-day")
    scheduled = {m[1] for _, _, _, what in rows if (m := re.match(r"(\d\d) ", what))}
    assert {stem[:2] for stem in EXPECTED} <= scheduled
    text = " ".join(what for *_, what in rows)
    assignments = {p.name for p in SOLUTIONS.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))}
    missing = sorted(a for a in assignments if f"`{a}`" not in text)
    assert not missing, f"the 10-day agenda never schedules {missing}"
    assert {day for day, *_ in rows} == set(range(1, 11))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("| 10:25–11:45 | 13 The regional", "| 10:25–11:05 | 13 The regional", "needs 80"),
        ("| 2 | 09:15–10:10 | 08 The treaty", "| 2 | 08:00–08:55 | 08 The treaty", "previous"),
        ("| 09:45–10:30 | 01 The UN", "| 09:45–09:40 | 01 The UN", "ends before"),
    ],
)
def test_the_check_catches_a_doctored_agenda(old, new, problem):
    guide = GUIDE.read_text(encoding="utf-8")
    assert old in guide
    doctored = guide.replace(old, new, 1)
    assert any(problem in p for p in agenda_problems(doctored, lesson_minutes()))
