"""How long ``uprkit followup new`` (target < 5 s) and its dashboard (< 15 s) take for ~300 recs.

Both sides are whole, cold Python processes timed from outside, alternating (A B, B A, ...):

* uprkit: ``uprkit followup new DIR --state CUB --cycle 2 --from 14-17.csv --force``: reads the
  real UPR Info export (encoding told from the bytes, every row checked), joins co-sponsors,
  runs the analyser (action category, SMART elements), clusters, writes the XLSX and the CSV.
* baseline: ``python -c`` with pandas alone reading the same export (the data README's
  one-liner: Mac Roman, bare CR line ends), keeping the State's rows and writing them to an
  XLSX with openpyxl and to a CSV: the bare read-filter-write a script would do by hand.

Then the dashboard, both sides cold processes again, on that matrix once a coalition has filled
in statuses and evidence (seeded, so every run times the same file):

* uprkit: ``uprkit followup report MATRIX --kind dashboard --language fr --out DIR``: reads and
  checks the matrix (Frictionless), pseudonymises the people it names, compares it with the last
  saved version, and papermill runs the template on a real kernel into self-contained HTML.
* baseline: ``python -c`` with pandas alone reading the same XLSX, counting statuses by cluster
  and by response, and writing the two tables as one HTML page (no kernel, no check, no words).

Cuba's 2nd-cycle review (session 16) is the largest in the file: 369 rows, 334 recommendations
once co-sponsors are joined. Exits 1 if a process fails or a median misses its target.

Run:  .venv/bin/python benchmarks/followup.py [PATH_TO_shared/data/real] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import alternate, spread  # benchmarks/_timing.py, beside this script

KIT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("UPRKIT_SHARED", KIT_ROOT.parent / "shared")) / "data/real"
BIN = Path(sys.executable).parent
TARGET_SECONDS = 5.0
DASHBOARD_TARGET_SECONDS = 15.0
STATE, NAME, CYCLE, EXPORT = "CUB", "Cuba", 2, "upr_info_sessions_1-20/14-17.csv"

# Prints the number of rows it kept; gets the export and an output folder.
BASELINE = """
import io, sys
from pathlib import Path
import pandas as pd

text = Path(sys.argv[1]).read_bytes().decode("mac_roman")
rows = pd.read_csv(io.StringIO(text), lineterminator="\\r", dtype=str, keep_default_na=False)
mine = rows[rows["To"] == sys.argv[3]]
mine.to_excel(Path(sys.argv[2]) / "baseline.xlsx", index=False, engine="openpyxl")
mine.to_csv(Path(sys.argv[2]) / "baseline.csv", index=False, encoding="utf-8-sig")
print(len(mine))
"""


DASHBOARD_BASELINE = """
import sys
import pandas as pd

m = pd.read_excel(sys.argv[1], sheet_name="matrix", dtype=str, engine="openpyxl").fillna("")
by_cluster = pd.crosstab(m["cluster"], m["status"])
by_response = pd.crosstab(m["response"], m["status"])
with open(sys.argv[2], "w", encoding="utf-8") as page:
    page.write(by_response.to_html() + by_cluster.to_html())
print(len(m))
"""


def fill_in(matrix_path: Path) -> None:
    """Statuses, dated evidence and next steps, as a coalition would have them at mid-term; saved
    twice, so the dashboard also has a last saved version to compare with."""
    import random

    from uprkit.simulations.followup import Status, read_matrix, save_matrix

    rng = random.Random(17)
    matrix = read_matrix(matrix_path)
    save_matrix(matrix, matrix_path)
    statuses = [s.value for s in Status]
    for index in matrix.index:
        matrix.loc[index, "status"] = rng.choice(statuses)
        if rng.random() < 0.4:
            matrix.loc[index, ["evidence", "evidence_date", "evidence_source"]] = [
                f"Ms Example {index % 9} reported the decree",
                "2026-05-04",
                "Official Gazette",
            ]
        if rng.random() < 0.3:
            matrix.loc[index, ["next_step", "due_date"]] = ["Ask for a budget line", "2027-06-30"]
    save_matrix(matrix, matrix_path)


def measure_dashboard(matrix: Path, out: Path, runs: int) -> tuple[dict[str, list[float]], bool]:
    commands = {
        "baseline": [sys.executable, "-c", DASHBOARD_BASELINE, str(matrix), str(out / "b.html")],
        "uprkit": [str(BIN / "uprkit"), "followup", "report", str(matrix), "--kind",
                   "dashboard", "--language", "fr", "--out", str(out)],
    }  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    times, _last, ok = alternate(commands, runs, "dashboard ")
    return times, ok


def measure(export: Path, out: Path, runs: int) -> tuple[dict[str, list[float]], bool, str]:
    commands = {
        "baseline": [sys.executable, "-c", BASELINE, str(export), str(out), NAME],
        "uprkit": [str(BIN / "uprkit"), "followup", "new", str(out), "--state", STATE,
                   "--cycle", str(CYCLE), "--from", str(export), "--force"],
    }  # fmt: skip
    times, last, ok = alternate(commands, runs)
    said = {"baseline": "", "uprkit": ""}
    if last["baseline"].returncode == 0:
        said["baseline"] = f"baseline kept {last['baseline'].stdout.split()[-1]} rows"
    if last["uprkit"].returncode == 0:
        said["uprkit"] = last["uprkit"].stdout.splitlines()[0].split(", from ")[0]
    return times, ok, f"{said['baseline']}; uprkit: {said['uprkit']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3, help="cold runs per side (alternating)")
    args = parser.parse_args()
    export = args.real / EXPORT
    if not export.is_file():
        print(f"{export} is not here: the real data lives in ../shared (UPRKIT_SHARED)")
        return 1
    print(
        f"each figure: whole cold processes, timed from outside; {args.runs} per side, "
        f"alternating; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(a shared machine: read the spread)"
    )
    with tempfile.TemporaryDirectory() as folder:
        times, ok, said = measure(export, Path(folder), args.runs)
        matrix = Path(folder) / f"followup-{STATE}-cycle{CYCLE}.xlsx"
        fill_in(matrix)
        dashboard, dashboard_ok = measure_dashboard(matrix, Path(folder) / "report", args.runs)
    uprkit = statistics.median(times["uprkit"])
    print(f"{STATE} cycle {CYCLE} from {EXPORT}: {said}")
    print(f"  baseline (pandas read, filter, write xlsx+csv) {spread(times['baseline'])}")
    print(f"  uprkit followup new                            {spread(times['uprkit'])}")
    print(f"  ratio uprkit / baseline {uprkit / statistics.median(times['baseline']):5.2f}")
    met = uprkit < TARGET_SECONDS
    print(f"  target < {TARGET_SECONDS:.0f} s: {'met' if met else 'MISSED'}")
    report = statistics.median(dashboard["uprkit"])
    print("dashboard of that matrix (statuses and evidence filled in, one saved version before):")
    print(f"  baseline (pandas read xlsx, 2 crosstabs, HTML) {spread(dashboard['baseline'])}")
    print(f"  uprkit followup report --kind dashboard        {spread(dashboard['uprkit'])}")
    print(f"  ratio uprkit / baseline {report / statistics.median(dashboard['baseline']):5.2f}")
    dashboard_met = report < DASHBOARD_TARGET_SECONDS
    print(f"  target < {DASHBOARD_TARGET_SECONDS:.0f} s: {'met' if dashboard_met else 'MISSED'}")
    return 0 if ok and met and dashboard_ok and dashboard_met else 1


if __name__ == "__main__":
    sys.exit(main())
