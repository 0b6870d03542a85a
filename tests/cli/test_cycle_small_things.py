"""The small things a trainer meets in the cycle: a progress bar that counts to the collected
submissions, pseudonyms in `status` before any report, and a gradebook backup only when the
gradebook changed since the last one."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from click.testing import CliRunner

from fixtures.cohort import MINI_SOURCE, ROSTER, make_workshop, stage
from fixtures.required import need_bwrap
from uprkit.cli import main
from uprkit.workshop.course import backup_gradebook, open_gradebook
from uprkit.workshop.privacy import load_pseudonyms
from uprkit.workshop.status import collected_count, workshop_status


def test_status_has_pseudonyms_before_any_report(tmp_path):
    ws = make_workshop(tmp_path / "ws", release=False)
    assert not (ws.root / "pseudonyms.csv").exists()
    table = workshop_status(ws)
    key = load_pseudonyms(ws.root)
    assert (ws.root / "pseudonyms.csv").exists() and key
    assert table["pseudonym"].tolist() == table["participant_id"].map(key).tolist()
    assert workshop_status(ws)["pseudonym"].tolist() == table["pseudonym"].tolist()  # stable

    runner = CliRunner()
    plain = runner.invoke(main, ["status", "-w", str(ws.root)])
    named = runner.invoke(main, ["status", "-w", str(ws.root), "--with-names"])
    assert plain.exit_code == 0 and named.exit_code == 0, plain.output + named.output
    header = plain.output.splitlines()[0].split()
    assert "pseudonym" in header and "name" not in header
    assert next(iter(key.values())) in plain.output
    assert "pseudonym" not in named.output.splitlines()[0].split()


def test_a_backup_is_made_only_when_the_gradebook_changed(tmp_path):
    ws = make_workshop(tmp_path / "ws")
    first = backup_gradebook(ws, "first")
    again = backup_gradebook(ws, "again")
    assert first is not None and again == first
    assert [p.name for p in ws.backups_dir.glob("gradebook-*.db")] == [first.name]
    with open_gradebook(ws) as gradebook:
        gradebook.update_or_create_student("p99", first_name="New")
    changed = backup_gradebook(ws, "changed")
    assert changed != first and changed.name.endswith("-changed.db")
    with contextlib.closing(sqlite3.connect(changed)) as db, db:
        assert db.execute("select count(*) from student where id = 'p99'").fetchone() == (1,)
    assert len(list(ws.backups_dir.glob("gradebook-*.db"))) == 2


@pytest.mark.slow
def test_autograde_progress_counts_to_the_collected_submissions_and_reruns_make_no_backup(
    tmp_path,
):
    need_bwrap()
    ws = tmp_path / "ws"
    runner = CliRunner()

    def run(*args):
        argv = list(args) if args[0] == "workshop" else [*args, "-w", str(ws)]
        result = runner.invoke(main, argv)
        assert result.exit_code == 0, result.output
        return result.output

    run("workshop", "init", str(ws), "--roster", str(ROSTER), "--assignment", str(MINI_SOURCE))
    run("release", "mini")
    incoming = stage(tmp_path / "in", {"p01.ipynb": "correct", "p02.ipynb": "partial"})
    run("collect", "mini", str(incoming))
    from uprkit.workshop.folder import open_workshop

    assert collected_count(open_workshop(ws), "mini") == 2
    first = run("autograde", "mini", "--workers", "1", "--timeout", "20")
    assert "2/2 submissions graded" in first, first
    assert "?submission/s" not in first and "0submission" not in first
    backups = sorted((ws / "backups").glob("gradebook-*.db"))
    second = run("autograde", "mini", "--workers", "1")
    assert "2 unchanged since last run" in second
    assert "0/0" not in second.replace("\r", "\n").splitlines()[-3:]
    # the second run backs up what the first graded; the third finds nothing changed
    assert len(list((ws / "backups").glob("gradebook-*.db"))) == len(backups) + 1
    third = run("autograde", "mini", "--workers", "1")
    assert "2 unchanged since last run" in third
    assert "gradebook unchanged since its last backup" in third
    assert len(list((ws / "backups").glob("gradebook-*.db"))) == len(backups) + 1
