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
