"""Benchmark: `uprkit autograde` against plain `nbgrader autograde` on the same cohort.

Builds synthetic cohorts of one assignment (the tests' `mini` fixture) with varied quality
(correct, partial, untouched, failing a hidden test, writing to stderr, one that sleeps 2 s),
grades the SAME 20 submissions with plain nbgrader (a subprocess run from the course root, as a
trainer would) and with uprkit (the CLI, sandboxed, parallel), compares every recorded grade, then
does the same with 200 submissions (plain nbgrader needs ~7 minutes for those; ``--quick``
times uprkit alone at 200). Run:  .venv/bin/python benchmarks/grading.py
The last line is: speedup N.NN× at 20 participants, scores identical: yes|no
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

KIT = Path(__file__).resolve().parents[1]
FIXTURES = KIT / "tests" / "fixtures"
SOURCE = FIXTURES / "course" / "source" / "mini"
SUBMISSIONS = FIXTURES / "submissions"
BIN = Path(sys.executable).parent
CELL_TIMEOUT = 10  # seconds per cell, for both graders (the baseline's setting)
QUALITIES = ["correct", "correct", "correct", "partial", "partial", "untouched",
             "fails_hidden_test", "stderr_warning"]


def write_roster(path: Path, count: int) -> None:
    regions = ["Africa", "Asia-Pacific", "Middle East and North Africa",
               "Latin America and the Caribbean", "Eastern Europe"]
    genders = ["woman", "man", "non-binary", "undisclosed"]
    lines = ["participant_id,name,gender,region"]
    for i in range(1, count + 1):
        lines.append(f"b{i:03d},Bench Participant {i:03d},{genders[i % 4]},{regions[i % 5]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_cohort(folder: Path, count: int, seed: int, *, endless_loop: bool = True) -> None:
    """count submissions named by id, qualities drawn with ``seed``.

    As in the engineering-notes baseline (plain nbgrader ~41 s), one participant's answer sleeps
    2 s and one loops until the 10 s cell timeout interrupts it.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(1, count + 1):
        quality = rng.choice(QUALITIES)
        nb = nbformat.read(SUBMISSIONS / f"{quality}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") != "share":
                continue
            if i == 7:  # a slow participant
                cell.source = "import time\ntime.sleep(2)\n" + cell.source
            elif i == 13 and endless_loop:  # an endless loop, stopped by the cell timeout
                cell.source = "while True:\n    pass\n" + cell.source
        nbformat.write(nb, folder / f"b{i:03d}.ipynb")


def new_workshop(root: Path, roster_size: int):
    from uprkit.workshop.folder import init_workshop, release_assignment

    roster = root / f"roster-{roster_size}.csv"
    write_roster(roster, roster_size)
    ws = init_workshop(root / f"ws-{roster_size}", roster, assignments=[SOURCE])
    release_assignment(ws, "mini")
    return ws


def recorded_grades(ws) -> dict:
    from uprkit.workshop.folder import open_gradebook

    grades = {}
    with open_gradebook(ws) as gradebook:
        for student in gradebook.students:
            for submission in student.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        grades[(student.id, notebook.name, grade.name)] = (
                            grade.auto_score, grade.manual_score, grade.needs_manual_grade)
    return grades


def timed(command: list[str], cwd: Path) -> float:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0,):
        print(f"  ({command[0]} exited {done.returncode}: {done.stderr.strip()[-300:]})")
    return seconds


def compare(root: Path, size: int, seed: int, endless_loop: bool, *, plain: bool = True):
    """Grade one synthetic cohort with plain nbgrader and uprkit: (plain s, uprkit s, same?)."""
    from uprkit.workshop.folder import Workshop, collect_submissions

    ws = new_workshop(root, size)
    make_cohort(root / f"cohort-{size}", size, seed, endless_loop=endless_loop)
    collect_submissions(ws, "mini", root / f"cohort-{size}")
    plain_s = plain_grades = None
    if plain:
        shutil.copytree(ws.root, root / f"plain-{size}")
        copy = Workshop.at(root / f"plain-{size}")
        plain_s = timed([str(BIN / "nbgrader"), "autograde", "mini", "--force",
                         f"--CourseDirectory.root={copy.course_dir}",
                         f"--Execute.timeout={CELL_TIMEOUT}"], copy.course_dir)
        plain_grades = recorded_grades(copy)
    ours_s = timed([str(BIN / "uprkit"), "autograde", "mini", "-w", str(ws.root),
                    "--timeout", str(CELL_TIMEOUT)], ws.root)
    ours_grades = recorded_grades(ws)
    identical = None
    if plain:
        identical = bool(ours_grades) and ours_grades == plain_grades
        if not identical:
            diff = {k: (ours_grades.get(k), plain_grades.get(k))
                    for k in set(ours_grades) | set(plain_grades)
                    if ours_grades.get(k) != plain_grades.get(k)}
            print(f"  grades differ in {len(diff)} cells, e.g. {sorted(diff.items())[:3]}")
    graded = sum(1 for k in ours_grades if k[2] == "test_share")
    plain_text = f"plain nbgrader autograde {plain_s:6.1f} s   " if plain else ""
    print(f"{size:>3} submissions  {plain_text}uprkit autograde {ours_s:6.1f} s   "
          f"({ours_s / size:.2f} s per submission, {graded} graded, "
          f"{len(ours_grades)} grades compared)")
    return plain_s, ours_s, identical


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=200, help="size of the large cohort (0: skip)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true",
                        help="at the large size, time uprkit only (no plain nbgrader run)")
    parser.add_argument("--no-endless-loop", action="store_true",
                        help="leave out the submission that runs into the 10 s cell timeout")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="uprkit-bench-"))
    try:
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        plain_s, ours_s, identical = compare(root, 20, args.seed, not args.no_endless_loop)
        if args.large:
            large = compare(root, args.large, args.seed + 1, not args.no_endless_loop,
                            plain=not args.quick)
            if large[0] is None:
                print(f"  (--quick: plain nbgrader not run at {args.large}; at its 20-cohort "
                      f"rate it would need ~{plain_s / 20 * args.large:.0f} s)")
            else:
                print(f"speedup {large[0] / large[1]:.2f}× at {args.large} participants, "
                      f"scores identical: {'yes' if large[2] else 'no'}")
        print(f"speedup {plain_s / ours_s:.2f}× at 20 participants, "
              f"scores identical: {'yes' if identical else 'no'}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
