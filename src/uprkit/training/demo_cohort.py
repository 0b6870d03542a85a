"""The demo cohort's submissions, made from the solutions with a deterministic spread of quality.

The demo has to show what a real workshop looks like to a trainer: most people hand in good
work, some hand in half, someone hands in the untouched exercise, someone's file is broken, and
the knowledge checks show that people learned. Everything is derived from the nbgrader release
(what participants receive) and the solution notebooks, with a ``seed``: the same seed gives the
same submissions, byte for byte.

>>> strip_solution_delimiters('x = (\\n    ### BEGIN SOLUTION\\n    "a"\\n    ### END SOLUTION\\n)')
'x = (\\n    "a"\\n)'
"""

from __future__ import annotations

import copy
import enum
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = [
    "Quality",
    "DemoSubmission",
    "strip_solution_delimiters",
    "read_solution_answers",
    "fill_answers",
    "plan_quality",
    "generate_submissions",
]

_BEGIN, _END = "### BEGIN SOLUTION", "### END SOLUTION"
_HIDDEN_BEGIN, _HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
KNOWLEDGE_CHECKS = ("knowledge_check_pre", "knowledge_check_post")


class Quality(enum.Enum):
    """How good a generated submission is."""

    FULL = "full"  # every answer from the solution
    PARTIAL = "partial"  # some answers, some weaker drafts, some left as ...
    BLANK = "blank"  # the exercise handed back untouched
    BROKEN = "broken"  # a file that is not valid notebook JSON (a failed upload, say)


@dataclass(frozen=True)
class DemoSubmission:
    participant_id: str
    assignment: str
    quality: Quality
    path: Path


# Weaker drafts for the partial submissions, so partial credit shows up in the report. Prose
# answers are written under ``%%answer`` (uprkit.grading.prose): an unmatched quote, as people
# type it, is text like any other.
_WEAKER_ANSWERS = {
    "recommendation_1": (
        '%%answer recommendation_1\nAdopt a law to protect "human rights defenders by 2027.'
    ),
    "recommendation_2": (
        "%%answer recommendation_2\nRatify the Optional Protocol to the Convention against "
        "Torture as soon as possible."
    ),
}

_LESSON_MEANS = {  # how the fictional cohort liked each lesson (for the evaluation ratings)
    "un_human_rights_system": 4.0,
    "upr_cycle": 4.4,
    "reading_upr_data": 3.7,
    "drafting_recommendations": 4.6,
    "stakeholder_submission": 3.9,
    "lobbying_and_advocacy": 4.2,
    "working_group_dialogue": 4.5,
    "treaty_bodies": 3.4,
    "follow_up": 4.0,
    "safety_of_defenders": 4.7,
    "training_of_trainers": 4.1,
    "daily_briefing": 3.8,
    "regional_systems": 4.1,
    "local_to_international": 4.3,
    "documentation": 4.4,
    "shadow_reports": 3.9,
}
_MOST_USEFUL = [
    "Rewriting our recommendations with the SMART checklist.",
    "The Working Group role-play: now I know why we cannot speak there.",
    "Finding which States made recommendations on our issue.",
    "The treaty-body calendar: we had missed two shadow-report deadlines.",
    "Meeting other defenders from my region.",
]
_TO_IMPROVE = [
    "More time for the lobbying plan, less lecture.",
    "The notebooks were slow on my connection; a printed version would help.",
    "Materials in French and Arabic from the first day.",
    "More examples from small island States.",
    "A session on digital security before the lobbying exercises.",
]
_FOLLOW_UP = {
    "national": [
        "Form a coalition of five NGOs to write a joint submission before the deadline.",
        "Ask the ministry for a meeting on the implementation plan of supported recommendations.",
        "Brief journalists on the recommendations our State noted.",
    ],
    "regional": [
        "Share our lobbying list with the regional defenders' network.",
        "Raise the follow-up at the regional human rights commission's next session.",
    ],
    "un": [
        "Send a shadow report to the Committee on the Rights of the Child.",
        "Brief embassies of recommending States three months before the review.",
        "Register for the UPR Info pre-session about one month before the review.",
    ],
}


def strip_solution_delimiters(source: str) -> str:
    """Drop the ``### BEGIN/END SOLUTION`` lines, keeping the answer between them."""
    return "\n".join(line for line in source.split("\n") if _BEGIN not in line and _END not in line)


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def read_solution_answers(solution_path: Path) -> dict[str, str]:
    """The answer of every solution cell (code and written) by its nbgrader ``grade_id``."""
    notebook = nbformat.read(solution_path, as_version=4)
    return {
        _nbgrader(cell)["grade_id"]: strip_solution_delimiters(cell.source)
        for cell in notebook.cells
        if _nbgrader(cell).get("solution")
    }


def fill_answers(release, answers: Mapping[str, str]):
    """A copy of the release notebook with the solution cells named in ``answers`` filled in."""
    notebook = copy.deepcopy(release)
    for cell in notebook.cells:
        grade_id = _nbgrader(cell).get("grade_id")
        if _nbgrader(cell).get("solution") and grade_id in answers:
            cell.source = answers[grade_id]
    return notebook


def plan_quality(
    participant_ids: Sequence[str], assignments: Iterable[str], *, seed: int = 0
) -> dict[tuple[str, str], Quality | None]:
    """Decide who hands in what: ``None`` means the participant did not hand it in.

    About six in ten hand in full work, three in ten partial, one in twenty the untouched
    exercise; exactly one submission in the cohort is broken (the first graded assignment of
    the third participant), so the report can show a "not graded" line.
    """
    rng = random.Random(seed)
    plan: dict[tuple[str, str], Quality | None] = {}
    assignments = list(assignments)
    graded = [
        a for a in assignments if a not in KNOWLEDGE_CHECKS and a != "programme_evaluation"
    ] or assignments
    for index, pid in enumerate(participant_ids):
        for assignment in assignments:
            draw = rng.random()
            if assignment in KNOWLEDGE_CHECKS or assignment == "programme_evaluation":
                quality = Quality.FULL  # answers vary inside the notebook, see below
                if assignment == "knowledge_check_post" and index == len(participant_ids) - 1:
                    quality = None  # left before the end of the workshop
            elif draw < 0.6:
                quality = Quality.FULL
            elif draw < 0.9:
                quality = Quality.PARTIAL
            elif draw < 0.95:
                quality = Quality.BLANK
            else:
                quality = None
            plan[(pid, assignment)] = quality
        if index == 0 and graded:
            plan[(pid, graded[0])] = Quality.FULL  # the demo always has one solution-perfect line
        if index == 1 and graded:
            plan[(pid, graded[0])] = Quality.BLANK  # ... and one untouched exercise
    if len(participant_ids) > 2 and graded:
        plan[(participant_ids[2], graded[0])] = Quality.BROKEN
    return plan


def _knowledge_answers(answers: Mapping[str, str], rng: random.Random, ability: float) -> dict:
    """Answer each multiple-choice item correctly with probability ``ability``."""
    chosen = {}
    for grade_id, source in answers.items():
        if rng.random() < ability:
            chosen[grade_id] = source
            continue
        correct = next(c for c in "abcd" if f'"{c}"' in source)
        wrong = rng.choice([c for c in "abcd" if c != correct])
        chosen[grade_id] = source.replace(f'"{correct}"', f'"{wrong}"')
    return chosen


def _evaluation_answers(rng: random.Random) -> dict[str, str]:
    ratings = {
        lesson: max(1, min(5, round(rng.gauss(mean, 0.7))))
        for lesson, mean in _LESSON_MEANS.items()
    }
    lines = ",\n".join(f"    {lesson!r}: {rating}" for lesson, rating in ratings.items())
    plans = {
        level: rng.choice(options) if rng.random() < 0.85 else ""
        for level, options in _FOLLOW_UP.items()
    }
    answers = {
        "ratings": f"ratings = {{\n{lines},\n}}",
        "most_useful": f"%%answer most_useful\n{rng.choice(_MOST_USEFUL)}",
        "to_improve": f"%%answer to_improve\n{rng.choice(_TO_IMPROVE)}",
    }
    # A level with no plan keeps its cell as released (the placeholder: no answer).
    answers.update(
        {
            f"follow_up_{level}": f"%%answer follow_up_{level}\n{text}"
            for level, text in plans.items()
            if text
        }
    )
    return answers


def _partial_answers(answers: Mapping[str, str], rng: random.Random) -> dict[str, str]:
    """Keep about half the answers, weaken some, leave the rest as the placeholder."""
    ids = sorted(answers)
    keep = set(rng.sample(ids, k=max(1, len(ids) // 2)))
    chosen = {}
    for grade_id in ids:
        if grade_id in _WEAKER_ANSWERS and rng.random() < 0.7:
            chosen[grade_id] = _WEAKER_ANSWERS[grade_id]
        elif grade_id in keep:
            chosen[grade_id] = answers[grade_id]
    return chosen


def generate_submissions(
    release_dir: Path,
    solutions_dir: Path,
    participant_ids: Sequence[str],
    out_dir: Path,
    *,
    assignments: Sequence[str],
    seed: int = 0,
) -> list[DemoSubmission]:
    """Write ``out_dir/<assignment>/<participant_id>/<assignment>.ipynb`` for the demo cohort.

    ``release_dir`` holds what participants received (``<release_dir>/<assignment>/*.ipynb``);
    ``solutions_dir`` the nbgrader sources. Returns one ``DemoSubmission`` per file written.
    """
    rng = random.Random(seed)
    plan = plan_quality(participant_ids, assignments, seed=seed)
    ability = {pid: rng.uniform(0.25, 0.6) for pid in participant_ids}
    gain = {pid: rng.uniform(0.15, 0.4) for pid in participant_ids}
    written: list[DemoSubmission] = []
    for assignment in assignments:
        release = nbformat.read(
            Path(release_dir) / assignment / f"{assignment}.ipynb", as_version=4
        )
        answers = read_solution_answers(Path(solutions_dir) / assignment / f"{assignment}.ipynb")
        for pid in participant_ids:
            quality = plan[(pid, assignment)]
            if quality is None:
                continue
            # One generator per (participant, assignment): adding an assignment changes no one else.
            local = random.Random(f"{seed}/{pid}/{assignment}")
            path = Path(out_dir) / assignment / pid / f"{assignment}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            if quality is Quality.BROKEN:
                # What a half-finished upload looks like: the start of the JSON, cut off.
                path.write_text(nbformat.writes(release)[:700], encoding="utf-8")
            else:
                if quality is Quality.BLANK:
                    chosen = {}
                elif assignment == "knowledge_check_pre":
                    chosen = _knowledge_answers(answers, local, ability[pid])
                elif assignment == "knowledge_check_post":
                    chosen = _knowledge_answers(answers, local, min(0.97, ability[pid] + gain[pid]))
                elif assignment == "programme_evaluation":
                    chosen = _evaluation_answers(local)
                elif quality is Quality.PARTIAL:
                    chosen = _partial_answers(answers, local)
                else:
                    chosen = dict(answers)
                nbformat.write(fill_answers(release, chosen), path)
            written.append(DemoSubmission(pid, assignment, quality, path))
    return written
