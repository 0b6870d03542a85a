"""The load check at a small scale: participants fetching and submitting at once lose nothing.

Not timed (``benchmarks/hub_load.py`` prints the times at 20). Real Unix users run nbgrader's
own fetch and submit together; the kit collects; every collected notebook must be the bytes
its participant submitted. Needs root; skips elsewhere with that reason, and fails in CI.
"""

from __future__ import annotations

import os

import pytest

from fixtures.cohort import MINI_SOURCE
from fixtures.required import need

pytestmark = pytest.mark.slow

AT_ONCE = 4  # 20 takes ~4 min on 2 busy cores: the benchmark's job


def test_participants_submitting_at_once_lose_nothing():
    need(os.geteuid() == 0, "the load check makes real Unix users: run it as root")
    from uprkit.hub.exchange_load import run_load

    alone, crowd = run_load(AT_ONCE, MINI_SOURCE)
    assert alone.failed == [] and crowd.failed == []
    assert (alone.collected, crowd.collected) == (1, AT_ONCE)
    assert alone.mismatched == [] and crowd.mismatched == []
    assert len(crowd.fetch_s) == len(crowd.submit_s) == AT_ONCE
