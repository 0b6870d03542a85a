"""The trainer command starts and lists its commands."""

from click.testing import CliRunner

from uprkit.cli import main


def test_help_lists_the_command_groups():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    for group in ("workshop", "data", "simulate", "cohort"):
        assert group in result.output
