"""How long the importers take on the real exports, against a plain pandas read of the same files.

Both sides are timed the same way: **each run is a new, cold Python process**, timed from outside
(whole process: interpreter start, imports, reading, and for uprkit its report), as a trainer
waits for it. Nothing is warmed beforehand and no side reuses the other's process; the sides
alternate in a balanced order (A B, B A, A B, ...) so load on the shared machine hits both.

* uprkit: the public CLI, ``uprkit data import KIND FOLDER`` (reads, decodes with its encoding
  detection, maps state names, checks the vocabularies, reports the rows it did not understand).
* baseline: ``python -c`` with pandas alone reading the same files: for the UPR Info export the
  data README's one-liner (Mac Roman, bare CR line ends, all text); ``pd.read_excel`` with the
  same engine (calamine) for the SDG-HR Data Explorer workbooks and the OHCHR .xls; plain
  ``pd.read_csv`` for the ratification CSVs.

The ratio (uprkit / baseline, of the medians) says what the importer's checks and report cost on
top of a bare read. Exits 1 if any process exits non-zero or a baseline reads no rows.

Run:  .venv/bin/python benchmarks/data_import_speed.py [PATH_TO_shared/data/real] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from _timing import alternate, spread  # benchmarks/_timing.py, beside this script

KIT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("UPRKIT_SHARED", KIT_ROOT.parent / "shared")) / "data/real"
BIN = Path(sys.executable).parent

# Each baseline prints the number of rows it read; it gets the folder as sys.argv[1].
BASELINES = {
    "upr-info": """
import io, sys
from pathlib import Path
import pandas as pd
rows = 0
for file in sorted(Path(sys.argv[1]).glob("*.csv")):
    text = file.read_bytes().decode("mac_roman")
    rows += len(pd.read_csv(io.StringIO(text), lineterminator="\\r", dtype=str,
                            keep_default_na=False))
print(rows)
""",
    "sdg-explorer": """
import sys
from pathlib import Path
import pandas as pd
print(sum(len(pd.read_excel(f, engine="calamine", dtype=object))
          for f in sorted(Path(sys.argv[1]).glob("*.xlsx"))))
""",
    "ratification": """
import sys
from pathlib import Path
import pandas as pd
rows = 0
for file in sorted(Path(sys.argv[1]).rglob("*")):
    if file.suffix == ".csv":
        rows += len(pd.read_csv(file, dtype=str, keep_default_na=False))
    elif file.suffix in (".xls", ".xlsx"):
        rows += len(pd.read_excel(file, engine="calamine", header=None, dtype=object))
print(rows)
""",
}
FOLDERS = {
    "upr-info": "upr_info_sessions_1-20",
    "sdg-explorer": "sdg_hr_explorer_upr",
    "ratification": "treaty_ratification",
}


def measure(kind: str, folder: Path, runs: int) -> tuple[float, bool]:
    """Alternate cold baseline and cold CLI processes; print both; (ratio, ok)."""
    commands = {
        "baseline": [sys.executable, "-c", BASELINES[kind], str(folder)],
        "uprkit": [str(BIN / "uprkit"), "data", "import", kind, str(folder)],
    }
    times, last, ok = alternate(commands, runs, f"{kind} ")
    baseline_rows, summary = None, ""
    if last["baseline"].returncode == 0:
        baseline_rows = int(last["baseline"].stdout.split()[-1])
    if last["uprkit"].returncode == 0:
        summary = next(
            (line for line in last["uprkit"].stdout.splitlines() if "rows imported" in line), ""
        )
    if not baseline_rows:
        ok = False
    ratio = statistics.median(times["uprkit"]) / statistics.median(times["baseline"])
    print(
        f"{kind:13} baseline (pandas alone) {spread(times['baseline'])}, {baseline_rows} rows read"
    )
    print(f"{'':13} uprkit data import      {spread(times['uprkit'])}, {summary.strip()}")
    print(f"{'':13} ratio uprkit / baseline {ratio:5.2f}")
    return ratio, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3, help="cold runs per side (alternating)")
    args = parser.parse_args()
    print(
        f"each figure: whole cold processes, timed from outside; {args.runs} per side, "
        f"alternating; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(a shared machine: read the spread)"
    )
    ok = True
    for kind, sub in FOLDERS.items():
        _, fine = measure(kind, args.real / sub, args.runs)
        ok = ok and fine
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
