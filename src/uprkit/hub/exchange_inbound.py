"""Read participants' submissions out of the exchange's ``inbound`` folder without trusting them.

Anyone in the course can write into ``inbound/`` (nbgrader's design: mode 2733), so a folder
there may hold symbolic links to the trainer's files, a fifo, a 10 GB file, a folder named
after another participant, or a name nbgrader never makes. :func:`read_inbound` copies only
what the kit grades (the notebooks, nbgrader's ``timestamp.txt`` and
``submission_secret.txt``) as regular files opened with ``O_NOFOLLOW``, each capped in size,
from folders that belong to the Unix user they are named after; everything else is listed
with the reason, and a bad submission never stops the others.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import re
import stat
from dataclasses import dataclass, field

from uprkit.workshop.intake import MAX_NOTEBOOK_BYTES

__all__ = ["InboundSubmission", "InboundScan", "read_inbound", "parse_submission_name"]

_SMALL_FILES = {"timestamp.txt": 1024, "submission_secret.txt": 1024}
# nbgrader: "<student>+<assignment>+<timestamp>" and, by default, "+<random>"
_NAME = re.compile(r"^(?P<user>[^+/]+)\+(?P<assignment>[^+/]+)\+(?P<stamp>[^+/]+)(\+[^+/]*)?$")


@dataclass(frozen=True)
class InboundSubmission:
    """One participant's newest submission as read: notebook name → bytes, and its secret."""

    user: str
    folder: str
    submitted_at: dt.datetime
    notebooks: dict[str, bytes]
    secret: str


@dataclass
class InboundScan:
    """What :func:`read_inbound` found: the newest submission per user, and what it left out."""

    submissions: dict[str, InboundSubmission] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def parse_submission_name(name: str) -> tuple[str, str, dt.datetime] | None:
    """(user, assignment, time) of an nbgrader inbound folder name, or None.

    >>> parse_submission_name("p01+mini+2026-12-03 15:40:01.123456 UTC+AbCd")
    ('p01', 'mini', datetime.datetime(2026, 12, 3, 15, 40, 1, 123456, tzinfo=datetime.timezone.utc))
    >>> parse_submission_name("../etc") is None
    True
    """
    found = _NAME.match(name)
    if not found:
        return None
    text = found["stamp"].strip()
    text = text[:-4].strip() if text.endswith(" UTC") else text
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    return found["user"], found["assignment"], when


def _read_capped(dir_fd: int, name: str, cap: int, uid: int) -> bytes:
    """A regular file's bytes, opened without following links; ValueError when not allowed.

    nbgrader leaves each submission folder writable by all (mode 0777, hidden only by its
    random name), so a file there must also belong to the folder's owner (``uid``).
    """
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_uid != uid:
            raise ValueError(f"belongs to someone else (uid {info.st_uid})")
        if info.st_size > cap:
            raise ValueError(f"too large ({info.st_size} bytes; at most {cap})")
        data = b""
        while len(data) <= cap:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            data += chunk
        if len(data) > cap:
            raise ValueError(f"grew beyond {cap} bytes while read")
        return data
    finally:
        os.close(fd)


def _owner_ok(info: os.stat_result, user: str) -> str:
    """Why a folder named after ``user`` is not theirs ('' when it is)."""
    try:
        uid = pwd.getpwnam(user).pw_uid
    except KeyError:
        return f"names {user!r}, who has no account here"
    if info.st_uid != uid:
        return f"names {user!r} but belongs to someone else (uid {info.st_uid})"
    return ""


def _read_one(inbound_fd: int, name: str, user: str, when) -> tuple[InboundSubmission, list[str]]:
    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=inbound_fd)
    uid = os.fstat(fd).st_uid
    skipped, notebooks, small = [], {}, {}
    try:
        for entry in sorted(os.listdir(fd)):
            if entry.endswith(".ipynb") and not entry.startswith("."):
                cap = MAX_NOTEBOOK_BYTES
            elif entry in _SMALL_FILES:
                cap = _SMALL_FILES[entry]
            else:
                skipped.append(f"{name}/{entry}: left in the exchange (the kit grades notebooks)")
                continue
            try:
                data = _read_capped(fd, entry, cap, uid)
            except (OSError, ValueError) as exc:
                why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                skipped.append(f"{name}/{entry}: not collected ({why})")
                continue
            if cap == MAX_NOTEBOOK_BYTES:
                notebooks[entry] = data
            else:
                small[entry] = data.decode("utf-8", "replace").strip()
    finally:
        os.close(fd)
    secret = small.get("submission_secret.txt", "")
    return InboundSubmission(user, name, when, notebooks, secret), skipped


def read_inbound(inbound: str | os.PathLike, assignment: str) -> InboundScan:
    """The newest submission of ``assignment`` by each Unix user in ``inbound``.

    Folders that are links, not folders, badly named, or named after a user who does not own
    them are listed in ``problems`` and left alone; so are files the kit does not grade.
    Earlier submissions of the same user are skipped silently (nbgrader keeps them all).
    """
    scan = InboundScan()
    inbound_fd = os.open(inbound, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in sorted(os.listdir(inbound_fd)):
            parsed = parse_submission_name(name)
            if parsed is None:
                if f"+{assignment}+" in name:
                    scan.problems.append(f"{name}: not a name nbgrader makes; left alone")
                continue
            user, of, when = parsed
            if of != assignment:
                continue
            info = os.stat(name, dir_fd=inbound_fd, follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode):
                scan.problems.append(f"{name}: not a folder (a link or a file); left alone")
                continue
            why = _owner_ok(info, user)
            if why:
                scan.problems.append(f"{name}: {why}; left alone")
                continue
            earlier = scan.submissions.get(user)
            if earlier and earlier.submitted_at >= when:
                continue
            try:
                found, skipped = _read_one(inbound_fd, name, user, when)
            except OSError as exc:
                scan.problems.append(f"{name}: could not be read ({exc.strerror}); left alone")
                continue
            scan.problems.extend(skipped)
            scan.submissions[user] = found
    finally:
        os.close(inbound_fd)
    return scan
