"""``uprkit hub start / stop / status``: the hub as a background process run by root.

JupyterHub starts configurable-http-proxy and stops it (and the participants' servers) when it
gets SIGTERM; ``stop`` also ends a proxy left behind by a hub that was killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from uprkit.errors import UprkitError
from uprkit.hub.config import write_config
from uprkit.hub.install import HubLayout

__all__ = ["HubStatus", "HubServiceError", "start_hub", "status", "stop_hub"]


# the hubs this process started: kept so that stop_hub reaps them (a Popen dropped while its
# process runs is reported as a leak)
_STARTED: dict[int, subprocess.Popen] = {}


class HubServiceError(UprkitError):
    """The hub could not be started or stopped (says why, with the end of its log)."""


@dataclass
class HubStatus:
    running: bool
    pid: int | None
    url: str | None
    healthy: bool


def _pid(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def _url_file(layout: HubLayout) -> Path:
    return layout.state / "url"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/hub/health", timeout=3) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _log_tail(layout: HubLayout, lines: int = 25) -> str:
    try:
        return "\n".join(layout.logfile.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_hub(
    prefix: Path, ip: str = "127.0.0.1", port: int = 8000, *, timeout: float = 90
) -> HubStatus:
    """Write the config, start JupyterHub in the background, wait until it answers."""
    layout = HubLayout(prefix)
    if os.geteuid() != 0:
        raise HubServiceError("the hub runs as root (it starts servers as participants' users)")
    if not layout.python.exists() or not layout.proxy.exists():
        raise HubServiceError(f"no hub installed under {layout.prefix}: run `uprkit hub install`")
    if _pid(layout.pidfile):
        raise HubServiceError(
            f"the hub under {layout.prefix} is already running: `uprkit hub status`"
        )
    write_config(layout.prefix, ip, port)
    url = f"http://{'127.0.0.1' if ip in ('', '0.0.0.0') else ip}:{port}"
    env = {
        "PATH": f"{layout.env / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(layout.state),
    }
    fd = os.open(layout.logfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab") as log:
        process = subprocess.Popen(
            [str(layout.env / "bin" / "jupyterhub"), "-f", str(layout.config)],
            cwd=layout.state,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _STARTED[process.pid] = process
    layout.pidfile.write_text(f"{process.pid}\n")
    _url_file(layout).write_text(url + "\n")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _STARTED.pop(process.pid, None)
            layout.pidfile.unlink(missing_ok=True)
            raise HubServiceError(f"the hub stopped at start; its log says:\n{_log_tail(layout)}")
        if _healthy(url):
            return HubStatus(True, process.pid, url, True)
        time.sleep(0.5)
    stop_hub(layout.prefix)
    raise HubServiceError(f"the hub did not answer within {timeout:.0f} s:\n{_log_tail(layout)}")


def _end(pid: int, wait: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        try:  # our own child (started in this process): reap it
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop_hub(prefix: Path, *, wait: float = 30) -> bool:
    """Stop the hub (and with it the proxy and the participants' servers); False if not running."""
    layout = HubLayout(prefix)
    pid = _pid(layout.pidfile)
    if pid is not None:
        _end(pid, wait)
        child = _STARTED.pop(pid, None)
        if child is not None:
            child.wait(timeout=wait)
    proxy = _pid(layout.state / "proxy.pid")
    if proxy is not None:
        _end(proxy, 5)
    layout.pidfile.unlink(missing_ok=True)
    (layout.state / "proxy.pid").unlink(missing_ok=True)
    return pid is not None


def status(prefix: Path) -> HubStatus:
    """Whether the hub under ``prefix`` runs, and answers on its URL."""
    layout = HubLayout(prefix)
    pid = _pid(layout.pidfile)
    url = _url_file(layout).read_text().strip() if _url_file(layout).exists() else None
    return HubStatus(pid is not None, pid, url, bool(pid and url and _healthy(url)))
