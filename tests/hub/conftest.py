"""Shared fixtures of the hub's tests: a real hub on localhost, with real Unix users.

- ``hub_prefix`` (session): ``uprkit hub install`` into a fresh world-traversable folder under
  /opt (as TLJH's /opt/tljh; not /tmp or /home, which the grading sandbox hides from kernels):
  JupyterHub, the kit and its packages, configurable-http-proxy from npm. Set
  ``UPRKIT_HUB_TEST_PREFIX`` to reuse an installed prefix while developing (install is idempotent).
- ``hub_cohort`` (session): a cohort of 3 participants and 1 trainer with a unique course id per
  run (``t<6 hex>``), in French; its Unix users and groups are removed at the end, also on failure.
- ``running_hub`` (session): the hub started on free localhost ports, stopped at the end (and its
  proxy checked gone).
- :class:`HubClient`: log in over HTTP as a browser would (xsrf cookie + form).

Needs root (Unix users) and npm: elsewhere the tests skip with that reason; in CI they fail.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures.required import need

KIT_ROOT = Path(__file__).resolve().parents[2]
ROSTER = (
    "participant_id,name,gender,region,language\n"
    "p01,Fictional One,woman,Africa,fr\n"
    "p02,Fictional Two,man,Asia-Pacific,fr\n"
    "P03,Fictional Three,non-binary,Eastern Europe,fr\n"
)


def need_hub_machine() -> None:
    need(os.geteuid() == 0, "the hub's tests make real Unix users: run them as root")
    need(shutil.which("npm") is not None, "npm is missing (apt-get install npm; make test does it)")


@pytest.fixture(scope="session")
def hub_prefix() -> Path:
    need_hub_machine()
    from uprkit.hub.install import install_hub

    reuse = os.environ.get("UPRKIT_HUB_TEST_PREFIX")
    prefix = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="uprkit-hub-", dir="/opt"))
    prefix.mkdir(exist_ok=True)
    os.chmod(prefix, 0o755)
    had_group = subprocess.run(["getent", "group", "uprkit-trainers"], capture_output=True)
    try:
        # seeded from this test run's venv (hard links): the full install from PyPI is the
        # same code path with ~2 min of pip on top, measured in the report of issue 18
        seed = Path(sys.prefix) if sys.prefix != sys.base_prefix else None
        install_hub(prefix, KIT_ROOT, seed=seed)
        yield prefix
    finally:
        if not reuse:
            shutil.rmtree(prefix, ignore_errors=True)
            if had_group.returncode != 0:  # made by this run's install
                subprocess.run(["groupdel", "uprkit-trainers"], capture_output=True, check=False)


@dataclass
class Cohort:
    prefix: Path
    course: str
    trainer: str
    tokens: dict[str, str]  # username -> first-login token
    participants: list[str]
    token_file: Path


def _free_base_port() -> int:
    """A port p with p, p+1, p+2 and p+10 free (hub, hub API, proxy API, formgrader)."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            base = sock.getsockname()[1]
        if base > 60000:
            continue
        try:
            for offset in (1, 2, 10):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise RuntimeError("no free block of ports on localhost")


def _remove_users(names: list[str], groups: list[str]) -> None:
    for name in names:
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        subprocess.run(["pkill", "-KILL", "-u", str(uid)], check=False)
        subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)
    for group in groups:
        subprocess.run(["groupdel", group], capture_output=True, check=False)


@pytest.fixture(scope="session")
def hub_cohort(hub_prefix, tmp_path_factory) -> Cohort:
    from uprkit.hub.cohort import add_cohort

    course = f"t{secrets.token_hex(3)}"
    trainer = f"{course}_trainer"
    roster = tmp_path_factory.mktemp("hub") / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    participants = [f"{course}-p01", f"{course}-p02", f"{course}-p03"]
    groups = [f"nbgrader-{course}", f"formgrade-{course}"]
    try:
        done = add_cohort(hub_prefix, roster, course, trainer, "fr")
        tokens = {user: token for user, _pid, token in done.tokens}
        yield Cohort(hub_prefix, course, trainer, tokens, participants, done.token_file)
    finally:
        from uprkit.hub.cohort import cohorts, remove_cohort
        from uprkit.hub.install import HubLayout

        try:  # the hub is stopped by now (running_hub ends first)
            if course in cohorts(HubLayout(hub_prefix)):
                remove_cohort(hub_prefix, course)
        finally:
            _remove_users([*participants, trainer], [*groups, *participants, trainer])


def check(done, what):
    assert done.returncode == 0, f"{what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="session")
def trainer_workshop(hub_cohort):
    """The trainer's workshop ``~trainer/<course>`` as ``add-cohort`` made it, with the test's
    mini assignment added by the trainer's own Unix user (``workshop init`` again, which adds
    and never removes). Made before the hub starts, so the hub runs the course's formgrader."""
    from fixtures.cohort import MINI_SOURCE
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    trainer = hub_cohort.trainer
    home = Path(pwd.getpwnam(trainer).pw_dir)
    ws = home / hub_cohort.course
    assert (ws / "workshop.toml").is_file(), "add-cohort made no workshop for the trainer"
    shutil.copytree(MINI_SOURCE, home / "mini")
    for path in [home / "mini", *(home / "mini").iterdir()]:
        shutil.chown(path, trainer, trainer)
    init = [str(layout.env / "bin" / "uprkit"), "workshop", "init", str(ws)]
    init += ["--roster", str(ws / "roster.csv"), "--assignment", str(home / "mini")]
    check(run_as(trainer, *init), "adding the mini assignment as the trainer")
    return ws


@pytest.fixture(scope="session")
def running_hub(hub_cohort, trainer_workshop):
    from uprkit.hub.install import HubLayout
    from uprkit.hub.service import start_hub, stop_hub

    state = start_hub(hub_cohort.prefix, "127.0.0.1", _free_base_port())
    proxy_pid_file = HubLayout(hub_cohort.prefix).state / "proxy.pid"
    proxy = int(proxy_pid_file.read_text())  # JupyterHub writes it when it starts the proxy
    try:
        yield state
    finally:
        stop_hub(hub_cohort.prefix)
        # the hub and the proxy it started are gone (also from a failed run)
        for pid in (state.pid, proxy):
            assert not Path(f"/proc/{pid}").exists(), f"process {pid} left running"


class HubClient:
    """A participant's (or trainer's) browser session with the hub, over plain HTTP."""

    def __init__(self, url: str):
        import requests

        self.url = url.rstrip("/")
        self.session = requests.Session()

    def login(self, username: str, token: str):
        """POST the login form; returns the final response (after redirects)."""
        page = self.session.get(f"{self.url}/hub/login", timeout=30)
        page.raise_for_status()
        xsrf = self.session.cookies.get("_xsrf", "")
        return self.session.post(
            f"{self.url}/hub/login",
            data={"username": username, "password": token, "_xsrf": xsrf},
            allow_redirects=False,
            timeout=30,
        )

    def me(self):
        return self.session.get(f"{self.url}/hub/api/user", timeout=30)

    def start_server(self, username: str, timeout: float = 150) -> None:
        """Ask the hub to start the user's server and wait until JupyterLab answers."""
        xsrf = self.session.cookies.get("_xsrf", "")
        answer = self.session.post(
            f"{self.url}/hub/api/users/{username}/server",
            headers={"X-XSRFToken": xsrf},
            timeout=30,
        )
        assert answer.status_code in (201, 202, 400), answer.text  # 400: already running
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.session.get(f"{self.url}/hub/api/user", timeout=30).json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(1)
        raise AssertionError(f"the server of {username} did not start within {timeout:.0f} s")


def server_process(username: str) -> int:
    """The pid of ``username``'s jupyterhub-singleuser (found through /proc, as root)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        service = any(item.startswith(b"JUPYTERHUB_SERVICE_NAME=") for item in environ)
        mine = f"JUPYTERHUB_USER={username}".encode() in environ
        if b"jupyterhub-singleuser" in cmdline and mine and not service:  # not the formgrader
            return int(entry.name)
    raise AssertionError(f"no jupyterhub-singleuser process of {username}")


def process_environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def process_uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid line for process {pid}")


def run_as(username: str, *cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", username, "--", *cmd], capture_output=True, text=True, check=False
    )
