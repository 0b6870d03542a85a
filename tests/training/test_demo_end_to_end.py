"""`uprkit demo` end to end in a tmp folder: real gradebook, real report, nothing named."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fixtures.offline_html import fetching_markup, requests_made_by
from uprkit.reports.exports import load_tables

NAMES = ("Amina Yusuf", "Kwame Mensah", "Aïssatou Diallo", "Grace Wanjiru", "Nguyễn Thị Lan")


@pytest.mark.slow
def test_demo_grades_for_real_and_reports_without_names(tmp_path):
    from uprkit.cli import main
    from uprkit.workshop.privacy import load_pseudonyms

    folder = tmp_path / "demo"
    result = CliRunner().invoke(
        main,
        [
            "demo",
            str(folder),
            "--participants",
            "5",
            "--assignment",
            "knowledge_check_pre",
            "--assignment",
            "recommendations",
            "--assignment",
            "knowledge_check_post",
            "--assignment",
            "programme_evaluation",
        ],
    )
    assert result.exit_code == 0, result.output
    for step in ("1. create", "5. autograde", "8. cohort report", "11. certificates", "Cohort"):
        assert step in result.output
    report = folder / "reports" / "cohort" / "cohort_summary.html"
    assert report.exists()
    # the last day's papers: a transcript each, the funder's totals, a certificate each
    assert len(list((folder / "reports" / "transcript").glob("*.html"))) == 5
    assert list((folder / "reports" / "funder").glob("*.html"))
    assert len(list((folder / "reports" / "certificates-with-names").glob("*.html"))) == 5

    # Every page the demo wrote (feedback, reports, transcripts, certificates) is self-contained,
    # and no feedback page shows a traceback or a path of this machine (issue 14, item 3).
    pages = sorted(folder.rglob("*.html"))
    feedback = [p for p in pages if "feedback" in p.parts]
    assert len(feedback) >= 15 and len(pages) > len(feedback) + 5, [p.name for p in pages]
    markup = {str(p): fetching_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {name: found for name, found in markup.items() if found} == {}
    for page in feedback:
        shown = page.read_text(encoding="utf-8")
        assert not [w for w in ("Traceback", str(tmp_path), "site-packages") if w in shown], page
    # Chromium opens one page of each kind (folder): the markup check above covers them all.
    one_each = list({page.parent.name: page for page in pages}.values())
    assert requests_made_by(one_each, settle_ms=200) == {}

    pseudonym = load_pseudonyms(folder)
    scores = load_tables(report.parent / "tables").scores.set_index(["participant", "assignment"])
    solved = scores.loc[(pseudonym["p01"], "recommendations")]  # the solution, handed in
    untouched = scores.loc[(pseudonym["p02"], "recommendations")]  # the exercise, untouched
    broken = scores.loc[(pseudonym["p03"], "recommendations")]  # invalid JSON
    assert (solved["status"], solved["score"], solved["max_score"]) == ("graded", 18.0, 18.0)
    assert (untouched["status"], untouched["score"]) == ("graded", 0.0)
    # refused at the door (issue 14, item 5): never graded, listed with its reason, never a 0
    assert broken["status"] == "refused at collect" and "invalid JSON" in broken["reason"]
    assert broken["score"] != broken["score"]  # empty (NaN), never a 0

    html = report.read_text(encoding="utf-8")
    assert "not graded" in html and pseudonym["p03"] in html
    outputs = [html] + [
        p.read_text(encoding="utf-8-sig") for p in (report.parent / "tables").glob("*.csv")
    ]
    for text in outputs:
        for name in NAMES:
            assert name not in text
    gains = load_tables(report.parent / "tables").learning_gains
    assert len(gains) >= 3 and gains["gain"].mean() > 0


@pytest.mark.slow
def test_demo_without_bubblewrap_says_so_once_and_still_reports(tmp_path, monkeypatch):
    """No bwrap (a fresh laptop, not root): the demo's own submissions are graded unsandboxed,
    with one line saying what to install, and a week without the evaluation still reports."""
    from uprkit.training import demo

    monkeypatch.setattr(demo, "bwrap_works", lambda: None)
    lines: list[str] = []
    result = demo.run_demo(
        tmp_path / "demo",
        assignments=["recommendations", "lobbying_plan"],
        participants=3,
        out=lines.append,
    )
    assert lines.count(demo.NO_SANDBOX_NOTE) == 1
    assert "apt-get install bubblewrap" in demo.NO_SANDBOX_NOTE
    assert sum("WITHOUT" in line for line in lines) == 1
    assert any(line.startswith("5. autograde (no sandbox, demo only)") for line in lines)
    assert result.report.is_file() and result.submissions == 6
    scores = load_tables(result.report.parent / "tables").scores
    assert set(scores["assignment"]) == {"recommendations", "lobbying_plan"}
    assert (scores["status"] == "graded").sum() >= 4
