"""Benchmark: a cohort fetching and submitting at once through nbgrader's exchange (issue 18).

``--participants`` (default 20) real Unix users run nbgrader's own ``fetch_assignment`` then
``submit`` of the tests' ``mini`` assignment, all started together (one thread and one process
per step each); the baseline, measured in the same run just before, is ONE participant alone
doing the same. Then the trainer's side collects through the kit (``uprkit hub collect``'s
function) and every collected notebook's SHA-256 is compared with what its participant
submitted: nothing may be lost or mixed up.

Prints p50/p95 of each step for the crowd, the lone participant's times, the ratios crowd
p50 / alone, the wall time of the crowd, and the collected count. Exits 1 when a step failed,
a submission was not collected or differs. Needs root (it makes the users; removed at the
end). The machine is shared: the 2 cores are the limit, each nbgrader process costs ~2-3 s
of CPU (its imports), so the crowd's times mostly measure that queue, not the exchange.

Run:  sudo .venv/bin/python benchmarks/hub_load.py [--participants 20] [--base /opt]
The last line is: hub load: N/N collected, checksums match: yes|no; fetch p50 X s (alone Y s,
Z×), submit p50 ...
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SOURCE = KIT / "tests" / "fixtures" / "course" / "source" / "mini"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--base", default="/opt", help="a folder every user can reach")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("hub_load.py makes real Unix users: run it as root", file=sys.stderr)
        return 2
    os.environ["PATH"] = f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"
    from uprkit.hub.exchange_load import percentile, run_load

    load_before = os.getloadavg()[0]
    alone, crowd = run_load(args.participants, SOURCE, base=args.base)
    for line in alone.failed + crowd.failed:
        print(f"FAILED {line}")
    n = crowd.participants
    print(
        f"participants at once: {n} (+1 alone first); cores: {os.cpu_count()}; "
        f"1-min load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    ratios = []
    for step, mine, solo in (
        ("fetch", crowd.fetch_s, alone.fetch_s),
        ("submit", crowd.submit_s, alone.submit_s),
    ):
        if not mine or not solo:
            continue
        p50, p95 = percentile(mine, 50), percentile(mine, 95)
        ratios.append(f"{step} p50 {p50:.2f} s (alone {solo[0]:.2f} s, {p50 / solo[0]:.1f}×)")
        print(
            f"{step:7s} crowd p50 {p50:6.2f} s  p95 {p95:6.2f} s  max {max(mine):6.2f} s  "
            f"(n={len(mine)}) | alone {solo[0]:5.2f} s | p50/alone {p50 / solo[0]:4.1f}×"
        )
    print(f"crowd wall time {crowd.wall_s:.1f} s (alone {alone.wall_s:.1f} s)")
    lost = (n - crowd.collected) + (1 - alone.collected)
    match = not crowd.mismatched and not alone.mismatched
    if not match:
        print(f"mismatched or missing: {', '.join(crowd.mismatched + alone.mismatched)}")
    print(
        f"hub load: {crowd.collected}/{n} collected, checksums match: {'yes' if match else 'no'}; "
        + "; ".join(ratios)
    )
    return 0 if not lost and match and not (alone.failed or crowd.failed) else 1


if __name__ == "__main__":
    sys.exit(main())
