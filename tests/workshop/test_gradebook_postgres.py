"""A workshop whose gradebook is a real PostgreSQL database (Debian's postgresql, a throwaway
cluster started here): grading and reports on it, the migration from a graded SQLite workshop,
and no silent fall-back to SQLite when the server cannot be used (nbgrader #1661)."""

from __future__ import annotations

import csv
import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from fixtures.cohort import MINI_SOURCE, ROSTER, stage
from fixtures.required import need
from uprkit.cli import main
from uprkit.workshop.folder import WORKSHOP_FILE, Workshop, read_workshop_file
from uprkit.workshop.status import gradebook_scores

pytestmark = pytest.mark.slow


def _as_owner(user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--"] if user else []


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on a unix socket in a fresh folder; yields a function making an empty
    database and returning its URL (no password: trust on the socket only)."""
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    need(bool(initdb), "PostgreSQL's server is not installed (apt-get install postgresql)")
    need(_driver_present(), "psycopg is not installed (pip install 'uprkit[postgres]')")
    bin_dir = Path(initdb[-1]).parent
    user = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        need(_has_user("postgres"), "no 'postgres' user to run the server as")
        user = "postgres"
    base = Path(tempfile.mkdtemp(prefix="uprkit-pg-"))  # not under pytest's root-only folders
    if user:
        shutil.chown(base, user)
    data, port = base / "data", "54329"
    run = [*_as_owner(user)]
    subprocess.run(
        [*run, bin_dir / "initdb", "-D", data, "-A", "trust", "-U", "uprkit", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-k {base} -p {port} -c listen_addresses='' -c fsync=off"
    subprocess.run(
        [*run, bin_dir / "pg_ctl", "-D", data, "-o", options, "-l", base / "log", "-w", "start"],
        check=True,
        capture_output=True,
    )

    def new_database(name: str) -> str:
        import psycopg

        admin = f"postgresql://uprkit@/postgres?host={base}&port={port}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://uprkit@/{name}?host={base}&port={port}"

    new_database.socket_dir, new_database.port = base, port
    try:
        yield new_database
    finally:
        subprocess.run(
            [*run, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


def _driver_present() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _invoke(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def _graded_cycle(root: Path, gradebook_url: str | None) -> Workshop:
    """A real cycle through the CLI: init, release, collect 3 submissions, autograde."""
    folder = root / "ws"
    if gradebook_url:
        folder.mkdir(parents=True)
        (folder / WORKSHOP_FILE).write_text(f'[gradebook]\nurl = "{gradebook_url}"\n')
    _invoke("workshop", "init", folder, "--roster", ROSTER, "--assignment", MINI_SOURCE)
    _invoke("release", "mini", "-w", folder)
    incoming = stage(
        root / "in",
        {"p01.ipynb": "correct", "José Pérez.ipynb": "fails_hidden_test", "p04.ipynb": "partial"},
    )
    _invoke("collect", "mini", incoming, "-w", folder)
    out = _invoke("autograde", "mini", "--workers", "2", "--timeout", "10", "-w", folder).output
    assert "3 graded" in out, out
    return Workshop.at(folder)


def _scores(ws: Workshop) -> list[tuple]:
    table = gradebook_scores(ws)
    return sorted(
        (r.participant_id, r.assignment, r.status, None if pd.isna(r.score) else float(r.score))
        for r in table.itertuples(index=False)
    )


RUBRIC = """\
assignment: mini
parts:
  - grade_id: why_noted
    points: 1
    criteria:
      - points: 0.5
        description: Names the response (noted).
      - points: 0.5
        description: Gives one reason from the State's statement.
"""


def _fill_sheet(sheet: Path, pid: str) -> None:
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(row["participant_id"] == pid for row in rows), rows
    for row in rows:
        if row["participant_id"] == pid:
            row["awarded"], row["comment"] = "0.5", "clear (à revoir: ok)"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_workshop_on_postgres_grades_applies_rubrics_and_backs_up(postgres, tmp_path):
    url = postgres("cohort_pg")
    ws = _graded_cycle(tmp_path, url)
    assert not ws.gradebook_path.exists(), "a PostgreSQL workshop must not make gradebook.db"
    scores = {pid: (status, score) for pid, _, status, score in _scores(ws)}
    graded = {pid: score for pid, (status, score) in scores.items() if status == "graded"}
    # correct > partial > fails a hidden test > 0; everyone else on the roster did not submit
    assert graded.keys() == {"p01", "p02", "p04"}
    assert graded["p01"] > graded["p04"] > graded["p02"] > 0
    assert {scores[pid] for pid in scores.keys() - graded.keys()} == {("not submitted", None)}
    dumps = sorted(ws.backups_dir.glob("gradebook-*.dump"))
    assert len(dumps) == 1, "autograde backs up a PostgreSQL gradebook with pg_dump"
    listed = subprocess.run(["pg_restore", "--list", dumps[0]], capture_output=True, text=True)
    assert listed.returncode == 0 and "TABLE DATA public grade " in listed.stdout

    from uprkit.grading.rubric_sheets import apply_grading_sheet, load_rubric, write_grading_sheet
    from uprkit.workshop.course import backup_gradebook, open_gradebook

    (tmp_path / "mini.yaml").write_text(RUBRIC, encoding="utf-8")
    rubric = load_rubric("mini", tmp_path / "mini.yaml")
    sheet, _ = write_grading_sheet(ws, "mini", tmp_path / "sheet.csv", rubric=rubric)
    _fill_sheet(sheet, "p01")
    assert apply_grading_sheet(ws, "mini", sheet, rubric=rubric).graded == 1
    with open_gradebook(ws) as gradebook:
        assert gradebook.find_grade("why_noted", "mini", "mini", "p01").manual_score == 1.0
    # the rubric backed up the autograded gradebook (changed since the first dump) …
    dumps = sorted(ws.backups_dir.glob("gradebook-*.dump"))
    assert len(dumps) == 2 and "before-rubric-mini" in dumps[1].name
    # … and a backup of an unchanged gradebook is the last one, not a new dump
    latest = backup_gradebook(ws, "check")
    assert backup_gradebook(ws, "check-again") == latest
    assert len(list(ws.backups_dir.glob("gradebook-*.dump"))) == 3
    assert "p01" in _invoke("status", "-w", ws.root).output
    assert not ws.gradebook_path.exists()


def _grades_and_comments(ws: Workshop) -> list[tuple]:
    """Every grade and comment of every submission, through nbgrader's own API."""
    from uprkit.workshop.course import open_gradebook

    found = []
    with open_gradebook(ws) as gradebook:
        for assignment in gradebook.assignments:
            for submission in gradebook.assignment_submissions(assignment.name):
                for notebook in submission.notebooks:
                    key = (assignment.name, submission.student.id, notebook.name)
                    for g in notebook.grades:
                        found.append((*key, g.name, g.auto_score, g.manual_score, g.score))
                    for c in notebook.comments:
                        found.append((*key, c.name, c.auto_comment, c.manual_comment))
    return sorted(found, key=repr)


def test_migrating_the_demo_workshop_keeps_every_grade_and_comment(postgres, tmp_path):
    from uprkit.training.demo import run_demo
    from uprkit.workshop.course import open_gradebook

    lines: list[str] = []
    demo = run_demo(
        tmp_path / "demo", assignments=["recommendations"], participants=2, out=lines.append
    )
    ws = Workshop.at(demo.workshop)
    before_scores, before_status = _scores(ws), _invoke("status", "-w", ws.root).output
    before_grades = _grades_and_comments(ws)
    assert any(row[5] is not None for row in before_grades if len(row) == 7), "rubric grades"
    assert any(row[5] for row in before_grades if len(row) == 6), "rubric comments"
    sqlite_digest = hashlib.sha256(ws.gradebook_path.read_bytes()).hexdigest()
    toml_before = (ws.root / WORKSHOP_FILE).read_text()

    url = postgres("cohort_migrated")
    out = _invoke("workshop", "gradebook", "migrate", "--to", url, "-w", ws.root).output
    assert "all equal" in out, out
    assert read_workshop_file(ws)["gradebook"]["url"] == url
    assert _grades_and_comments(ws) == before_grades
    assert _scores(ws) == before_scores and any(s for *_, s in before_scores)
    assert _invoke("status", "-w", ws.root).output == before_status
    assert hashlib.sha256(ws.gradebook_path.read_bytes()).hexdigest() == sqlite_digest
    assert "reachable" in _invoke("workshop", "gradebook", "where", "-w", ws.root).output
    # plain nbgrader run in course/ (formgrader on a hub) reads it too, not the SQLite file
    with open_gradebook(ws) as gradebook:
        gradebook.update_or_create_student("p99", first_name="Late joiner")
    listed = subprocess.run(
        [Path(sys.executable).parent / "nbgrader", "db", "student", "list"],
        cwd=ws.course_dir,
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0 and "p99" in listed.stdout, listed.stdout + listed.stderr
    assert hashlib.sha256(ws.gradebook_path.read_bytes()).hexdigest() == sqlite_digest
    with open_gradebook(ws) as gradebook:
        gradebook.remove_student("p99")
    # feedback and the cohort report now read the PostgreSQL gradebook
    _invoke("feedback", "recommendations", "-w", ws.root)
    report = ws.reports_dir / "cohort" / "cohort_summary.html"
    report.unlink()
    _invoke("report", "-w", ws.root)
    assert report.is_file()

    # interrupted after the copy, before workshop.toml was switched: a re-run just switches
    (ws.root / WORKSHOP_FILE).write_text(toml_before)
    out = _invoke("workshop", "gradebook", "migrate", "--to", url, "-w", ws.root).output
    assert "already held an exact copy" in out, out
    assert _grades_and_comments(ws) == before_grades


# A server that refuses rows of the student table, made when the migration creates that table:
# the copy fails after the course rows went in (an event trigger is no table: the database is
# still "empty" for the migration's check).
BREAK_STUDENT_ROWS = """
CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'row refused (simulated)'; END $$;
CREATE FUNCTION break_students() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
             WHERE command_tag = 'CREATE TABLE' AND object_identity = 'public.student') THEN
    CREATE TRIGGER refuse BEFORE INSERT ON public.student
      FOR EACH ROW EXECUTE FUNCTION refuse_row();
  END IF;
END $$;
CREATE EVENT TRIGGER break_students ON ddl_command_end EXECUTE FUNCTION break_students();
"""


def test_migration_refuses_a_non_empty_target_and_stays_on_sqlite(postgres, tmp_path):
    import psycopg

    folder = tmp_path / "ws"
    _invoke("workshop", "init", folder, "--roster", ROSTER, "--assignment", MINI_SOURCE)
    toml_before = (folder / WORKSHOP_FILE).read_text()
    url = postgres("somebody_elses")
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE notes (id int)")
    result = _invoke("workshop", "gradebook", "migrate", "--to", url, "-w", folder, ok=False)
    assert result.exit_code == 1 and "is not empty" in result.output, result.output
    assert "stays on SQLite" in result.output
    assert (folder / WORKSHOP_FILE).read_text() == toml_before
    with psycopg.connect(url) as conn:  # nothing of ours was left in their database
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        assert [t for (t,) in tables] == ["notes"]
    # a failure half-way through the copy (here: the server refuses the participants' rows)
    # rolls everything back; the workshop stays on SQLite, its files as they were
    breaking = postgres("breaks_half_way")
    with psycopg.connect(breaking, autocommit=True) as conn:
        conn.execute(BREAK_STUDENT_ROWS)
    config = (folder / "course" / "nbgrader_config.py").read_text()
    argv = ("workshop", "gradebook", "migrate", "--to", breaking, "-w", folder)
    result = _invoke(*argv, ok=False)
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "refused (simulated)" in said, result.output
    assert "Nothing was kept in the target and the workshop stays on SQLite" in said
    with psycopg.connect(breaking) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        assert tables.fetchall() == []
    assert (folder / WORKSHOP_FILE).read_text() == toml_before
    assert (folder / "course" / "nbgrader_config.py").read_text() == config

    with_password = url.replace("uprkit@", "uprkit:hunter2@")
    argv = ("workshop", "gradebook", "migrate", "--to", with_password, "-w", folder)
    result = _invoke(*argv, ok=False)
    assert "holds a password" in result.output and "hunter2" not in result.output


def test_an_unreachable_server_is_a_clear_error_and_never_a_sqlite_gradebook(postgres, tmp_path):
    postgres("unused")  # the server runs, but nothing listens on this port: as if stopped
    url = f"postgresql://uprkit@/cohort?host={postgres.socket_dir}&port=1"
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / WORKSHOP_FILE).write_text(f'[gradebook]\nurl = "{url}"\n')
    init = ("workshop", "init", folder, "--roster", ROSTER, "--assignment", MINI_SOURCE)
    for argv in (init, ("status", "-w", folder)):
        result = _invoke(*argv, ok=False)
        assert result.exit_code == 1, result.output
        assert f"cannot reach the workshop's gradebook, the PostgreSQL database {url}" in (
            " ".join(result.output.split())
        )
        assert "no SQLite gradebook was made" in result.output
        assert not Workshop.at(folder).gradebook_path.exists()

    (folder / WORKSHOP_FILE).write_text(
        f'[gradebook]\nurl = "{url.replace("uprkit@", "uprkit:hunter2@")}"\n'
    )
    result = _invoke("status", "-w", folder, ok=False)
    assert "holds a password" in result.output and "hunter2" not in result.output


def test_a_missing_driver_is_a_clear_error_naming_the_url(postgres, tmp_path, monkeypatch):
    url = postgres("no_driver")
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / WORKSHOP_FILE).write_text(f'[gradebook]\nurl = "{url}"\n')
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    init = ("workshop", "init", folder, "--roster", ROSTER, "--assignment", MINI_SOURCE)
    for argv in (init, ("status", "-w", folder)):
        result = _invoke(*argv, ok=False)
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert f"PostgreSQL database {url}" in said and "pip install 'uprkit[postgres]'" in said
        assert not Workshop.at(folder).gradebook_path.exists()
