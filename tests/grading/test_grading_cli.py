"""The trainer's whole cycle through the CLI, and feedback that never reveals hidden tests."""

from __future__ import annotations

import html

import pytest
from click.testing import CliRunner

from fixtures.cohort import MINI_SOURCE, ROSTER, stage
from uprkit.cli import main
from uprkit.i18n import gettext

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    ws = root / "ws"
    runner = CliRunner()

    def run(*args):
        argv = list(args) if args[0] == "workshop" else [*args, "-w", str(ws)]
        result = runner.invoke(main, argv)
        assert result.exit_code == 0, result.output
        return result.output

    outputs = {
        "init": run(
            "workshop", "init", str(ws), "--roster", str(ROSTER), "--assignment", str(MINI_SOURCE)
        )
    }
    outputs["release"] = run("release", "mini")
    incoming = stage(
        root / "in",
        {
            "p01.ipynb": "correct",
            "Amina Diallo 2.ipynb": "correct",
            "José Pérez.ipynb": "fails_hidden_test",
            "p04.ipynb": "invalid_json",
            "stranger.ipynb": "partial",
        },
    )
    (incoming / "Amina Diallo 2.ipynb").unlink()  # p01 once only
    outputs["collect"] = run("collect", "mini", str(incoming))
    outputs["autograde"] = run("autograde", "mini", "--workers", "2", "--timeout", "10")
    outputs["feedback"] = run("feedback", "mini")
    outputs["status"] = run("status")
    outputs["status_names"] = run("status", "--with-names")
    return ws, outputs


def test_each_step_reports_what_it_did(cycle):
    _, out = cycle
    assert "released mini" in out["release"] and "mini.zip" in out["release"]
    assert "collected 2 submission(s)" in out["collect"] and "stranger.ipynb" in out["collect"]
    # a damaged notebook is refused at the door, with its line, not left for autograde
    assert "p04: p04.ipynb refused: invalid JSON at line" in out["collect"]
    assert "refused 1 file(s)" in out["collect"]
    assert "2 graded" in out["autograde"] and "not graded" not in out["autograde"]
    assert "backed up" in out["autograde"]
    assert "feedback for 2 participant(s)" in out["feedback"]


def test_status_hides_names_unless_asked(cycle):
    _, out = cycle
    assert "Amina" not in out["status"] and "p01" in out["status"]
    assert "3/4" in out["status"] and "refused at collect" in out["status"]
    assert "p04 mini: file refused at collect: invalid JSON at line" in out["status"]
    assert "not submitted" in out["status"] and "why:" in out["status"]
    assert "Amina Diallo" in out["status_names"]


def test_feedback_never_shows_hidden_tests(cycle):
    ws, _ = cycle
    autograded = (ws / "course" / "autograded" / "p02" / "mini" / "mini.ipynb").read_text()
    assert "HIDDEN-TEST-MARKER" in autograded, "nbgrader keeps hidden tests in its own copy"
    feedback = (ws / "course" / "feedback" / "p02" / "mini" / "mini.html").read_text()
    assert "HIDDEN-TEST-MARKER" not in feedback and "count_supported([])" not in feedback
    # p02's roster language is Spanish: the page says it in Spanish
    hidden_note = (
        "Some tests are hidden on purpose, so their code is not shown; re-read the question and "
        "check your answer above."
    )
    assert html.escape(gettext("es")(hidden_note), quote=False) in feedback
    assert (
        "count_supported([&quot;supported&quot;, &quot;noted&quot;]) == 1" in feedback
        or "noted" in feedback
    ), "the visible test stays visible"
    assert not (ws / "course" / "feedback" / "p04").exists(), "no feedback for a not-graded one"


def test_cli_errors_are_one_clear_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["status", "-w", str(tmp_path)])
    assert result.exit_code != 0 and "not a workshop folder" in result.output
    assert "Traceback" not in result.output
