"""One test that lives a whole workshop week, all through the `uprkit` command as a trainer
types it (issue 14, item 10).

Day 1: a workshop from a messy roster (Excel's semicolons and byte-order mark, a line pasted
twice; a real duplicate is refused first, naming both lines) and the pre-check released,
collected, graded. Day 2: a zip made on Windows (backslash paths, "p01 - Copy.ipynb", a text
file renamed .ipynb) collected and graded, a late resubmission, a mid-week report. Day 3: the
rubric sheet with the answers in it, filled in and applied; feedback pages checked (no
traceback, no path of this machine, nothing fetched from the network). Day 5: the programme
evaluation and post-check, the cohort report, transcripts and the funder report.

The participants' side (their notebooks) is made from the kit's releases and solutions; every
trainer's step is the CLI. Each step's time is printed (run with -s) for the issue's note.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from fixtures.offline_html import fetching_markup, requests_made_by
from fixtures.required import need_bwrap
from uprkit import paths
from uprkit.cli import main
from uprkit.reports.exports import load_tables
from uprkit.training.demo_cohort import (
    _evaluation_answers,
    _knowledge_answers,
    fill_answers,
    read_solution_answers,
)
from uprkit.workshop.privacy import load_pseudonyms

pytestmark = pytest.mark.slow

PEOPLE = {
    "p01": ("Amélie Dupont", "woman", "Africa"),
    "p02": ("José Pérez", "man", "Latin America and the Caribbean"),
    "p03": ("ليلى حداد", "woman", "Middle East and North Africa"),
    "p04": ("Tran Thi Mai", "woman", "Asia-Pacific"),
    "p05": ("Olena Kovalenko", "non-binary", "Eastern Europe"),
    "p06": ("Kwame Mensah", "man", "Africa"),
}
WEEK = ("knowledge_check_pre", "recommendations", "programme_evaluation", "knowledge_check_post")
# what the week's pages must never show a participant or a funder
LEAKS = re.compile(r"Traceback \(most recent call last\)|site-packages|/work/|/tmp/|/home/|/root/")


class Trainer:
    """Types `uprkit …` commands; remembers how long each step took."""

    def __init__(self, ws: Path):
        self.ws, self.runner, self.timings = ws, CliRunner(), []

    def __call__(self, day: str, what: str, *args, fails: bool = False) -> str:
        started = time.perf_counter()
        result = self.runner.invoke(main, [str(a) for a in args])
        self.timings.append((day, what, time.perf_counter() - started))
        assert "Traceback" not in result.output, result.output
        if fails:
            assert result.exit_code == 1, result.output
        else:
            assert result.exit_code == 0, (args, result.output, result.exception)
        return result.output

    def uprkit(self, day: str, what: str, *args, **kwargs) -> str:
        return self(day, what, *args, "-w", self.ws, **kwargs)


def _roster(path: Path, *, conflict: bool) -> Path:
    lines = ["participant_id;name;gender;region;language"]
    for pid, (name, gender, region) in PEOPLE.items():
        lines.append(f"{pid};{name};{gender};{region};fr")
    lines.append(lines[2])  # p02 pasted twice
    if conflict:
        lines.append("p04;Someone Else;man;Africa;en")
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def _release(ws: Path, assignment: str):
    return nbformat.read(ws / "course" / "release" / assignment / f"{assignment}.ipynb", 4)


def _notebook(ws: Path, assignment: str, answers: dict) -> str:
    return nbformat.writes(fill_answers(_release(ws, assignment), answers))


def _solution(assignment: str) -> dict:
    return read_solution_answers(paths.solutions_dir() / assignment / f"{assignment}.ipynb")


def _windows_zip(path: Path, files: dict[str, str | bytes], when) -> Path:
    class WindowsName(zipfile.ZipInfo):  # UTF-8 names without the UTF-8 flag, as Windows
        def _encodeFilenameFlags(self):
            return self.filename.encode("utf-8"), self.flag_bits

    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(WindowsName(name, date_time=when), data)
    return path


def _pages(ws: Path) -> list[Path]:
    return sorted(p for p in ws.rglob("*.html") if "history" not in p.parts)


def _check_page(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not LEAKS.search(text), (page, LEAKS.search(text).group(0))
    assert fetching_markup(text) == [], page


def test_a_workshop_week_through_the_cli(tmp_path):
    need_bwrap()
    ws = tmp_path / "cohort-2026-12"
    trainer = Trainer(ws)

    # ---- Day 1: the workshop from the roster a colleague exported from Excel; the pre-check.
    messy = _roster(tmp_path / "roster.csv", conflict=True)
    init = ["workshop", "init", ws, "--roster", messy]
    for assignment in WEEK:
        init += ["--assignment", assignment]
    refused = trainer("day 1", "init refused (duplicate id)", *init, fails=True)
    assert "duplicate participant_id 'p04'" in refused and "line 5" in refused
    assert not ws.exists(), "a refused roster touches nothing"
    _roster(messy, conflict=False)
    out = trainer("day 1", "workshop init", *init)
    assert "workshop ready" in out and all(a in out for a in WEEK)
    trainer.uprkit("day 1", "release pre-check", "release", "knowledge_check_pre")
    day1 = tmp_path / "day1"
    day1.mkdir()
    rng = random.Random(1)
    answers = _solution("knowledge_check_pre")
    for pid in PEOPLE:
        chosen = _knowledge_answers(answers, rng, 0.35)
        (day1 / f"{pid}.ipynb").write_text(_notebook(ws, "knowledge_check_pre", chosen))
    assert "collected 6" in trainer.uprkit(
        "day 1", "collect pre-check", "collect", "knowledge_check_pre", day1
    )
    out = trainer.uprkit(
        "day 1", "autograde pre-check", "autograde", "knowledge_check_pre", "--workers", "2"
    )
    assert "6 graded" in out

    # ---- Day 2: the recommendations, handed in as a zip made on Windows.
    trainer.uprkit("day 2", "release recommendations", "release", "recommendations")
    full = _notebook(ws, "recommendations", _solution("recommendations"))
    partial = {k: v for k, v in list(_solution("recommendations").items())[::2]}
    half = _notebook(ws, "recommendations", partial)
    blank = _notebook(ws, "recommendations", {})
    monday = (2026, 12, 1, 17, 0, 0)
    archive = _windows_zip(
        tmp_path / "Devoirs.zip",
        {
            "Devoirs\\p01.ipynb": full,
            "Devoirs\\p01 - Copy.ipynb": half,  # an extra copy: listed, not graded
            "Devoirs\\José Pérez\\recommendations.ipynb": half,
            "Devoirs\\p03.ipynb": b"Ma recommandation : ratifier l'OPCAT.\r\n",  # renamed .txt
            "Devoirs\\Tran Thi Mai.ipynb": full,
            "Devoirs\\p05.ipynb": blank,
        },
        monday,
    )
    out = trainer.uprkit("day 2", "collect zip", "collect", "recommendations", archive)
    assert "collected 4 submission(s)" in out
    assert "p03: Devoirs/p03.ipynb refused: not a notebook: plain text" in out
    assert "graded 'Devoirs/p01.ipynb'" in out and "'Devoirs/p01 - Copy.ipynb'" in out
    assert "not matched" not in out, "a copy is not a stranger"
    out = trainer.uprkit(
        "day 2", "autograde recommendations", "autograde", "recommendations", "--workers", "2"
    )
    assert "4 graded" in out or "graded" in out
    late = tmp_path / "late"
    late.mkdir()
    (late / "p02 (1).ipynb").write_text(full)  # José's corrected version, that evening
    (late / "p04.ipynb").write_text("{ oops")  # a broken upload after a good one
    out = trainer.uprkit("day 2", "collect late files", "collect", "recommendations", late)
    assert "collected 1 submission(s)" in out and "p04: p04.ipynb refused: invalid JSON" in out
    assert "p04: the submission collected before is kept" in out
    out = trainer.uprkit(
        "day 2", "autograde resubmission", "autograde", "recommendations", "--workers", "2"
    )
    assert "unchanged since last run" in out
    status = trainer.uprkit("day 2", "status", "status")
    assert (
        "refused at collect" in status and "p03 recommendations: file refused at collect" in status
    )
    assert "p01 recommendations: 1 extra copy" in status
    assert "Amélie" not in status, "status shows pseudonyms unless --with-names"
    out = trainer.uprkit("day 2", "mid-week report", "report")
    mid = ws / "reports" / "cohort" / "cohort_summary.html"
    assert mid.is_file()
    midweek = load_tables(mid.parent / "tables")
    pseudonym = load_pseudonyms(ws)
    refused_row = midweek.scores.set_index(["participant", "assignment"]).loc[
        (pseudonym["p03"], "recommendations")
    ]
    assert refused_row["status"] == "refused at collect"
    status = trainer.uprkit("day 2", "status after the resubmission", "status")
    scores = {
        line.split()[0]: re.search(r"\d+(\.\d+)?/\d+", line).group(0)
        for line in status.splitlines()
        if " recommendations " in line and re.search(r"\d+(\.\d+)?/\d+", line)
    }
    assert scores["p02"] == scores["p01"], "the late resubmission (the full answers) was graded"
    assert scores["p04"] == scores["p01"], "a broken upload did not displace p04's good one"

    # ---- Day 3: the written answers, graded from the rubric sheet; feedback.
    sheet = ws / "grading-sheets" / "recommendations.xlsx"
    out = trainer.uprkit(
        "day 3", "rubric sheet", "rubric", "sheet", "recommendations", "--out", sheet
    )
    book = load_workbook(sheet)
    grid = book.active
    header = [c.value for c in grid[1]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in grid.iter_rows(min_row=2)
    ]
    assert rows and {r["participant_id"] for r in rows} <= {"p01", "p02", "p04"}
    assert all(r["answer"] and r["notebook"].endswith("recommendations.ipynb") for r in rows)
    assert not any(LEAKS.search(str(r["answer"])) for r in rows)
    awarded = header.index("awarded") + 1
    for number, row in enumerate(rows, start=2):
        grid.cell(row=number, column=awarded).value = float(row["max_points"])  # in Excel
    book.save(sheet)
    out = trainer.uprkit("day 3", "rubric apply", "rubric", "apply", "recommendations", sheet)
    graded_answers = len({(r["participant_id"], r["grade_id"]) for r in rows})
    assert f"{graded_answers} answer(s) graded" in out
    again = trainer.uprkit(
        "day 3", "rubric apply again", "rubric", "apply", "recommendations", sheet
    )
    assert "0 answer(s) graded" in again and f"{graded_answers} unchanged" in again
    out = trainer.uprkit("day 3", "feedback", "feedback", "recommendations")
    feedback = sorted((ws / "course" / "feedback").glob("*/recommendations/*.html"))
    assert {p.parts[-3] for p in feedback} == {"p01", "p02", "p04", "p05"}
    for page in feedback:
        _check_page(page)

    # ---- Day 5: the evaluation and the post-check; the last day's papers.
    for assignment in ("programme_evaluation", "knowledge_check_post"):
        trainer.uprkit("day 5", f"release {assignment}", "release", assignment)
    day5 = tmp_path / "day5"
    answers = _solution("knowledge_check_post")
    for pid, (name, _, _) in PEOPLE.items():
        folder = day5 / name  # a folder per person, as a shared drive has it
        folder.mkdir(parents=True)
        evaluation = _evaluation_answers(random.Random(pid))
        (folder / "programme_evaluation.ipynb").write_text(
            _notebook(ws, "programme_evaluation", evaluation)
        )
        chosen = _knowledge_answers(answers, rng, 0.8)
        (folder / "knowledge_check_post.ipynb").write_text(
            _notebook(ws, "knowledge_check_post", chosen)
        )
    for assignment in ("programme_evaluation", "knowledge_check_post"):
        out = trainer.uprkit("day 5", f"collect {assignment}", "collect", assignment, day5)
        assert "collected 6" in out
        out = trainer.uprkit(
            "day 5", f"autograde {assignment}", "autograde", assignment, "--workers", "2"
        )
        assert "6 graded" in out
    trainer.uprkit("day 5", "cohort report", "report")
    trainer.uprkit("day 5", "transcripts", "report", "--kind", "transcript", "--participant", "all")
    trainer.uprkit("day 5", "funder report", "report", "--kind", "funder")
    tables = load_tables(ws / "reports" / "cohort" / "tables")
    assert len(tables.learning_gains) == 6 and tables.learning_gains["gain"].mean() > 0
    assert not tables.ratings.empty
    transcripts = list((ws / "reports" / "transcript").glob("*.html"))
    assert len(transcripts) == 6
    assert list((ws / "reports" / "funder").glob("*.html"))
    written = [p for p in (ws / "reports").rglob("*") if p.suffix in (".html", ".csv")]
    for path in written:
        text = path.read_text(encoding="utf-8-sig")
        for name, _, _ in PEOPLE.values():
            assert name not in text, (path, name)

    # Every page the week wrote: no traceback, no path, nothing fetched, also in a browser.
    pages = _pages(ws)
    assert len(pages) >= 4 + 1 + 6 + 1
    for page in pages:
        _check_page(page)
    assert requests_made_by(pages, settle_ms=200) == {}

    width = max(len(what) for _, what, _ in trainer.timings)
    lines = [f"{day}  {what:<{width}}  {seconds:6.1f} s" for day, what, seconds in trainer.timings]
    total = sum(seconds for _, _, seconds in trainer.timings)
    print("\nworkshop week, step by step:\n" + "\n".join(lines) + f"\ntotal {total:.0f} s")
    if os.environ.get("UPRKIT_WEEK_TIMINGS"):
        Path(os.environ["UPRKIT_WEEK_TIMINGS"]).write_text("\n".join(lines) + "\n")
    shutil.rmtree(ws / "course" / "autograded", ignore_errors=True)  # tmp_path is kept: trim it
