"""Benchmark: `uprkit autograde` against plain `nbgrader autograde` on the same cohort.

Builds a synthetic cohort of one assignment (the tests' ``mini`` fixture) with varied quality
(correct, partial, untouched, failing a hidden test, writing to stderr, one that sleeps 2 s, one
that loops until the 10 s cell timeout), prepares ONE workshop through the public CLI
(``uprkit workshop init`` / ``release`` / ``collect``), then grades it with both tools:

* baseline: plain ``nbgrader autograde mini --force`` run from the course root, as a trainer would,
  with the same 10 s cell timeout;
* uprkit: ``uprkit autograde mini -w WORKSHOP`` (sandboxed, parallel).

How it cannot flatter either side:

* each run is a new process on a fresh copy of the prepared workshop (its own gradebook), so no run
  reuses another's gradebook, kernels or results;
* the sides alternate, ``--runs`` times each (default 3), in a balanced order (A B, B A, A B, ...;
  which side is A is drawn from ``--seed``), so a change in machine load, a warm disk cache or a
  first-run cost hits both sides alike;
* it prints every run, the median and the spread (min-max) of each side, and the ratio of medians;
* it exits 1 when either side exits non-zero, records no grades, or when any run's grades differ
  from the first run's (every auto score, manual score and needs-manual-grade flag).

The same is then done at ``--large`` participants (default 200; 0 skips it), first. Plain nbgrader
needs ~7 minutes per run at 200, so the default full run takes about half an hour;
``--large-runs 1`` allows a single alternation at that size (said in the output), and
``--large-uprkit-only`` times uprkit alone there (no ratio at that size; said in the output).
``--quick`` skips the large cohort: only the main cohort, ``--runs`` alternations per side.

Run:  .venv/bin/python benchmarks/grading.py [--quick] [--participants 20] [--runs 3]
      [--large 200] [--large-runs 1] [--large-uprkit-only]
The last line is: speedup N.NN× at N participants (median of R alternating runs), scores
identical: yes|no
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

KIT = Path(__file__).resolve().parents[1]
FIXTURES = KIT / "tests" / "fixtures"
SOURCE = FIXTURES / "course" / "source" / "mini"
SUBMISSIONS = FIXTURES / "submissions"
BIN = Path(sys.executable).parent
CELL_TIMEOUT = 10  # seconds per cell, for both graders (the baseline's setting)
QUALITIES = [
    "correct",
    "correct",
    "correct",
    "partial",
    "partial",
    "untouched",
    "fails_hidden_test",
    "stderr_warning",
]
ENV = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


class BenchmarkError(Exception):
    """A side failed, or the setup did."""


def write_roster(path: Path, count: int) -> None:
    regions = [
        "Africa",
        "Asia-Pacific",
        "Middle East and North Africa",
        "Latin America and the Caribbean",
        "Eastern Europe",
    ]
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


def run(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    """One cold process: its wall time and result."""
    # Wall time only: CPU time of children misses kernels that are not waited-for descendants
    # (uprkit's sandboxed kernels showed ~5 s of CPU for 20 participants), which would flatter it.
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def checked(command: list[str], cwd: Path) -> None:
    _, done = run(command, cwd)
    if done.returncode != 0:
        raise BenchmarkError(
            f"setup step {' '.join(command[1:3])} exited {done.returncode}: "
            f"{(done.stderr or done.stdout).strip()[-600:]}"
        )


def prepare(root: Path, size: int, seed: int, endless_loop: bool) -> Path:
    """A workshop with the cohort collected and nothing graded, made through the CLI."""
    roster = root / f"roster-{size}.csv"
    write_roster(roster, size)
    ws = root / f"prepared-{size}"
    uprkit = str(BIN / "uprkit")
    checked([uprkit, "workshop", "init", str(ws), "--roster", str(roster),
             "--assignment", str(SOURCE)], root)  # fmt: skip
    checked([uprkit, "release", "mini", "-w", str(ws)], root)
    cohort = root / f"cohort-{size}"
    make_cohort(cohort, size, seed, endless_loop=endless_loop)
    checked([uprkit, "collect", "mini", str(cohort), "-w", str(ws)], root)
    return ws


def recorded_grades(ws: Path) -> dict:
    """Every grade in the workshop's gradebook, read through nbgrader's own API."""
    grades = {}
    with Gradebook(f"sqlite:///{ws / 'course' / 'gradebook.db'}") as gradebook:
        for student in gradebook.students:
            for submission in student.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        grades[(student.id, notebook.name, grade.name)] = (
                            grade.auto_score,
                            grade.manual_score,
                            grade.needs_manual_grade,
                        )
    return grades


def command_for(side: str, ws: Path) -> tuple[list[str], Path]:
    course = ws / "course"
    if side == "plain":
        return [str(BIN / "nbgrader"), "autograde", "mini", "--force",
                f"--CourseDirectory.root={course}",
                f"--Execute.timeout={CELL_TIMEOUT}"], course  # fmt: skip
    return [str(BIN / "uprkit"), "autograde", "mini", "-w", str(ws),
            "--timeout", str(CELL_TIMEOUT)], ws  # fmt: skip


def one_run(side: str, prepared: Path, root: Path, label: str) -> tuple[float, int, dict, str]:
    """Copy the prepared workshop, grade it with ``side`` in a new process, read its grades."""
    ws = root / label
    shutil.copytree(prepared, ws)
    command, cwd = command_for(side, ws)
    seconds, done = run(command, cwd)
    grades = recorded_grades(ws)
    shutil.rmtree(ws, ignore_errors=True)
    return seconds, done.returncode, grades, (done.stderr or done.stdout).strip()[-400:]


def spread(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):6.1f} s, spread {min(times):.1f}–{max(times):.1f} s "
        f"(n={len(times)})"
    )


def compare(root: Path, size: int, seed: int, runs: int, endless_loop: bool, *, plain: bool):
    """Alternate the sides ``runs`` times on fresh copies: (ratio or None, ok, identical)."""
    prepared = prepare(root, size, seed, endless_loop)
    sides = ["plain", "uprkit"] if plain else ["uprkit"]
    first = random.Random(seed).choice(sides)
    times: dict[str, list[float]] = {side: [] for side in sides}
    reference = None
    ok = identical = True
    print(f"\n{size} participants, {runs} alternating run(s) per side, fresh workshop copy each")
    for round_number in range(1, runs + 1):
        order = sorted(sides, key=lambda side: side != first)  # A B
        if round_number % 2 == 0:
            order.reverse()  # B A
        for side in order:
            seconds, code, grades, tail = one_run(
                side, prepared, root, f"{side}-{size}-{round_number}"
            )
            times[side].append(seconds)
            graded = sum(1 for key in grades if key[2] == "test_share")
            print(f"  round {round_number}  {side:6} {seconds:6.1f} s wall  "
                  f"exit {code}  {len(grades)} grades ({graded} graded)")  # fmt: skip
            if code != 0:
                ok = False
                print(f"    FAILED: {side} exited {code}: {tail}")
            if not grades:
                ok = False
                print(f"    FAILED: {side} recorded no grades")
            if reference is None:
                reference = (side, grades)
            elif grades != reference[1]:
                ok = identical = False
                diff = sorted(
                    (key, grades.get(key), reference[1].get(key))
                    for key in set(grades) | set(reference[1])
                    if grades.get(key) != reference[1].get(key)
                )
                print(f"    FAILED: grades differ from the first {reference[0]} run in "
                      f"{len(diff)} cells, e.g. {diff[:3]}")  # fmt: skip
    label = {"plain": "plain nbgrader autograde", "uprkit": "uprkit autograde"}
    for side in sides:
        print(f"  {label[side]:25} {spread(times[side])}")
    if not plain:
        print(f"  (--large-uprkit-only: plain nbgrader not run at {size}; no ratio at this size)")
        return None, ok, identical
    ratio = statistics.median(times["plain"]) / statistics.median(times["uprkit"])
    print(f"  ratio of medians, plain / uprkit: {ratio:.2f}×"
          + ("  (single alternation: no spread, noisy)" if runs == 1 else ""))  # fmt: skip
    return ratio, ok, identical


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20, help="size of the main cohort")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per side (>= 3)")
    parser.add_argument("--large", type=int, default=200, help="size of the large cohort (0: skip)")
    parser.add_argument(
        "--large-runs",
        type=int,
        default=None,
        help="alternating runs per side at the large size (default: --runs; 1 is allowed there)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--quick", action="store_true", help="skip the large cohort (same as --large 0)"
    )
    parser.add_argument(
        "--large-uprkit-only",
        action="store_true",
        help="at the large size, time uprkit only (no ratio there)",
    )
    parser.add_argument(
        "--no-endless-loop",
        action="store_true",
        help="leave out the submission that runs into the 10 s cell timeout",
    )
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3 (a single alternation only with --large-runs)")
    large_runs = args.large_runs or args.runs
    root = Path(tempfile.mkdtemp(prefix="uprkit-bench-"))
    try:
        print(
            f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
            "(other work on the machine shows in the spread)"
        )
        results = []
        if args.large and not args.quick:
            results.append(
                (args.large, large_runs)
                + compare(
                    root, args.large, args.seed + 1, large_runs, not args.no_endless_loop,
                    plain=not args.large_uprkit_only,
                )
            )  # fmt: skip
        results.append(
            (args.participants, args.runs)
            + compare(
                root, args.participants, args.seed, args.runs, not args.no_endless_loop, plain=True
            )
        )
        print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
        failed = [size for size, _, _, ok, _ in results if not ok]
        if failed:
            print(f"FAILED at {', '.join(map(str, failed))} participants (see above)")
        for size, runs, ratio, _, identical in results:
            if ratio is not None:
                same = "yes" if identical else "no"
                print(f"speedup {ratio:.2f}× at {size} participants (median of {runs} "
                      f"alternating runs), scores identical: {same}")  # fmt: skip
        return 1 if failed else 0
    except BenchmarkError as error:
        print(f"benchmark failed: {error}")
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
