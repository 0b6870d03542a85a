"""Cohort report build time: 200 participants against a 20-participant baseline, same run.

Target (team brief): the 200-participant cohort report builds in under 30 s. The workshops are
real nbgrader gradebooks filled with seeded synthetic grades (tests/reports_fixtures.py), because
only the report is measured here, not grading.

    .venv/bin/python benchmarks/bench_cohort_report.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT / "tests"))
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"

from reports_fixtures import make_graded_workshop  # noqa: E402
from uprkit.workshop.assignments import ASSIGNMENTS  # noqa: E402
from uprkit.reports.build import build_report  # noqa: E402


def measure(ws, runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build_report(ws, kind="cohort")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="uprkit-bench-") as tmp:
        small, _ = make_graded_workshop(Path(tmp) / "small", 20, seed=1, assignments=ASSIGNMENTS)
        large, _ = make_graded_workshop(Path(tmp) / "large", 200, seed=2, assignments=ASSIGNMENTS)
        baseline = measure(small)
        big = measure(large)
    print(f"cohort report, 20 participants (baseline): {baseline:6.2f} s")
    print(
        f"cohort report, 200 participants:          {big:6.2f} s  "
        f"(ratio {big / baseline:.2f}; target < 30 s: {'met' if big < 30 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
