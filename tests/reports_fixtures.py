"""A workshop whose gradebook holds synthetic grades, for report tests and the report benchmark.

Grading hundreds of real submissions would take minutes; the report only reads the gradebook
and the submitted evaluation notebooks, so here a real nbgrader gradebook (made by
``init_workshop`` + ``release_assignment``) is filled through nbgrader's own API with seeded
scores. The demo end-to-end test covers the real grading path.
"""

from __future__ import annotations

import random
from pathlib import Path

import nbformat

from uprkit.training.demo_cohort import _evaluation_answers, fill_answers
from uprkit.workshop.course import open_gradebook
from uprkit.workshop.prepare import init_workshop, release_assignment

REGIONS = (
    "Africa",
    "Asia-Pacific",
    "Middle East and North Africa",
    "Latin America and the Caribbean",
    "Eastern Europe",
)
GENDERS = ("woman", "woman", "man", "man", "non-binary", "undisclosed")
ASSIGNMENTS = (
    "knowledge_check_pre",
    "recommendations",
    "knowledge_check_post",
    "programme_evaluation",
)


def make_graded_workshop(
    folder: Path, participants: int, *, seed: int = 0, assignments=ASSIGNMENTS, unsubmitted=()
):
    """A workshop of ``participants`` fictional people with every assignment graded.

    ``assignments`` may hold paths to a trainer's own nbgrader source folders; the ones named in
    ``unsubmitted`` are released but nobody has handed them in.
    """
    rng = random.Random(seed)
    folder = Path(folder)
    roster = folder.parent / f"{folder.name}-roster.csv"
    lines = ["participant_id,name,gender,region,organisation"]
    for i in range(1, participants + 1):
        lines.append(f"s{i:03d},Person Nº{i} Ñandú,{rng.choice(GENDERS)},{REGIONS[i % 5]},Org {i}")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = init_workshop(folder, roster, assignments=list(assignments))
    ids = [f"s{i:03d}" for i in range(1, participants + 1)]
    for assignment in (Path(a).name for a in assignments):
        release = release_assignment(ws, assignment)
        if assignment in unsubmitted:
            continue
        notebook = next(release.glob("*.ipynb"))
        released = nbformat.read(notebook, as_version=4)
        ability = 0.3 if assignment == "knowledge_check_pre" else 0.7
        with open_gradebook(ws) as gradebook:
            for pid in ids:
                submission = gradebook.add_submission(assignment, pid)
                for grade in (g for notebook in submission.notebooks for g in notebook.grades):
                    grade.auto_score = grade.max_score * (
                        rng.random() < ability + rng.random() * 0.3
                    )
                    grade.needs_manual_grade = False
            gradebook.db.commit()
        if assignment == "programme_evaluation":
            for pid in ids:
                target = ws.submitted_dir(pid, assignment)
                target.mkdir(parents=True, exist_ok=True)
                answers = _evaluation_answers(random.Random(f"{seed}/{pid}"))
                nbformat.write(fill_answers(released, answers), target / f"{assignment}.ipynb")
    return ws, ids
