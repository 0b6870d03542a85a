"""A cohort on the hub: its Unix accounts, hub groups, tokens, lessons; and removing it all.

``add_cohort`` makes one Unix user per roster row (``<course>-<participant_id>``, never a
name), one for the trainer, the course's exchange folders and Unix group, each participant's
nbgrader config, the lessons in the cohort's language, and the trainer's side
(:mod:`uprkit.hub.trainer`: the workshop ``~trainer/<course>`` and the trainer's nbgrader
config); it returns the first-login tokens, which are also written once to
``<prefix>/state/<course>-first-login.csv`` (root only, 600). One trainer account trains one
cohort: the trainer's nbgrader config names one course.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import secrets
import shutil
import sqlite3
import subprocess
import urllib.error
import urllib.request
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from uprkit.hub import exchange
from uprkit.hub.accounts import (
    Account,
    HubAccountError,
    check_trainer_name,
    hash_token,
    load_accounts,
    new_token,
    participant_username,
    save_accounts,
)
from uprkit.hub.install import DEFAULT_PREFIX, TRAINERS_GROUP, HubLayout, make_readable
from uprkit.hub.trainer import TrainerWorkshop, setup_trainer
from uprkit.i18n import check_language
from uprkit.i18n.notebooks import build_localised_notebooks
from uprkit.workshop.roster import load_roster

__all__ = [
    "CohortAdded",
    "add_cohort",
    "admin_token",
    "cohorts",
    "exchange_root",
    "removal_plan",
    "remove_cohort",
]

_FIRST_UID = 1000  # below: system accounts, never taken over as a trainer's


@dataclass
class CohortAdded:
    course: str
    trainer: str
    language: str
    usernames: list[str]
    tokens: list[tuple[str, str, str]] = field(default_factory=list)  # user, participant, token
    token_file: Path | None = None
    hub_updated: bool = False  # the running hub's groups were changed at once
    workshop: TrainerWorkshop | None = None  # the trainer's workshop and nbgrader config

    @property
    def needs_restart(self) -> bool:
        """The running hub has no formgrader service for a workshop made now: JupyterHub
        starts managed services only when it starts (its API refuses to add them)."""
        return self.hub_updated and self.workshop is not None and self.workshop.made


def exchange_root(layout: HubLayout) -> Path:
    """The hub's nbgrader exchange: nbgrader's usual ``/srv/nbgrader/exchange`` for the hub in
    the default prefix (what the trainer's ``uprkit hub release/collect/feedback`` use unless
    given ``--exchange``); ``<prefix>/exchange`` for a hub anywhere else (a test, a second hub).

    >>> str(exchange_root(HubLayout(Path("/opt/uprkit-hub"))))
    '/srv/nbgrader/exchange'
    >>> str(exchange_root(HubLayout(Path("/srv/other-hub"))))
    '/srv/other-hub/exchange'
    """
    if layout.prefix == DEFAULT_PREFIX:
        return Path(exchange.DEFAULT_EXCHANGE_ROOT)
    return layout.prefix / "exchange"


def admin_token(layout: HubLayout) -> str:
    """The token of the hub's ``uprkit-cli`` service (root-only file, made on first use)."""
    path = layout.state / "cli_token"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def _running_hub_url(layout: HubLayout) -> str | None:
    """The running hub's URL, or None when it is not running."""
    try:
        os.kill(int(layout.pidfile.read_text().strip()), 0)
        return (layout.state / "url").read_text().strip()
    except (OSError, ValueError):
        return None


def _hub_api(url: str, token: str, method: str, path: str, body=None, ok=(404,)) -> int:
    """Call the hub's REST API as the ``uprkit-cli`` service; ``ok``: error codes that are fine
    (404: never logged in or already gone; 409: already there)."""
    request = urllib.request.Request(
        f"{url}/hub/api{path}",
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        data=None if body is None else json.dumps(body).encode("utf-8"),
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        if exc.code in ok:
            return exc.code
        raise HubAccountError(f"the hub refused {method} {path}: HTTP {exc.code}") from exc


def _cohorts_file(layout: HubLayout) -> Path:
    return layout.state / "cohorts.json"


def cohorts(layout: HubLayout) -> dict[str, dict]:
    """``{course: {"trainer": ..., "language": ..., "participants": [...]}}``."""
    path = _cohorts_file(layout)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _save_cohorts(layout: HubLayout, data: dict) -> None:
    path = _cohorts_file(layout)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise HubAccountError(f"could not {what}: {(done.stderr or done.stdout).strip()}")


def _unix_user(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def _make_user(name: str) -> None:
    _run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name], f"add {name}")
    os.chmod(pwd.getpwnam(name).pw_dir, 0o700)


def _usernames(roster_path: Path, course: str) -> dict[str, str]:
    """``{username: participant_id}`` from the roster; two ids that fold to one name: an error."""
    roster = load_roster(roster_path)
    names: dict[str, str] = {}
    for line, pid in enumerate(roster["participant_id"].astype(str), start=2):
        try:
            name = participant_username(course, pid)
        except HubAccountError as exc:
            raise HubAccountError(f"{roster_path}, line {line}: {exc}") from None
        if name in names:
            raise HubAccountError(
                f"{roster_path}, line {line}: participant {pid!r} and {names[name]!r} give the "
                f"same user name {name!r} (user names are lower case); rename one of them"
            )
        names[name] = pid
    return names


def _check_free(accounts: dict[str, Account], names: list[str], trainer: str) -> None:
    for name in names:
        if _unix_user(name) is not None and name not in accounts:
            raise HubAccountError(
                f"the Unix user {name!r} exists but is not one of the hub's accounts; "
                "the hub never takes over an existing account"
            )
    entry = _unix_user(trainer)
    if entry is not None and entry.pw_uid < _FIRST_UID:
        raise HubAccountError(
            f"{trainer!r} is a system account (uid {entry.pw_uid}): choose another"
        )


def _write_tokens(path: Path, tokens: list[tuple[str, str, str]]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["username", "participant_id", "first_login_token"])
        writer.writerows(tokens)
    os.chmod(path, 0o600)


def add_cohort(
    prefix: Path,
    roster: Path,
    course: str,
    trainer: str,
    language: str = "en",
    *,
    new_tokens: bool = False,
) -> CohortAdded:
    """Add (or bring up to date) a cohort: accounts, groups, exchange, lessons, tokens, and
    the trainer's workshop and nbgrader config.

    Running it again with more roster rows adds the new participants only; existing accounts
    keep their token unless ``new_tokens``; an existing workshop of the trainer's is kept as
    it is. Needs root and an installed hub under ``prefix``.
    """
    layout = HubLayout(prefix)
    if not layout.python.exists():
        raise HubAccountError(f"no hub under {layout.prefix}: run `uprkit hub install` first")
    exchange.check_course_id(course)
    language = check_language(language)
    check_trainer_name(trainer)
    names = _usernames(Path(roster), course)
    if trainer in names:
        raise HubAccountError(f"the trainer's name {trainer!r} is also a participant's user name")
    for other, cohort in cohorts(layout).items():
        if other != course and cohort["trainer"] == trainer:
            raise HubAccountError(
                f"{trainer!r} is already the trainer of the cohort {other!r}: one trainer "
                "account trains one cohort (its nbgrader config names one course); give this "
                f"cohort another trainer name, e.g. {course}_trainer"
            )
    accounts = load_accounts(layout.accounts)
    _check_free(accounts, list(names), trainer)
    result = CohortAdded(course, trainer, language, list(names))
    for name, pid in [*names.items(), (trainer, "")]:
        role = "trainer" if name == trainer else "participant"
        if _unix_user(name) is None:
            _make_user(name)
        if name not in accounts or (new_tokens and role == "participant"):
            token = new_token()
            accounts[name] = Account(name, course, role, language, hash_token(token), pid)
            result.tokens.append((name, pid, token))
    save_accounts(layout.accounts, accounts)
    _course_groups_and_exchange(layout, course, trainer, list(names))
    root = exchange_root(layout)
    result.workshop = setup_trainer(layout, course, trainer, Path(roster), language, root)
    lessons = layout.lessons_of(course)
    build_localised_notebooks(language, lessons)
    make_readable(lessons)
    data = cohorts(layout)
    data[course] = {"trainer": trainer, "language": language, "participants": sorted(names)}
    _save_cohorts(layout, data)
    if result.tokens:
        result.token_file = layout.first_login_file(course)
        _write_tokens(result.token_file, result.tokens)
    result.hub_updated = _update_running_hub(layout, course, trainer, list(names))
    return result


def _update_running_hub(layout: HubLayout, course: str, trainer: str, names: list[str]) -> bool:
    """Put the cohort's users in their hub groups now when the hub runs (nbgrader reads a
    participant's courses from them); a stopped hub loads them from the config at start."""
    url = _running_hub_url(layout)
    if url is None:
        return False
    token = admin_token(layout)
    students, graders = exchange.course_groups(course)
    _hub_api(url, token, "POST", "/users", {"usernames": [*names, trainer]}, ok=(400, 409))
    for group, members in ((students, names), (graders, [trainer])):
        _hub_api(url, token, "POST", f"/groups/{group}", ok=(400, 409))
        _hub_api(url, token, "POST", f"/groups/{group}/users", {"users": members})
    return True


def _course_groups_and_exchange(layout: HubLayout, course: str, trainer: str, names: list[str]):
    students, graders = exchange.course_groups(course)
    exchange.make_exchange(exchange_root(layout), courses={course: trainer})
    exchange.ensure_unix_group(graders)
    _run(["gpasswd", "-a", trainer, graders], f"add {trainer} to {graders}")
    exchange.ensure_unix_group(TRAINERS_GROUP)  # reads the trainers' copy of the kit
    _run(["gpasswd", "-a", trainer, TRAINERS_GROUP], f"add {trainer} to {TRAINERS_GROUP}")
    for name in names:
        exchange.add_participant(course, name)
        exchange.write_config(name, exchange.participant_config(exchange_root(layout), course))


def removal_plan(layout: HubLayout, course: str) -> list[str]:
    """What ``remove_cohort`` deletes, one line each (nothing is deleted)."""
    cohort = cohorts(layout).get(course)
    if cohort is None:
        raise HubAccountError(f"no cohort {course!r} on the hub under {layout.prefix}")
    lines = [
        f"Unix user {n} and its home folder {pwd.getpwnam(n).pw_dir}"
        for n in cohort["participants"]
        if _unix_user(n)
    ]
    lines += [
        f"exchange folder {exchange.course_path(exchange_root(layout), course)}",
        f"lessons {layout.lessons_of(course)}",
        f"Unix groups {' and '.join(exchange.course_groups(course))}, and the hub's groups",
        f"first-login tokens {layout.first_login_file(course)}",
        f"kept: the trainer {cohort['trainer']}'s account, home and workshop "
        f"~{cohort['trainer']}/{course} (roster, gradebook, submissions): archive them, then "
        "remove them yourself",
    ]
    return lines


def remove_cohort(prefix: Path, course: str) -> list[str]:
    """Delete a cohort's participants (accounts, homes), exchange folder, groups and tokens.

    A running hub stops their servers and forgets them through its API; a stopped hub's
    database is edited. Other cohorts are not touched. Returns what was deleted.
    """
    layout = HubLayout(prefix)
    plan = removal_plan(layout, course)
    cohort = cohorts(layout)[course]
    accounts = load_accounts(layout.accounts)
    for name in cohort["participants"]:  # nobody logs in again from here on
        accounts.pop(name, None)
    save_accounts(layout.accounts, accounts)
    url = _running_hub_url(layout)
    if url is not None:
        token = admin_token(layout)
        for name in cohort["participants"]:
            _hub_api(url, token, "DELETE", f"/users/{name}")
        for group in exchange.course_groups(course):
            _hub_api(url, token, "DELETE", f"/groups/{group}")
    for name in cohort["participants"]:
        entry = _unix_user(name)
        if entry is not None:
            subprocess.run(["pkill", "-KILL", "-u", str(entry.pw_uid)], check=False)
            _run(["userdel", "--remove", name], f"remove the Unix user {name}")
    shutil.rmtree(exchange.course_path(exchange_root(layout), course), ignore_errors=True)
    shutil.rmtree(layout.lessons_of(course), ignore_errors=True)
    layout.first_login_file(course).unlink(missing_ok=True)
    for group in exchange.course_groups(course):
        subprocess.run(["groupdel", group], capture_output=True, check=False)
    if url is None:
        _forget_in_hub_db(layout, cohort["participants"], list(exchange.course_groups(course)))
    data = cohorts(layout)
    del data[course]
    _save_cohorts(layout, data)
    return plan


def _forget_in_hub_db(layout: HubLayout, users: list[str], groups: list[str]) -> None:
    database = layout.state / "jupyterhub.sqlite"
    if not database.exists():
        return
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("PRAGMA foreign_keys = ON")  # tokens, servers and memberships go with them
        db.executemany("DELETE FROM users WHERE name = ?", [(u,) for u in users])
        db.executemany("DELETE FROM groups WHERE name = ?", [(g,) for g in groups])
