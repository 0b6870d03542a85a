"""Shared fixtures: where ../shared is, and how a test that needs it behaves outside CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixtures.required import need

KIT_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UPRKIT_SHARED", KIT_ROOT.parent / "shared"))
REAL_DATA = SHARED / "data" / "real"


def _need_shared(path: Path) -> Path:
    """Return ``path`` under ../shared, or skip with a reason (a failure in CI)."""
    need(
        path.exists(),
        f"{path} is not here: the real public data lives in ../shared beside the clone "
        "(present in CI, absent from a user's clone)",
    )
    return path


@pytest.fixture(scope="session")
def kit_root() -> Path:
    return KIT_ROOT


@pytest.fixture(scope="session")
def real_data() -> Path:
    """../shared/data/real (UPR Info export, SDG-HR explorer, treaty tables, calendars)."""
    return _need_shared(REAL_DATA)


@pytest.fixture(scope="session")
def shared_domain() -> Path:
    """../shared/domain (the fact sheet)."""
    return _need_shared(SHARED / "domain")


# Fixture notebooks (broken submissions and the like) are data for tests, not notebooks to validate.
collect_ignore_glob = ["fixtures/*", "**/fixtures/*"]
