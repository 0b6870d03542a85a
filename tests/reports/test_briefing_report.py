"""The morning briefing end to end: real papermill run of grading/templates/briefing.ipynb."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.reports.briefing import build_briefing, make_log, save_log

pytestmark = pytest.mark.slow


@pytest.fixture
def cohort_logs(tmp_path):
    logs = tmp_path / "logs"
    save_log(
        make_log(
            "P01",
            "2026-11-23",
            name="Amina Diallo",
            observations=[("Working Group review", "Twelve States raised press freedom.", "Kenya")],
            tasks=[("Draft the press-freedom one-pager", "2026-11-24")],
        ),
        logs,
    )
    save_log(
        make_log(
            "P02",
            "2026-11-23",
            name="Lucía Pérez",
            observations=[("Meeting with a delegation", "The embassy will consider our text.")],
            tasks=["Send the embassy our recommendation"],
        ),
        logs,
    )
    save_log(
        make_log(
            "P03", "2026-11-22", name="Olena K.", observations=[("Other", "Arrived in Geneva.")]
        ),
        logs,
    )
    (logs / "2026-11-23_P04.json").write_text("{oops", encoding="utf-8")
    return logs


def test_briefing_is_pseudonymised_and_lists_unread_files(cohort_logs, tmp_path):
    out = tmp_path / "sheets" / "briefing.html"
    result = build_briefing(cohort_logs, out)
    page = out.read_text(encoding="utf-8")
    key = dict(
        csv.reader((cohort_logs / "pseudonyms.csv").read_text(encoding="utf-8").splitlines())
    )
    assert result.html == out and str(result.day) == "2026-11-23" and result.logs_read == 2
    assert "Twelve States raised press freedom." in page and "Kenya" in page
    assert "Send the embassy our recommendation" in page and "2026-11-24" in page
    assert key["P01"] in page and key["P02"] in page
    for secret in ("Amina", "Lucía", "P01", "P02", "2026-11-23_P04.json"):
        assert secret not in page, secret
    assert "Arrived in Geneva." not in page  # another day
    assert "Logs not read (1)" in page
    assert result.problems[0][0] == "2026-11-23_P04.json"  # the trainer still gets the details


def test_cli_briefing_with_names_for_a_chosen_day(cohort_logs, tmp_path):
    out = tmp_path / "named.html"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "briefing",
            str(cohort_logs),
            "--out",
            str(out),
            "--day",
            "2026-11-22",
            "--with-names",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Briefing for 2026-11-22 from 1 log(s)" in result.output
    assert "not read: 2026-11-23_P04.json: not valid JSON" in result.output
    page = out.read_text(encoding="utf-8")
    assert "Olena K." in page and "Arrived in Geneva." in page
    assert "2026-11-23_P04.json" in page  # with names, the sheet shows the file name


def test_cli_refuses_a_folder_that_is_not_a_workshop(cohort_logs, tmp_path):
    result = CliRunner().invoke(
        main, ["report", "briefing", str(cohort_logs), "-w", str(tmp_path / "typo")]
    )
    assert result.exit_code != 0 and "not a workshop folder" in result.output
    assert not (tmp_path / "typo").exists()
