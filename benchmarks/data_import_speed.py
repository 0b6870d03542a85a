"""How long the importers take on the real exports, against a plain pandas read of the same files.

Baseline, measured in the same run: ``pd.read_csv`` of each file with the README's one-liner
(Mac Roman, CR line ends, all text) for the UPR Info export, and ``pd.read_excel`` with the same
engine for the SDG-HR Data Explorer workbooks. The importer does that read plus state-name
mapping, vocabulary checks and the problems report; the ratio says what that costs.

Run:  .venv/bin/python benchmarks/data_import_speed.py [PATH_TO_shared/data/real]
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pandas as pd

from uprkit.data.importers.upr_info import import_ratifications, import_sdg_explorer, import_upr_info

KIT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("UPRKIT_SHARED", KIT_ROOT.parent / "shared")) / "data/real"


def best_of(runs: int, func) -> tuple[float, object]:
    """Best wall time of ``runs`` calls (the machine is shared; the best run is the least noisy)."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def read_upr_info_plainly(folder: Path) -> int:
    rows = 0
    for file in sorted(folder.glob("*.csv")):
        text = file.read_bytes().decode("mac_roman")
        rows += len(
            pd.read_csv(io.StringIO(text), lineterminator="\r", dtype=str, keep_default_na=False)
        )
    return rows


def read_sdg_plainly(folder: Path) -> int:
    return sum(
        len(pd.read_excel(f, engine="calamine", dtype=object))
        for f in sorted(folder.glob("*.xlsx"))
    )


def main(real: Path) -> None:
    upr = real / "upr_info_sessions_1-20"
    baseline, rows = best_of(3, lambda: read_upr_info_plainly(upr))
    timed, result = best_of(3, lambda: import_upr_info(upr))
    print(
        f"upr-info      baseline {baseline:6.2f} s ({rows} rows read)   import_upr_info "
        f"{timed:6.2f} s ({len(result.data)} rows, {len(result.problems)} problems)   "
        f"ratio {timed / baseline:5.2f}"
    )

    sdg = real / "sdg_hr_explorer_upr"
    baseline, rows = best_of(1, lambda: read_sdg_plainly(sdg))
    timed, result = best_of(1, lambda: import_sdg_explorer(sdg))
    print(
        f"sdg-explorer  baseline {baseline:6.2f} s ({rows} rows read)   import_sdg_explorer "
        f"{timed:6.2f} s ({len(result.data)} rows, {len(result.problems)} problems)   "
        f"ratio {timed / baseline:5.2f}"
    )

    timed, result = best_of(1, lambda: import_ratifications(real / "treaty_ratification"))
    print(
        f"ratification  import_ratifications {timed:6.2f} s ({len(result.data)} rows, "
        f"{len(result.problems)} problems)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
