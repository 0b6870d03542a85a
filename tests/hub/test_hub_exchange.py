"""nbgrader's exchange with one course per cohort, without a hub: real Unix users, real nbgrader.

Participants of course A fetch and submit with nbgrader's own commands under their own Unix
users; a participant of course A also writes hostile folders straight into the exchange; the
trainer (a Unix user too, not root) releases, collects, grades in the sandbox and releases
feedback with ``uprkit.hub.grading``'s commands; the participants fetch their feedback. A
participant of course B sees nothing of course A. Needs root (it makes the users, removed at
the end, also on failure); elsewhere it skips with that reason, and fails in CI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures.cohort import MINI_SOURCE, ROSTER, SUBMISSIONS
from fixtures.required import need, need_bwrap

pytestmark = pytest.mark.slow


@dataclass
class Setup:
    root: Path  # exchange root
    python: Path  # a Python every user can run, outside the places the sandbox hides
    course_a: str
    course_b: str
    trainer: str
    users_a: dict[str, str]  # participant id -> Unix user
    user_b: str
    workshop: Path


def _check(done, what: str):
    assert done.returncode == 0, f"{what} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def setup():
    need(os.geteuid() == 0, "the exchange tests make real Unix users: run them as root")
    need_bwrap()
    from uprkit.hub.exchange import (
        add_participant,
        make_exchange,
        participant_config,
        write_config,
    )
    from uprkit.hub.exchange_users import run_as, shared_python, temporary_users

    tag = secrets.token_hex(3)
    course_a, course_b, trainer = f"ea{tag}", f"eb{tag}", f"etr{tag}"
    users_a = {pid: f"{course_a}-{pid}" for pid in ("p01", "p02", "p03")}
    user_b = f"{course_b}-p04"
    # /opt: outside /tmp and /home, which the sandbox hides from kernels
    base = Path(tempfile.mkdtemp(prefix="uprkit-hubx-", dir="/opt"))
    os.chmod(base, 0o755)
    groups = [f"nbgrader-{course_a}", f"nbgrader-{course_b}"]
    try:
        with temporary_users([trainer, *users_a.values(), user_b]):
            python = shared_python(base / "env")
            root = make_exchange(base / "exchange", courses={course_a: trainer, course_b: trainer})
            for user in users_a.values():
                add_participant(course_a, user)
                write_config(user, participant_config(root, course_a, hub=False))
            add_participant(course_b, user_b)
            write_config(user_b, participant_config(root, course_b, hub=False))
            home = Path(f"/home/{trainer}")
            roster = home / "roster.csv"
            roster.write_text("".join(ROSTER.read_text().splitlines(True)[:4]))
            shutil.copytree(MINI_SOURCE, home / "mini")
            shutil.chown(roster, trainer)
            for path in [home / "mini", *(home / "mini").iterdir()]:
                shutil.chown(path, trainer)
            ws = home / "ws"
            _check(
                run_as(trainer, [f"{python.parent}/uprkit", "workshop", "init", str(ws),
                                 "--roster", str(roster), "--assignment", str(home / "mini")]),
                "workshop init as the trainer",
            )  # fmt: skip
            _check(
                run_as(trainer, [str(python), "-m", "uprkit.cli.hub_grading_cmds",
                                 "trainer-config", "--course", course_a, "--exchange", str(root),
                                 "-w", str(ws)]),
                "uprkit hub trainer-config as the trainer",
            )  # fmt: skip
            yield Setup(root, python, course_a, course_b, trainer, users_a, user_b, ws)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        for group in groups:
            os.system(f"groupdel {group} 2>/dev/null")


def _trainer(s: Setup, *args: str):
    from uprkit.hub.exchange_users import run_as

    argv = [str(s.python), "-m", "uprkit.cli.hub_grading_cmds", *args, "-w", str(s.workshop)]
    if args[0] != "grade":
        argv += ["--course", s.course_a, "--exchange", str(s.root)]
    return _check(run_as(s.trainer, argv, timeout=600), f"uprkit hub {args[0]} as the trainer")


def _nbgrader(s: Setup, user: str, *args: str):
    from uprkit.hub.exchange_users import run_as

    return run_as(user, [f"{s.python.parent}/nbgrader", *args], timeout=300)


def _stamp(offset_s: float = 0) -> str:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=offset_s)
    return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _hostile_folders(s: Setup) -> None:
    """What p03 writes straight into inbound/ (anyone in the course can)."""
    from uprkit.hub.exchange_users import run_as

    inbound = s.root / s.course_a / "inbound"
    p01, p03 = s.users_a["p01"], s.users_a["p03"]
    gradebook = s.workshop / "course" / "gradebook.db"
    script = f"""
set -e
cd {inbound}
d="{p01}+mini+{_stamp(3600)}+fake"; mkdir "$d"; cp {SUBMISSIONS}/untouched.ipynb "$d/mini.ipynb"
d="{p03}+mini+{_stamp(-30)}+link"; mkdir "$d"; ln -s {gradebook} "$d/mini.ipynb"
d="{p03}+mini+{_stamp(-20)}+fifo"; mkdir "$d"; mkfifo "$d/mini.ipynb"
d="{p03}+mini+{_stamp(-10)}+huge"; mkdir "$d"; truncate -s 200M "$d/mini.ipynb"
ln -s /home/{s.trainer} "{p03}+mini+{_stamp(-5)}+dirlink"
"""
    _check(run_as(p03, ["/bin/sh", "-c", script]), "p03's hostile folders")


def test_a_cohort_round_trip_through_the_exchange(setup):
    s = setup
    _trainer(s, "release", "mini")
    users = list(s.users_a.values())
    with ThreadPoolExecutor(3) as pool:
        fetched = list(
            pool.map(lambda u: _nbgrader(s, u, "fetch_assignment", "mini", "--course", s.course_a),
                     users)
        )  # fmt: skip
    for user, done in zip(users, fetched, strict=True):
        _check(done, f"fetch_assignment as {user}")
        assert Path(f"/home/{user}/{s.course_a}/mini/mini.ipynb").is_file()

    answers = {"p01": "correct", "p02": "fails_hidden_test"}
    sent = {}
    for pid, fixture in answers.items():
        mine = Path(f"/home/{s.users_a[pid]}/{s.course_a}/mini/mini.ipynb")
        if pid == "p02":  # a participant who renamed the notebook
            mine.unlink()
            mine = mine.with_name("my answers.ipynb")
        shutil.copy(SUBMISSIONS / f"{fixture}.ipynb", mine)
        shutil.chown(mine, s.users_a[pid])
        sent[pid] = hashlib.sha256(mine.read_bytes()).hexdigest()
        _check(_nbgrader(s, s.users_a[pid], "submit", "mini", "--course", s.course_a), "submit")
    _hostile_folders(s)
    from uprkit.hub.exchange_users import run_as

    inbound = s.root / s.course_a / "inbound"
    p01_real = next(p for p in inbound.iterdir() if p.name.startswith(f"{s.users_a['p01']}+mini+")
                    and not p.name.endswith("+fake"))  # fmt: skip
    # nbgrader leaves each submission folder open to all (0777), hidden by its random name
    planted = f"cp {SUBMISSIONS}/untouched.ipynb '{p01_real}/planted.ipynb'"
    _check(run_as(s.users_a["p03"], ["/bin/sh", "-c", planted]), "p03 plants a file")

    out = _trainer(s, "collect", "mini").stdout
    assert "collected 2 submission(s)" in out, out
    assert "belongs to someone else" in out and "too large" in out, out
    assert "not a regular file" in out and "not a folder" in out, out
    assert "planted.ipynb: not collected (belongs to someone else" in out, out
    submitted = s.workshop / "course" / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["p01", "p02"]
    for pid, digest in sent.items():  # p01's own submission, not the one made in their name
        got = (submitted / pid / "mini" / "mini.ipynb").read_bytes()
        assert hashlib.sha256(got).hexdigest() == digest

    out = _trainer(s, "grade", "mini").stdout
    assert "2 graded" in out, out
    out = _trainer(s, "feedback", "mini").stdout
    assert "feedback released to 2 participant(s)" in out, out

    pages = {}
    for pid in answers:
        user = s.users_a[pid]
        _check(_nbgrader(s, user, "fetch_feedback", "mini", "--course", s.course_a), "fetch")
        name = "my answers" if pid == "p02" else "mini"
        found = list(Path(f"/home/{user}/{s.course_a}/mini/feedback").glob(f"*/{name}.html"))
        assert len(found) == 1, found
        pages[pid] = found[0].read_text(encoding="utf-8")
        assert Path(found[0]).stat().st_uid == os.stat(f"/home/{user}").st_uid
    assert pages["p01"] != pages["p02"]
    # in each participant's roster language (p01: French, p02: Spanish), with the score
    total = pages["p01"].split('class="total">', 1)[-1][:80]
    assert '<html lang="fr"' in pages["p01"] and re.match(r"\D*3\D+4\D", total), total
    assert '<html lang="es"' in pages["p02"]
    # the trainer's gradebook is untouched by the link p03 pointed at it, and still opens
    assert (s.workshop / "course" / "gradebook.db").read_bytes()[:15] == b"SQLite format 3"


def test_another_course_sees_nothing_of_this_one(setup):
    s = setup
    if not (s.root / s.course_a / "outbound" / "mini").exists():
        _trainer(s, "release", "mini")
    listed = _nbgrader(s, s.user_b, "list", "--course", s.course_a)
    assert "mini" not in listed.stdout + listed.stderr.replace(f"--course {s.course_a}", "")
    fetched = _nbgrader(s, s.user_b, "fetch_assignment", "mini", "--course", s.course_a)
    assert fetched.returncode != 0
    assert not Path(f"/home/{s.user_b}/{s.course_a}/mini").exists()
    from uprkit.hub.exchange_users import run_as

    peek = run_as(s.user_b, ["ls", str(s.root / s.course_a / "outbound")])
    assert peek.returncode != 0 and "Permission denied" in peek.stderr
    # nor does any participant see the trainer's workshop (names, gradebook, hidden tests)
    for user in (s.user_b, s.users_a["p01"]):
        peek = run_as(user, ["ls", str(s.workshop / "course" / "source" / "mini")])
        assert peek.returncode != 0 and "Permission denied" in peek.stderr
    # while a participant of course A lists it
    own = _nbgrader(s, s.users_a["p02"], "list", "--course", s.course_a)
    assert "mini" in own.stdout + own.stderr


def test_the_exchange_keeps_its_modes(setup):
    from uprkit.hub.exchange import check_exchange

    assert check_exchange(setup.root, setup.course_a, setup.trainer) == []


def test_plain_nbgrader_grading_is_refused_for_the_trainer(setup):
    """The trainer's nbgrader config turns plain autograde/collect into the kit's command."""
    s = setup
    autograded = s.workshop / "course" / "autograded"
    before = {p: p.stat().st_mtime_ns for p in autograded.rglob("*")}
    for step, command in ((("autograde", "--force"), "grade"), (("collect",), "collect")):
        done = _nbgrader(s, s.trainer, *step, "mini", "--course", s.course_a)
        text = done.stdout + done.stderr
        assert done.returncode != 0 and f"uprkit hub {command} ASSIGNMENT" in text, text[-2000:]
    # the refused autograde ran no participant's code and changed no graded copy
    assert {p: p.stat().st_mtime_ns for p in autograded.rglob("*")} == before
