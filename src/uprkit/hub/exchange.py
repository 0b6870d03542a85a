"""nbgrader's filesystem exchange with one course per cohort, on one machine of real Unix users.

The layout (every path made by :func:`make_exchange`, run as root)::

    <root>/                     root:root  1777  nbgrader requires 0777 (its release chmods it
                                                 back otherwise); the sticky bit stops anyone
                                                 renaming a course folder they do not own
    <root>/<course>/            trainer:nbgrader-<course>  2750   the cohort's *Unix* group:
                                                 no one else can enter, whatever the hub's API
                                                 says (nbgrader #1936, #1663, #1396)
    <root>/<course>/outbound/   trainer:nbgrader-<course>  2755   released assignments
    <root>/<course>/inbound/    trainer:nbgrader-<course>  3733   submissions: write-only, and
                                                 sticky: no one removes another's
    <root>/<course>/feedback/   trainer:nbgrader-<course>  2711   feedback, found by hash only

nbgrader's release and collect leave an existing folder's mode alone (they only check that the
trainer owns it), so the layout survives releases; :func:`check_exchange` says what drifted.

The hub side (``uprkit hub``) uses the same names for its groups: :func:`course_groups` gives
``("nbgrader-<course>", "formgrade-<course>")``, the names nbgrader's ``JupyterHubAuthPlugin``
reads a user's courses from. nbgrader finds the hub's API through the environment a
single-user server gets from JupyterHub (``JUPYTERHUB_API_URL``, ``JUPYTERHUB_API_TOKEN``,
``JUPYTERHUB_USER``); the server's token must be allowed to read its own user's groups. The
hub's config pieces (that role, the course's roles, the formgrader service) are in
:mod:`uprkit.hub.exchange_hub`. The nbgrader config texts come from
:func:`participant_config` and :func:`trainer_config`; :func:`write_config` puts one in a
user's ``~/.jupyter``.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import stat
import subprocess
from pathlib import Path

from uprkit.errors import UprkitError

__all__ = [
    "COURSE_MODES",
    "DEFAULT_EXCHANGE_ROOT",
    "ExchangeSetupError",
    "add_participant",
    "check_course_id",
    "check_exchange",
    "course_groups",
    "course_path",
    "ensure_unix_group",
    "make_exchange",
    "participant_config",
    "trainer_config",
    "write_config",
]

DEFAULT_EXCHANGE_ROOT = Path("/srv/nbgrader/exchange")
ROOT_MODE = 0o1777
COURSE_MODES = {".": 0o2750, "outbound": 0o2755, "inbound": 0o3733, "feedback": 0o2711}
# a Unix group name is at most 32 characters; "formgrade-" takes 10 of them
_COURSE_RE = re.compile(r"^[a-z][a-z0-9_]{0,21}$")


class ExchangeSetupError(UprkitError):
    """The exchange cannot be made or is not as the cohort needs it (names the path and the fix)."""


def check_course_id(course: str) -> str:
    """Return ``course`` if it can name a course, its hub groups and its Unix group, else raise.

    Lower-case letters, digits and ``_``, starting with a letter, at most 22 characters (a
    Unix group name has at most 32, and ``formgrade-`` takes 10). No ``-``: nbgrader splits a
    group name at its first ``-`` to find the course.

    >>> check_course_id("cohort_2027")
    'cohort_2027'
    >>> check_course_id("Cohort-1")
    Traceback (most recent call last):
    ...
    uprkit.hub.exchange.ExchangeSetupError: course id 'Cohort-1' is not usable: ...
    """
    if not isinstance(course, str) or not _COURSE_RE.match(course):
        raise ExchangeSetupError(
            f"course id {course!r} is not usable: use lower-case letters, digits and '_', "
            "starting with a letter, at most 22 characters (e.g. 'cohort_2027')"
        )
    return course


def course_groups(course: str) -> tuple[str, str]:
    """The hub groups (and Unix group) of a course: participants, then trainers/graders.

    >>> course_groups("cohort_2027")
    ('nbgrader-cohort_2027', 'formgrade-cohort_2027')
    """
    check_course_id(course)
    return f"nbgrader-{course}", f"formgrade-{course}"


def course_path(root: str | os.PathLike, course: str) -> Path:
    """Where a course's folder is in the exchange (``<root>/<course>``)."""
    return Path(root) / check_course_id(course)


def _user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise ExchangeSetupError(
            f"no Unix user {name!r} on this machine; create the account first (uprkit hub)"
        ) from None


def ensure_unix_group(name: str) -> int:
    """Create the Unix group ``name`` if it is missing (root only); return its gid."""
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        pass
    _run(["groupadd", name], f"create the Unix group {name}")
    return grp.getgrnam(name).gr_gid


def add_participant(course: str, user: str) -> None:
    """Put a participant's Unix account in the course's Unix group (root only).

    The group counts from the participant's next login: a single-user server already
    running keeps its old groups until it is restarted.
    """
    _user(user)
    group = course_groups(course)[0]
    ensure_unix_group(group)
    _run(["gpasswd", "-a", user, group], f"add {user} to {group}")


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ExchangeSetupError(f"could not {what}: {done.stderr.strip() or done.stdout.strip()}")


def make_exchange(
    root: str | os.PathLike = DEFAULT_EXCHANGE_ROOT,
    *,
    courses: dict[str, str] | None = None,
) -> Path:
    """Make (or repair) the exchange root and one folder per course; return the root.

    ``courses`` maps a course id to its trainer's Unix user name. Run as root: the folders
    belong to the trainer and to the course's Unix group (created if missing), with the modes
    of :data:`COURSE_MODES`. Calling it again with a new course adds that course and puts
    modes and owners of the existing ones back; it never deletes or empties anything.
    """
    if os.geteuid() != 0:
        raise ExchangeSetupError(f"making the exchange at {root} needs root (run it with sudo)")
    root = Path(root)
    if root.is_symlink():
        raise ExchangeSetupError(f"{root} is a symbolic link; give the real folder")
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    os.chmod(root, ROOT_MODE)
    for course, trainer in (courses or {}).items():
        uid, gid = _user(trainer).pw_uid, ensure_unix_group(course_groups(course)[0])
        for sub, mode in COURSE_MODES.items():
            path = course_path(root, course) / sub
            if path.is_symlink():
                raise ExchangeSetupError(f"{path} is a symbolic link; remove it and run again")
            path.mkdir(exist_ok=True)
            os.chown(path, uid, gid)
            os.chmod(path, mode)
    return root


def check_exchange(root: str | os.PathLike, course: str, trainer: str) -> list[str]:
    """What is wrong with a course's exchange folders, one sentence each (empty: all is well)."""
    problems = []
    root = Path(root)
    if not root.is_dir():
        return [f"{root} does not exist: run make_exchange (uprkit hub install) first"]
    if stat.S_IMODE(root.stat().st_mode) & 0o777 != 0o777:
        problems.append(
            f"{root} has mode {oct(stat.S_IMODE(root.stat().st_mode))}; nbgrader needs 0777"
        )
    uid = _user(trainer).pw_uid
    group = course_groups(course)[0]
    for sub, mode in COURSE_MODES.items():
        path = course_path(root, course) / sub
        if path.is_symlink() or not path.is_dir():
            problems.append(f"{path} is missing or not a folder")
            continue
        st = path.stat()
        if stat.S_IMODE(st.st_mode) != mode:
            problems.append(
                f"{path} has mode {oct(stat.S_IMODE(st.st_mode))}, expected {oct(mode)}"
            )
        if st.st_uid != uid:
            problems.append(f"{path} does not belong to the trainer {trainer}")
        if grp.getgrgid(st.st_gid).gr_name != group:
            problems.append(f"{path} is not in the group {group}")
    return problems


def _config_text(lines: list[str], *, hub: bool) -> str:
    head = [
        "# Written by uprkit (uprkit.hub.exchange); edit with care: `uprkit hub` rewrites it.",
        "c = get_config()  # noqa: F821",
    ]
    if hub:
        head.append("c.Authenticator.plugin_class = 'nbgrader.auth.JupyterHubAuthPlugin'")
    return "\n".join(head + lines) + "\n"


def participant_config(exchange_root: str | os.PathLike, course: str, *, hub: bool = True) -> str:
    """The text of a participant's ``~/.jupyter/nbgrader_config.py`` for one course.

    ``hub=False`` leaves nbgrader's default (no) auth plugin: for use without a hub (tests,
    a trainer trying the exchange); the Unix group still keeps other courses out.

    >>> print(participant_config("/srv/x", "cohort_2027", hub=False))  # doctest: +ELLIPSIS
    # Written by uprkit ...
    c = get_config()  # noqa: F821
    c.Exchange.root = '/srv/x'
    c.Exchange.path_includes_course = True
    c.CourseDirectory.course_id = 'cohort_2027'
    <BLANKLINE>
    """
    return _config_text(
        [
            f"c.Exchange.root = {str(exchange_root)!r}",
            "c.Exchange.path_includes_course = True",
            f"c.CourseDirectory.course_id = {check_course_id(course)!r}",
        ],
        hub=hub,
    )


def trainer_config(
    exchange_root: str | os.PathLike,
    course: str,
    course_dir: str | os.PathLike,
    *,
    db_url: str = "",
    hub: bool = True,
) -> str:
    """The text of the trainer's ``~/.jupyter/nbgrader_config.py`` for one course.

    ``course_dir``: the nbgrader course folder (``<workshop>/course``, in the trainer's home).
    ``db_url``: the workshop's gradebook, written out so that nbgrader's own apps (the
    formgrader service) open the same one and never a SQLite file of their own (nbgrader
    #1661); :func:`uprkit.hub.grading.trainer_config_for` fills it from ``workshop.toml``.
    nbgrader's log goes to ``<course_dir>/nbgrader.log`` (nbgrader's JupyterHub docs). The
    formgrader's autograde, feedback and collect buttons are turned into a message naming
    the kit's command (:mod:`uprkit.hub.grading_guard`): on a hub they would run
    participants' code outside the sandbox and copy links out of the exchange.
    """
    course_dir = Path(course_dir)
    lines = [
        f"c.Exchange.root = {str(exchange_root)!r}",
        "c.Exchange.path_includes_course = True",
        f"c.CourseDirectory.course_id = {check_course_id(course)!r}",
        f"c.CourseDirectory.root = {str(course_dir)!r}",
        f"c.NbGrader.logfile = {str(course_dir / 'nbgrader.log')!r}",
    ]
    if db_url:
        lines.append(f"c.CourseDirectory.db_url = {db_url!r}")
    guard = "uprkit.hub.grading_guard"
    lines += [
        f"c.Autograde.exporter_class = '{guard}.RefuseUnsandboxed'",
        f"c.GenerateFeedback.exporter_class = '{guard}.RefusePlainFeedback'",
        f"c.ExchangeFactory.collect = '{guard}.RefusePlainCollect'",
        f"c.ExchangeFactory.release_feedback = '{guard}.RefusePlainReleaseFeedback'",
    ]
    return _config_text(lines, hub=hub)


def write_config(user: str, text: str) -> Path:
    """Write ``text`` as ``~user/.jupyter/nbgrader_config.py``, owned by ``user`` (root only).

    The user owns their home, so every step goes through open folders, never follows a
    link, and replaces the file instead of writing into it (a link planted there is removed).
    """
    entry = _user(user)
    path = Path(entry.pw_dir) / ".jupyter" / "nbgrader_config.py"
    no_follow = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    home = os.open(entry.pw_dir, no_follow)
    try:
        with contextlib.suppress(FileExistsError):
            os.mkdir(".jupyter", 0o755, dir_fd=home)
        try:
            folder = os.open(".jupyter", no_follow, dir_fd=home)
        except OSError:
            raise ExchangeSetupError(
                f"{path.parent} is not a folder; remove it, run again"
            ) from None
        try:
            os.fchown(folder, entry.pw_uid, entry.pw_gid)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path.name, dir_fd=folder)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
            fd = os.open(path.name, flags, 0o644, dir_fd=folder)
            os.fchown(fd, entry.pw_uid, entry.pw_gid)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        finally:
            os.close(folder)
    finally:
        os.close(home)
    return path
