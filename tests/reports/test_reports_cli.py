"""`uprkit report` and `uprkit demo` parse their options and explain bad input; doctests run."""

from __future__ import annotations

from click.testing import CliRunner

from uprkit.cli import main


def test_report_outside_a_workshop_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(main, ["report", "-w", str(tmp_path)])
    assert result.exit_code != 0
    assert "not a workshop folder" in result.output and "uprkit workshop init" in result.output


def test_report_help_lists_the_kinds_and_the_names_switch():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    for word in ("cohort", "transcript", "funder", "--with-names"):
        assert word in result.output


def test_demo_refuses_an_unknown_assignment(tmp_path):
    result = CliRunner().invoke(main, ["demo", str(tmp_path / "d"), "--assignment", "essay"])
    assert result.exit_code != 0
    assert "essay" in result.output and "recommendations" in result.output
