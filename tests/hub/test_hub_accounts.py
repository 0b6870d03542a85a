"""The hub on localhost with real Unix users: login with the printed token, servers as the
participant's own user, homes and the hub's state closed to other participants, lessons in the
workshop's language (issue 18, item 1)."""

from __future__ import annotations

import csv
import json
import os
import pwd
import shutil
import stat
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from hub.conftest import HubClient, process_environ, process_uid, run_as, server_process

pytestmark = pytest.mark.slow


def test_the_first_login_tokens_are_kept_hashed_and_the_file_is_root_only(hub_cohort):
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    assert stat.S_IMODE(hub_cohort.token_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(layout.state.stat().st_mode) == 0o700
    with hub_cohort.token_file.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["username"] for r in rows) == sorted(
        [*hub_cohort.participants, hub_cohort.trainer]
    )
    stored = layout.accounts.read_text()
    for row in rows:
        assert row["first_login_token"] not in stored  # only the scrypt hash is kept
    assert "Fictional" not in stored  # no person's name in the accounts
    for user in hub_cohort.participants:
        assert pwd.getpwnam(user).pw_gecos == ""


def test_adding_the_cohort_again_keeps_every_token(hub_cohort, tmp_path):
    from uprkit.hub.accounts import load_accounts
    from uprkit.hub.cohort import add_cohort
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    before = {n: a.token_hash for n, a in load_accounts(layout.accounts).items()}
    roster = tmp_path / "roster.csv"
    from hub.conftest import ROSTER

    roster.write_text(ROSTER, encoding="utf-8")
    ws = Path(pwd.getpwnam(hub_cohort.trainer).pw_dir) / hub_cohort.course
    gradebook = ws / "course" / "gradebook.db"
    kept = (gradebook.read_bytes(), gradebook.stat().st_mtime_ns)
    (ws / "notes.txt").write_text("the trainer's own file")
    shutil.chown(ws / "notes.txt", hub_cohort.trainer, hub_cohort.trainer)
    again = add_cohort(hub_cohort.prefix, roster, hub_cohort.course, hub_cohort.trainer, "fr")
    assert again.tokens == []
    after = {n: a.token_hash for n, a in load_accounts(layout.accounts).items()}
    assert after == before
    # the trainer's workshop and its gradebook are kept as they were
    assert again.workshop.path == ws and not again.workshop.made
    assert not again.workshop.roster_differs and not again.needs_restart
    assert (gradebook.read_bytes(), gradebook.stat().st_mtime_ns) == kept
    assert (ws / "notes.txt").read_text() == "the trainer's own file"
    # a roster that changed (a name corrected): said, not copied over the workshop's
    roster.write_text(ROSTER.replace("Fictional One", "Fictional Uno"), encoding="utf-8")
    changed = add_cohort(hub_cohort.prefix, roster, hub_cohort.course, hub_cohort.trainer, "fr")
    assert changed.workshop.roster_differs and changed.tokens == []
    assert "Fictional Uno" not in (ws / "roster.csv").read_text(encoding="utf-8")


def test_add_cohort_makes_the_trainers_workshop_and_nbgrader_config(hub_cohort):
    """``~trainer/<course>``: made by the trainer's own user from the roster, in the cohort's
    language, closed to everyone else; the trainer's nbgrader config names the course, the
    exchange, the gradebook and the refused unsandboxed steps (the formgrader reads it)."""
    import tomllib

    from hub.conftest import ROSTER
    from uprkit.hub.cohort import exchange_root
    from uprkit.hub.install import HubLayout

    entry = pwd.getpwnam(hub_cohort.trainer)
    ws = Path(entry.pw_dir) / hub_cohort.course
    assert stat.S_IMODE(ws.stat().st_mode) == 0o700
    for path in [ws, *ws.rglob("*")]:
        assert path.lstat().st_uid == entry.pw_uid, path
    assert (ws / "roster.csv").read_text(encoding="utf-8") == ROSTER
    assert tomllib.loads((ws / "workshop.toml").read_text())["language"] == "fr"
    assert (ws / "course" / "gradebook.db").read_bytes()[:15] == b"SQLite format 3"
    assert (ws / "course" / "source" / "country_report").is_dir()  # the kit's assignments
    config = (Path(entry.pw_dir) / ".jupyter" / "nbgrader_config.py").read_text()
    assert f"c.CourseDirectory.course_id = {hub_cohort.course!r}" in config
    assert f"c.CourseDirectory.root = {str(ws / 'course')!r}" in config
    assert f"c.Exchange.root = {str(exchange_root(HubLayout(hub_cohort.prefix)))!r}" in config
    assert "uprkit.hub.grading_guard.RefuseUnsandboxed" in config
    # nobody else reads the names, the gradebook or the hidden tests in it
    participant = hub_cohort.participants[0]
    assert run_as(participant, "ls", str(ws)).returncode != 0
    assert run_as(participant, "cat", str(ws / "roster.csv")).returncode != 0


def test_a_trainer_of_one_cohort_is_refused_for_another(hub_cohort, tmp_path):
    """The trainer's nbgrader config names one course: a second cohort would point the first
    one's formgrader at the second's gradebook. Refused before any account is made."""
    from hub.conftest import ROSTER
    from uprkit.hub.accounts import HubAccountError
    from uprkit.hub.cohort import add_cohort

    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    other = f"{hub_cohort.course}x"
    with pytest.raises(HubAccountError, match="already the trainer of the cohort"):
        add_cohort(hub_cohort.prefix, roster, other, hub_cohort.trainer, "fr")
    with pytest.raises(KeyError):
        pwd.getpwnam(f"{other}-p01")


def test_login_with_the_printed_token_works_and_a_wrong_token_fails(running_hub, hub_cohort):
    user = hub_cohort.participants[0]
    good = HubClient(running_hub.url)
    answer = good.login(user, hub_cohort.tokens[user])
    assert answer.status_code == 302, answer.text[:300]
    assert good.me().json()["name"] == user

    for name, token in [
        (user, hub_cohort.tokens[user] + "x"),
        (user, hub_cohort.tokens[hub_cohort.participants[1]]),  # another's token
        ("root", hub_cohort.tokens[user]),
        (f"{hub_cohort.course}-p99", hub_cohort.tokens[user]),  # no such participant
    ]:
        bad = HubClient(running_hub.url)
        answer = bad.login(name, token)
        assert answer.status_code == 403, (name, answer.status_code)
        assert bad.me().status_code == 403
    # the hub's database and log hold pseudonymous user names only, never a person's name
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    for path in (layout.state / "jupyterhub.sqlite", layout.logfile):
        data = path.read_bytes()
        assert user.encode() in data and b"Fictional" not in data, path


def test_a_participant_server_runs_as_their_own_user_with_the_lessons_in_french(
    running_hub, hub_cohort
):
    from uprkit.hub.install import HubLayout
    from uprkit.i18n.notebooks import build_localised_notebook
    from uprkit.paths import course_dir

    user = hub_cohort.participants[0]
    client = HubClient(running_hub.url)
    assert client.login(user, hub_cohort.tokens[user]).status_code == 302
    client.start_server(user)
    pid = server_process(user)
    entry = pwd.getpwnam(user)
    assert process_uid(pid) == entry.pw_uid != 0
    environ = process_environ(pid)
    assert environ["UPRKIT_LANGUAGE"] == "fr"
    assert environ["UPRKIT_HOME"] == str(HubLayout(hub_cohort.prefix).kit)

    lessons = sorted(
        (pwd.getpwnam(user).pw_dir + "/lessons/" + p.name) for p in course_dir().glob("*.ipynb")
    )
    assert lessons, "no lesson copied"
    first = nbformat.read(lessons[0], as_version=4)
    assert first.metadata["language"] == "fr"
    expected = build_localised_notebook(sorted(course_dir().glob("*.ipynb"))[0], "fr").notebook
    assert [c.source for c in first.cells] == [c.source for c in expected.cells]
    assert (
        first.cells[0].source
        != nbformat.read(sorted(course_dir().glob("*.ipynb"))[0], as_version=4).cells[0].source
    )  # translated, not the English lesson
    # JupyterLab opens on the lab, in the participant's home
    lab = client.session.get(f"{running_hub.url}/user/{user}/lab", timeout=60)
    assert lab.status_code == 200
    contents = client.session.get(
        f"{running_hub.url}/user/{user}/api/contents/lessons", timeout=60
    ).json()
    assert len(contents["content"]) == len(lessons)
    # JupyterLab's own menus in French: the language pack is one of the kit's dependencies
    from uprkit.hub.spawn import settings_of

    assert settings_of(user) == {"locale": "fr_FR"}


def test_a_participant_cannot_read_another_home_or_the_hub_state(hub_cohort):
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    one, two = hub_cohort.participants[:2]
    other_home = pwd.getpwnam(two).pw_dir
    assert run_as(one, "ls", other_home).returncode != 0
    assert run_as(one, "cat", f"{other_home}/.jupyter/nbgrader_config.py").returncode != 0
    for path in (layout.state, layout.accounts, hub_cohort.token_file, layout.log):
        assert run_as(one, "cat", str(path)).returncode != 0, path
        assert run_as(one, "ls", str(path)).returncode != 0 or path.is_file(), path
    # nor the trainers' copy of the kit (answers, hidden tests), which the trainer can read
    solutions = layout.trainer_kit / "solutions"
    assert run_as(one, "ls", str(solutions)).returncode != 0
    assert run_as(hub_cohort.trainer, "ls", str(solutions)).returncode == 0
    # but the kit and its environment are theirs to use
    check = run_as(one, str(layout.python), "-c", "import uprkit.hub.accounts, nbgrader")
    assert check.returncode == 0, check.stderr
    assert (
        json.loads(
            run_as(one, "cat", str(layout.env / "etc/jupyter/labconfig/page_config.json")).stdout
        )["disabledExtensions"]["@jupyter/nbgrader:formgrader"]
        is True
    )


def test_status_says_the_hub_answers_and_a_second_start_is_refused(running_hub, hub_cohort):
    from uprkit.cli import main

    prefix = str(hub_cohort.prefix)
    answer = CliRunner().invoke(main, ["hub", "status", "--prefix", prefix])
    assert answer.exit_code == 0, answer.output
    assert f"at {running_hub.url}: answers" in answer.output
    assert (
        f"{hub_cohort.course} (fr): 3 participants, trainer {hub_cohort.trainer}" in answer.output
    )
    again = CliRunner().invoke(main, ["hub", "start", "--prefix", prefix])
    assert again.exit_code == 1 and "already running" in again.output


def test_a_lesson_runs_for_a_participant_in_their_language(running_hub, hub_cohort):
    """The French lesson in a participant's home runs top to bottom with the hub's Python, as
    that participant, finding the kit's data through UPRKIT_HOME (what their server gets)."""
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    user = hub_cohort.participants[0]  # their server started in an earlier test, or now
    home = pwd.getpwnam(user).pw_dir
    lesson = f"{home}/lessons/03-reading-upr-data.ipynb"
    if not os.path.exists(lesson):
        client = HubClient(running_hub.url)
        assert client.login(user, hub_cohort.tokens[user]).status_code == 302
        client.start_server(user)
    env = [f"HOME={home}", f"UPRKIT_HOME={layout.kit}", "UPRKIT_LANGUAGE=fr"]
    env += [f"PATH={layout.env / 'bin'}:/usr/bin:/bin"]
    done = run_as(
        user, "env", "-C", home, *env, str(layout.env / "bin" / "jupyter"), "nbconvert",
        "--to", "notebook", "--execute", "--output-dir", f"{home}/ran", lesson,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    ran = nbformat.read(f"{home}/ran/03-reading-upr-data.ipynb", as_version=4)
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]  # fmt: skip
    assert not errors and ran.metadata["language"] == "fr"
