"""What the benchmarks that time cold processes share: one timed run, and how a series reads."""

from __future__ import annotations

import statistics
import subprocess
import time


def cold_run(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of ``command`` in a new process, timed from outside, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def spread(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):5.2f} s "
        f"(spread {min(times):.2f}–{max(times):.2f}, n={len(times)})"
    )


def alternate(
    commands: dict[str, list[str]], runs: int, label: str = ""
) -> tuple[dict[str, list[float]], dict[str, subprocess.CompletedProcess], bool]:
    """Cold runs of each command, ``runs`` times, the order alternating (so neither side always
    runs on a warm disk cache); (times per side, last run per side, every run succeeded)."""
    times: dict[str, list[float]] = {side: [] for side in commands}
    last: dict[str, subprocess.CompletedProcess] = {}
    ok = True
    sides = list(commands)
    for number in range(runs):
        for side in sides if number % 2 == 0 else sides[::-1]:
            seconds, done = cold_run(commands[side])
            times[side].append(seconds)
            last[side] = done
            if done.returncode != 0:
                ok = False
                print(f"  FAILED: {label}{side} exited {done.returncode}: "
                      f"{(done.stderr or done.stdout).strip()[-400:]}")  # fmt: skip
    return times, last, ok
