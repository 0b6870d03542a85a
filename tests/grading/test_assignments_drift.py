"""exercises/ is generated from solutions/ with nbgrader; fail when the committed copies drift."""

from __future__ import annotations

import pytest

from uprkit.workshop.assignments import ASSIGNMENTS, generate_exercises, normalise_notebook


@pytest.mark.slow
def test_committed_exercises_match_a_fresh_generation(tmp_path, kit_root, monkeypatch):
    monkeypatch.setenv("PATH", f"{kit_root / '.venv' / 'bin'}:" + __import__("os").environ["PATH"])
    generate_exercises(ASSIGNMENTS, tmp_path)
    drifted = []
    for name in ASSIGNMENTS:
        fresh = normalise_notebook(tmp_path / name / f"{name}.ipynb")
        committed = normalise_notebook(kit_root / "exercises" / name / f"{name}.ipynb")
        if fresh != committed:
            drifted.append(name)
    assert not drifted, (
        f"exercises/ differs from solutions/ for {', '.join(drifted)}; "
        "regenerate with `python -m uprkit.workshop.assignments` and commit the result"
    )
