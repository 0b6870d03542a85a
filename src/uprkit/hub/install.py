"""``uprkit hub install``: one machine's JupyterHub for online cohorts (TLJH's model).

Everything lives under one prefix (default ``/opt/uprkit-hub``)::

    <prefix>/env/      755  Python venv: JupyterHub 5.x, the kit and its lessons' packages, nbgrader
    <prefix>/node/     755  configurable-http-proxy from npm (``npm install --prefix``)
    <prefix>/kit/      755  the participants' copy of the kit: course/ and datasets/ (no answers,
                            no hidden tests: solutions/ and grading/ stay with the trainer)
    <prefix>/kit-trainer/  750  root:uprkit-trainers: the whole kit (solutions/, grading/) for
                            the trainers' servers and commands (UPRKIT_HOME)
    <prefix>/lessons/  755  the lessons built in each cohort's language (``add-cohort``)
    <prefix>/etc/      755  jupyterhub_config.py (no secrets in it)
    <prefix>/state/    700  the hub's database, cookie secret, proxy token, accounts file and the
                            first-login tokens: root only
    <prefix>/log/      700  the hub's log (user names are pseudonyms; still root only)

Running it again repairs modes and brings the packages up to date; it never deletes a state file.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from uprkit.errors import UprkitError
from uprkit.paths import kit_root

__all__ = [
    "CHP_SPEC",
    "DEFAULT_PREFIX",
    "HubInstallError",
    "HubLayout",
    "install_hub",
    "make_readable",
]

DEFAULT_PREFIX = Path("/opt/uprkit-hub")
# configurable-http-proxy 5.x runs on Node 18 and 20 (Debian 12 ships Node 18).
CHP_SPEC = "configurable-http-proxy@5"
JUPYTERHUB_SPEC = "jupyterhub>=5,<6"
# the Unix group that may read the trainers' copy of the kit (answers, hidden tests)
TRAINERS_GROUP = "uprkit-trainers"
# nbgrader's tools a participant must not have (formgrader, creating assignments, the course list
# that asks the hub for services); the assignment list (fetch, submit, feedback) stays.
_LAB_PLUGINS_OFF = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    # JupyterLab's news pop-up and update check: nothing a participant needs, and a request
    # leaving the machine (as the kit's participants' lab profile does)
    "@jupyterlab/apputils-extension:announcements",
)
_SERVER_EXTENSIONS_OFF = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)


class HubInstallError(UprkitError):
    """The hub cannot be installed here (says what is missing and how to get it)."""


@dataclass(frozen=True)
class HubLayout:
    """The folders and files of a hub under ``prefix``."""

    prefix: Path

    def __post_init__(self):
        object.__setattr__(self, "prefix", Path(self.prefix).absolute())

    env = property(lambda self: self.prefix / "env")
    node = property(lambda self: self.prefix / "node")
    kit = property(lambda self: self.prefix / "kit")
    trainer_kit = property(lambda self: self.prefix / "kit-trainer")
    lessons = property(lambda self: self.prefix / "lessons")
    etc = property(lambda self: self.prefix / "etc")
    state = property(lambda self: self.prefix / "state")
    log = property(lambda self: self.prefix / "log")
    python = property(lambda self: self.env / "bin" / "python")
    proxy = property(lambda self: self.node / "node_modules" / ".bin" / "configurable-http-proxy")
    config = property(lambda self: self.etc / "jupyterhub_config.py")
    accounts = property(lambda self: self.state / "accounts.json")
    pidfile = property(lambda self: self.state / "jupyterhub.pid")
    logfile = property(lambda self: self.log / "jupyterhub.log")

    def first_login_file(self, course: str) -> Path:
        return self.state / f"{course}-first-login.csv"

    def lessons_of(self, course: str) -> Path:
        return self.lessons / course


def _run(cmd: list[str], what: str, env: dict | None = None) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise HubInstallError(f"could not {what} (`{' '.join(map(str, cmd))}`):\n{tail}")


def _check_machine() -> str:
    if os.geteuid() != 0:
        raise HubInstallError(
            "uprkit hub install needs root: it makes a Unix user per participant (run it with sudo)"
        )
    npm = shutil.which("npm")
    if npm is None:
        raise HubInstallError(
            "npm is not installed; the hub's proxy (configurable-http-proxy) comes from npm: "
            "run `apt-get install npm` (Debian 12 and Ubuntu 22.04+ have Node 18 or newer)"
        )
    return npm


def make_readable(path: Path) -> None:
    """Give everyone read access to ``path`` (and traverse on folders), whatever root's umask."""
    for folder, _dirs, files in os.walk(path):
        os.chmod(folder, os.stat(folder).st_mode | 0o755)
        for name in files:
            file = os.path.join(folder, name)
            if not os.path.islink(file):
                os.chmod(file, os.stat(file).st_mode | 0o444)


def _secret_file(path: Path, nbytes: int = 32) -> None:
    if path.exists():
        os.chmod(path, 0o600)
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(nbytes))


def _everyone_can_run(path: Path) -> bool:
    path = Path(os.path.realpath(path))
    folders_ok = all(f.stat().st_mode & stat.S_IXOTH for f in path.parents)
    return folders_ok and bool(path.stat().st_mode & stat.S_IXOTH)


def base_python() -> Path:
    """A Python of this version that every participant's user can run (the hub's env is made
    from it): this one if its files are reachable by all, else Debian's ``/usr/bin``'s.
    (A pyenv or conda Python under /root cannot serve other users.)"""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    home = Path(sys._base_executable) if hasattr(sys, "_base_executable") else Path(sys.executable)
    for candidate in (home, Path("/usr/bin") / version, Path("/usr/local/bin") / version):
        if candidate.exists() and _everyone_can_run(candidate):
            stdlib = Path(os.path.realpath(candidate)).parent.parent / "lib" / version
            if not stdlib.is_dir() or _everyone_can_run(stdlib):
                return candidate
    raise HubInstallError(
        f"no {version} that every user can run (this one is {home}); install Debian's: "
        f"apt-get install {version} {version}-venv"
    )


def _seed_env(layout: HubLayout, seed: Path) -> None:
    """Fill a new env with hard links to the packages of ``seed`` (a venv of the same Python),
    and its console scripts pointed at the new env: pip then finds them installed."""
    seed_python = seed / "bin" / "python"
    purelib = subprocess.run(
        [str(seed_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = Path(
        sysconfig.get_paths(vars={"base": str(layout.env), "platbase": str(layout.env)})["purelib"]
    )
    shutil.rmtree(target)
    if subprocess.run(["cp", "-al", purelib, str(target)], capture_output=True).returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(purelib, target, symlinks=True)
    for data in ("share", "etc"):  # JupyterHub's templates, lab extensions, server config
        if (seed / data).is_dir() and not (layout.env / data).exists():
            _run(["cp", "-al", str(seed / data), str(layout.env / data)], f"link {seed / data}")
    for script in sorted((seed / "bin").iterdir()):
        new = layout.env / "bin" / script.name
        if not script.is_file() or script.is_symlink() or new.exists():
            continue
        head = script.read_bytes()
        if head.startswith(b"#!") and b"python" in head.split(b"\n", 1)[0]:
            body = head.split(b"\n", 1)[1] if b"\n" in head else b""
            new.write_bytes(f"#!{layout.python}\n".encode() + body)
            new.chmod(0o755)


def _install_python(layout: HubLayout, source: Path, seed: Path | None = None) -> None:
    if not layout.python.exists():
        venv = [str(base_python()), "-m", "venv", *(["--without-pip"] if seed else [])]
        _run([*venv, str(layout.env)], f"create the venv {layout.env}")
        if seed:
            _seed_env(layout, Path(seed))
        else:
            _run(
                [str(layout.python), "-m", "pip", "install", "-q", "--upgrade", "pip"], "update pip"
            )
    pip = [str(layout.python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _run([*pip, JUPYTERHUB_SPEC, str(source)], f"install JupyterHub and the kit from {source}")
    # adds ~1.5 s to every import of nbformat, nothing needs it (engineering notes, trap 1)
    subprocess.run(
        [str(layout.python), "-m", "pip", "uninstall", "-q", "-y", "rfc3987-syntax"],
        capture_output=True,
        check=False,
    )


def _participants_jupyter_config(layout: HubLayout) -> None:
    """nbgrader's instructor tools off for everyone's own server (the trainer grades in the
    formgrader service, which turns them back on for itself)."""
    etc = layout.env / "etc" / "jupyter"
    (etc / "labconfig").mkdir(parents=True, exist_ok=True)
    (etc / "jupyter_server_config.d").mkdir(parents=True, exist_ok=True)
    page = {"disabledExtensions": {plugin: True for plugin in _LAB_PLUGINS_OFF}}
    _replace(etc / "labconfig" / "page_config.json", json.dumps(page, indent=1) + "\n")
    server = {"ServerApp": {"jpserver_extensions": {e: False for e in _SERVER_EXTENSIONS_OFF}}}
    # read after nbgrader.json (the folder is read in name order), so it wins
    _replace(etc / "jupyter_server_config.d" / "uprkit-hub.json", json.dumps(server) + "\n")


def _replace(path: Path, text: str) -> None:
    """Write a new file in place of ``path`` (never through it: a seeded env's files are hard
    links shared with the seed)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _install_proxy(layout: HubLayout, npm: str) -> None:
    if layout.proxy.exists():
        return
    layout.node.mkdir(parents=True, exist_ok=True)
    cmd = [npm, "install", "--prefix", str(layout.node), "--no-audit", "--no-fund", CHP_SPEC]
    _run(cmd, "install configurable-http-proxy from npm")


def _copy_kit(layout: HubLayout, source: Path) -> None:
    for name in ("course", "datasets"):
        if not (source / name).is_dir():
            raise HubInstallError(
                f"{source} has no {name}/ folder: install from a clone of the kit"
            )
        shutil.copytree(source / name, layout.kit / name, dirs_exist_ok=True)
    # the trainers' copy: the assignments' sources with answers and hidden tests, the rubrics
    for name in ("course", "datasets", "solutions", "grading", "exercises"):
        if (source / name).is_dir():
            shutil.copytree(source / name, layout.trainer_kit / name, dirs_exist_ok=True)


def _trainers_only(path: Path) -> None:
    """``path`` readable by root and the Unix group of the hub's trainers, nobody else."""
    gid = _trainers_group()
    for folder, _dirs, files in os.walk(path):
        os.chown(folder, 0, gid)
        os.chmod(folder, 0o750)
        for name in files:
            file = os.path.join(folder, name)
            if not os.path.islink(file):
                os.chown(file, 0, gid)
                os.chmod(file, 0o640)


def _trainers_group() -> int:
    import grp

    try:
        return grp.getgrnam(TRAINERS_GROUP).gr_gid
    except KeyError:
        _run(["groupadd", TRAINERS_GROUP], f"create the Unix group {TRAINERS_GROUP}")
        return grp.getgrnam(TRAINERS_GROUP).gr_gid


def install_hub(
    prefix: Path = DEFAULT_PREFIX, source: Path | None = None, *, seed: Path | None = None
) -> HubLayout:
    """Install (or repair) the hub under ``prefix`` from the kit's checkout ``source``.

    ``seed``: a venv of the same Python with the kit's packages (e.g. the checkout's ``.venv``)
    whose files the new env starts from as hard links, so pip has little left to fetch or build
    (a machine with a slow network; the tests). Only used when the env is first made.
    """
    npm = _check_machine()
    source = Path(source or kit_root()).absolute()
    if not (source / "pyproject.toml").exists():
        raise HubInstallError(
            f"{source} is not a checkout of the kit (no pyproject.toml): run from a clone, or "
            "give --source"
        )
    layout = HubLayout(prefix)
    for folder in (layout.prefix, layout.env, layout.kit, layout.lessons, layout.etc):
        folder.mkdir(parents=True, exist_ok=True)
    for folder in (layout.state, layout.log):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chown(folder, 0, 0)
        os.chmod(folder, 0o700)
    _install_python(layout, source, seed)
    _participants_jupyter_config(layout)
    _install_proxy(layout, npm)
    _copy_kit(layout, source)
    _secret_file(layout.state / "cookie_secret")
    _secret_file(layout.state / "proxy_token")
    for folder in (layout.env, layout.node, layout.kit, layout.lessons, layout.etc):
        make_readable(folder)
    _trainers_only(layout.trainer_kit)
    os.chmod(layout.prefix, 0o755)
    return layout
