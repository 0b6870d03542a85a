"""Hostile submissions, graded for real inside the sandbox: one fixture per attack (issue 13),
each test asserting the harm did not happen."""

from __future__ import annotations

import contextlib
import html
import os
import secrets
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import nbformat
import pytest

from fixtures.cohort import make_workshop, stage
from fixtures.required import need, need_bwrap
from uprkit.errors import WorkshopError
from uprkit.grading import caps as grading_caps
from uprkit.grading.autograde import autograde
from uprkit.grading.feedback import generate_feedback
from uprkit.grading.reach import UncappedWarning
from uprkit.i18n import gettext
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.folder import read_workshop_file, workshop_lock, write_workshop_file
from uprkit.workshop.privacy import ensure_pseudonyms

pytestmark = pytest.mark.slow

COHORT = {
    "p01.ipynb": "correct",
    "p02.ipynb": "symlink_to_gradebook",
    "p03.ipynb": "links_to_trainer_files",
    "p04.ipynb": "reads_working_copy",
    "p05.ipynb": "reads_git_history",
    "p06.ipynb": "prints_environment",
    "p07.ipynb": "memory_in_four_processes",
    "p08.ipynb": "fills_tmp",
    "p09.ipynb": "marker_text_in_answer",
    "p10.ipynb": "echoes_hidden_tests",
    "p11.ipynb": "floods_display_output",
    "p12.ipynb": "forks_without_end",
}
MEMORY_MB, TMP_MB = 512, 64
SHM_MB = grading_caps.Caps().shm_bytes // 1024**2
HIDDEN = "HIDDEN-TEST-MARKER"  # a line of the fixture assignment's hidden tests


def _table_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    need_bwrap()
    # outside /tmp (the sandbox's /tmp is private anyway): in the kit's ignored test-artifacts/
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    place = Path(tempfile.mkdtemp(prefix="hostile-", dir=artifacts))
    secret = f"uprkit-secret-{secrets.token_hex(8)}"
    os.environ["UPRKIT_HOSTILE_SECRET"] = secret  # the trainer's token, inherited by workers
    try:
        ws = make_workshop(place / "ws")
        settings = read_workshop_file(ws)
        settings["grading"] = {"memory_mb": MEMORY_MB, "tmp_mb": TMP_MB}
        write_workshop_file(ws, settings)
        ensure_pseudonyms(ws.root, [f"p{n:02d}" for n in range(1, 15)], seed=3)
        incoming = stage(tmp_path_factory.mktemp("in"), COHORT, age_seconds=600)
        collect_submissions(ws, "mini", incoming)
        run = autograde(ws, "mini", workers=2, timeout=20, notebook_timeout=60)
        pages = generate_feedback(ws, "mini")
        yield ws, run, pages, secret
    finally:
        os.environ.pop("UPRKIT_HOSTILE_SECRET", None)
        shutil.rmtree(place, ignore_errors=True)


def _outputs(ws, pid: str) -> str:
    nb = nbformat.read(ws.autograded_dir(pid, "mini") / "mini.ipynb", as_version=4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") + str(output.get("data", "")))
            texts += output.get("traceback", [])
    return "\n".join(texts)


def _files(*folders: Path):
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                yield Path(root) / name


def test_a_notebook_replaced_by_a_link_to_the_gradebook_cannot_reach_it(hostile):
    ws, run, _, _ = hostile
    assert run.by_participant()["p02"].score == 3.0, run.by_participant()["p02"]
    before = _table_counts(ws.gradebook_path)
    assert before["student"] == 14
    written = ws.autograded_dir("p02", "mini") / "mini.ipynb"
    assert stat.S_ISREG(written.lstat().st_mode) and nbformat.read(written, as_version=4).cells
    again = autograde(ws, "mini", workers=1, timeout=20, participants=["p02"], force=True)
    assert again.results[0].score == 3.0
    assert _table_counts(ws.gradebook_path) == before, "a regrade adds and loses no row"


def test_links_to_the_trainers_files_never_come_back(hostile):
    ws, run, _, _ = hostile
    assert run.by_participant()["p03"].score == 3.0
    course = ws.course_dir
    for path in _files(course / "autograded", course / "feedback"):
        mode = path.lstat().st_mode
        assert stat.S_ISREG(mode) or stat.S_ISDIR(mode), f"{path} is a link, pipe or device"
        if stat.S_ISREG(mode):
            assert path.lstat().st_nlink == 1, f"{path} is a hard link"
    outside = [
        ws.roster_path.read_bytes().splitlines()[1],
        (ws.root / "pseudonyms.csv").read_bytes().splitlines()[1],
    ]
    for path in _files(course / "autograded", course / "feedback"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(line in data for line in outside), f"{path} holds an outside file"


def test_the_working_folder_holds_no_hidden_test(hostile):
    ws, run, _, _ = hostile
    assert run.by_participant()["p04"].score == 3.0
    assert "FOUND" in _outputs(ws, "p04"), "the probe ran and read its folder"
    assert HIDDEN not in _outputs(ws, "p04")


def test_the_kits_git_history_and_solutions_are_out_of_sight(hostile):
    ws, run, _, _ = hostile
    assert run.by_participant()["p05"].score == 3.0
    out = _outputs(ws, "p05")
    assert "KIT" in out and "GIT-VISIBLE" not in out, out[:2000]
    assert HIDDEN not in out and "BEGIN HIDDEN TESTS" not in out
    assert "solutions []" in out and "tests -" in out, out[:2000]


def test_no_secret_from_the_trainers_environment_reaches_any_output(hostile):
    ws, run, _, secret = hostile
    out = _outputs(ws, "p06")
    assert "PATH =" in out and "/proc/1/environ" in out and "UPRKIT_HOSTILE_SECRET" not in out
    for path in _files(ws.root):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_memory_of_four_processes_stays_under_the_cap(hostile):
    ws, run, _, _ = hostile
    need(grading_caps.mechanism() is not None, "no cgroups here: the memory cap is not applied")
    r = run.by_participant()["p07"]
    assert r.peak_memory is not None
    # measured by the submission's own cgroup: it tried for 800 MiB, held at most the cap
    assert 256 * 1024**2 < r.peak_memory <= MEMORY_MB * 1024**2, r.peak_memory
    assert r.score == 3.0 or r.status == "not graded", r


def test_filling_tmp_stops_at_its_size(hostile):
    ws, run, _, _ = hostile
    out = _outputs(ws, "p08")
    written = int(out.split("WROTE-MB", 1)[1].split()[0])
    assert 0 < written <= TMP_MB + SHM_MB, out
    others = {pid: r.score for pid, r in run.by_participant().items() if pid not in ("p07", "p12")}
    assert all(score == 3.0 for score in others.values()), others


def test_marker_text_in_an_answer_gets_its_feedback(hostile):
    ws, _, pages, _ = hostile
    assert not pages.needs_a_look, pages.needs_a_look
    assert set(pages) >= {f"p{n:02d}" for n in range(1, 13)} - {"p07", "p12"}
    page = (pages["p09"] / "mini.html").read_text(encoding="utf-8")
    assert "I wrote the marker words" in page
    for folder in pages.values():
        for page_file in folder.glob("*.html"):
            assert HIDDEN not in page_file.read_text(encoding="utf-8"), page_file


def test_hidden_tests_echoed_by_the_kernel_never_reach_feedback(hostile):
    ws, run, pages, _ = hostile
    assert run.by_participant()["p10"].score == 3.0
    assert HIDDEN in _outputs(ws, "p10"), "the kernel did echo them (the trainer's copy)"
    page = (pages["p10"] / "mini.html").read_text(encoding="utf-8")
    # p10's roster language is French: the page says it in French
    note = gettext("fr")("This output quoted a hidden test, so it is not shown.")
    assert HIDDEN not in page and html.escape(note, quote=False) in page


def test_a_flood_of_rich_output_is_capped(hostile):
    ws, run, _, _ = hostile
    r = run.by_participant()["p11"]
    assert r.score == 3.0 and any("truncated" in f for f in r.flags), r
    size = (ws.autograded_dir("p11", "mini") / "mini.ipynb").stat().st_size
    assert size < 22 * 1024**2, size
    page = ws.course_dir / "feedback" / "p11" / "mini" / "mini.html"
    assert "too large for this page" in page.read_text(encoding="utf-8")
    assert page.stat().st_size < 3 * 1024**2


def test_a_fork_bomb_stops_at_the_process_cap_and_leaves_nothing(hostile):
    ws, run, _, _ = hostile
    need(grading_caps.mechanism() is not None, "no cgroups here: processes are not capped")
    out = _outputs(ws, "p12")
    assert "STOPPED-AT" in out, out[:500]
    assert int(out.split("STOPPED-AT", 1)[1].split()[0]) < grading_caps.Caps().tasks
    groups = Path("/sys/fs/cgroup/pids/uprkit")
    left = [g for g in groups.glob(f"{os.getpid()}-*")] if groups.is_dir() else []
    assert not left, "every control group of the run was removed with its processes"


def test_without_cgroups_autograde_warns_once_and_still_grades(tmp_path, monkeypatch):
    need_bwrap()
    monkeypatch.setenv("UPRKIT_NO_CGROUPS", "1")  # the workers inherit it
    grading_caps.mechanism.cache_clear()
    try:
        ws = make_workshop(tmp_path / "ws")
        incoming = stage(tmp_path / "in", {"p01.ipynb": "correct", "p02.ipynb": "correct"})
        collect_submissions(ws, "mini", incoming)
        with pytest.warns(UncappedWarning, match="not capped on this machine") as caught:
            run = autograde(ws, "mini", workers=1, timeout=20)
    finally:
        grading_caps.mechanism.cache_clear()
    assert len([w for w in caught if "not capped" in str(w.message)]) == 1
    assert [r.score for r in run.results] == [3.0, 3.0]
    assert all(r.peak_memory is None for r in run.results)


def test_two_runs_on_one_workshop_cannot_overlap(tmp_path):
    ws = make_workshop(tmp_path / "ws", release=False)
    with workshop_lock(ws, "uprkit autograde mini"):
        with pytest.raises(WorkshopError, match="uprkit autograde mini .*still running"):
            autograde(ws, "mini", workers=1)
    with workshop_lock(ws, "again"):  # released after the first run
        pass


test_two_runs_on_one_workshop_cannot_overlap = pytest.mark.slow(
    test_two_runs_on_one_workshop_cannot_overlap
)


def test_without_cgroups_the_warning_names_what_is_not_capped(monkeypatch):
    monkeypatch.setattr(grading_caps, "mechanism", lambda: None)
    text = grading_caps.not_capped()
    assert "memory" in text and "processes" in text and "CPU" in text


def test_caps_come_from_workshop_toml_and_bad_values_teach():
    caps = grading_caps.caps_from_settings({"memory_mb": 2048, "processes": 64})
    assert caps.memory_bytes == 2 * 1024**3 and caps.tasks == 64
    with pytest.raises(ValueError, match="memory_mb must be a whole number"):
        grading_caps.caps_from_settings({"memory_mb": "lots"})
    with pytest.raises(ValueError, match="unknown setting"):
        grading_caps.caps_from_settings({"memroy_mb": 1})
