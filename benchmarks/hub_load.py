"""Benchmark: a cohort fetching and submitting at once through nbgrader's exchange (issue 18).

``--participants`` (default 20) real Unix users run nbgrader's own ``fetch_assignment`` then
``submit`` of the tests' ``mini`` assignment, all started together (one thread and one process
per step each); the baseline, measured in the same run just before, is ONE participant alone
doing the same. Then the trainer's side collects through the kit (``uprkit hub collect``'s
function) and every collected notebook's SHA-256 is compared with what its participant
submitted: nothing may be lost or mixed up.

Prints p50/p95 of each step for the crowd, the lone participant's times, the ratios crowd
p50 / alone, the wall time of the crowd, and the collected count. Exits 1 when a step failed,
a submission was not collected or differs. Needs root (it makes the users; removed at the
end). The machine is shared: the 2 cores are the limit, each nbgrader process costs ~2-3 s
of CPU (its imports), so the crowd's times mostly measure that queue, not the exchange.

``--memory`` measures instead the memory of ONE participant's server as on the hub: JupyterLab
(``jupyter lab``, the server ``jupyterhub-singleuser`` wraps) started as a throwaway Unix user
with the hub's packages, one kernel running every code cell of lesson 03 (pandas and the kit's
data); it prints PSS (each shared page divided among the processes sharing it) and RSS of the
server and the kernel, read from /proc/PID/smaps_rollup.

Run:  sudo .venv/bin/python benchmarks/hub_load.py [--participants 20] [--base /opt] [--memory]
The last line is: hub load: N/N collected, checksums match: yes|no; fetch p50 X s (alone Y s,
Z×), submit p50 ...
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SOURCE = KIT / "tests" / "fixtures" / "course" / "source" / "mini"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--base", default="/opt", help="a folder every user can reach")
    parser.add_argument("--memory", action="store_true", help="one participant's server's memory")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("hub_load.py makes real Unix users: run it as root", file=sys.stderr)
        return 2
    os.environ["PATH"] = f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"
    if args.memory:
        return measure_memory(args.base)
    from uprkit.hub.exchange_load import percentile, run_load

    load_before = os.getloadavg()[0]
    alone, crowd = run_load(args.participants, SOURCE, base=args.base)
    for line in alone.failed + crowd.failed:
        print(f"FAILED {line}")
    n = crowd.participants
    print(
        f"participants at once: {n} (+1 alone first); cores: {os.cpu_count()}; "
        f"1-min load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    ratios = []
    for step, mine, solo in (
        ("fetch", crowd.fetch_s, alone.fetch_s),
        ("submit", crowd.submit_s, alone.submit_s),
    ):
        if not mine or not solo:
            continue
        p50, p95 = percentile(mine, 50), percentile(mine, 95)
        ratios.append(f"{step} p50 {p50:.2f} s (alone {solo[0]:.2f} s, {p50 / solo[0]:.1f}×)")
        print(
            f"{step:7s} crowd p50 {p50:6.2f} s  p95 {p95:6.2f} s  max {max(mine):6.2f} s  "
            f"(n={len(mine)}) | alone {solo[0]:5.2f} s | p50/alone {p50 / solo[0]:4.1f}×"
        )
    print(f"crowd wall time {crowd.wall_s:.1f} s (alone {alone.wall_s:.1f} s)")
    lost = (n - crowd.collected) + (1 - alone.collected)
    match = not crowd.mismatched and not alone.mismatched
    if not match:
        print(f"mismatched or missing: {', '.join(crowd.mismatched + alone.mismatched)}")
    print(
        f"hub load: {crowd.collected}/{n} collected, checksums match: {'yes' if match else 'no'}; "
        + "; ".join(ratios)
    )
    return 0 if not lost and match and not (alone.failed or crowd.failed) else 1


def _memory_of(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of one process in MiB."""
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("Pss", "Rss"):
                values[key] = int(rest.split()[0]) / 1024
    return values.get("Pss", 0.0), values.get("Rss", 0.0)


def _processes_of(uid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    found.append(int(entry))
            except FileNotFoundError:
                continue
    return found


def _lesson_cells() -> list[str]:
    import nbformat

    nb = nbformat.read(KIT / "course" / "03-reading-upr-data.ipynb", as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def measure_memory(base: str) -> int:
    """Start one participant's JupyterLab, run lesson 03 in a kernel, print its memory."""
    import json
    import pwd
    import secrets
    import socket
    import subprocess
    import tempfile
    import time
    import urllib.request

    from jupyter_client import BlockingKernelClient

    from uprkit.hub.exchange_users import shared_python, temporary_users

    user = f"mem{secrets.token_hex(3)}"
    work = Path(tempfile.mkdtemp(prefix="uprkit-mem-", dir=base))
    os.chmod(work, 0o755)
    with temporary_users([user]), socket.socket() as sock:
        python = shared_python(work / "env")
        sock.bind(("127.0.0.1", 0))
        port, token = sock.getsockname()[1], secrets.token_hex(16)
        sock.close()
        home = pwd.getpwnam(user).pw_dir
        env = [f"HOME={home}", f"USER={user}", "PATH=/usr/bin:/bin", "LANG=C.UTF-8"]
        server = subprocess.Popen(
            ["runuser", "-u", user, "--", "env", "-i", *env, f"{python.parent}/jupyter-lab",
             "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
             f"--IdentityProvider.token={token}"],
            cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}/api"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{url}/status?token={token}", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            idle = sum(_memory_of(p)[0] for p in _processes_of(pwd.getpwnam(user).pw_uid))
            request = urllib.request.Request(f"{url}/kernels?token={token}", data=b"{}")
            kernel = json.load(urllib.request.urlopen(request, timeout=60))["id"]
            client = BlockingKernelClient(
                connection_file=f"{home}/.local/share/jupyter/runtime/kernel-{kernel}.json"
            )
            client.load_connection_file()
            client.start_channels()
            client.wait_for_ready(timeout=120)
            errors = 0
            for source in _lesson_cells():
                reply = client.execute_interactive(source, timeout=300, output_hook=lambda m: None)
                errors += reply["content"]["status"] != "ok"
            client.stop_channels()
            time.sleep(1)
            rows = []
            for pid in _processes_of(pwd.getpwnam(user).pw_uid):
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    name = handle.read().replace(b"\0", b" ").decode()[:60]
                rows.append((name, *_memory_of(pid)))
        finally:
            server.terminate()
            server.wait(timeout=30)
            import shutil

            shutil.rmtree(work, ignore_errors=True)
    for name, pss, rss in rows:
        print(f"{pss:7.1f} MiB PSS {rss:7.1f} MiB RSS  {name}")
    total = sum(r[1] for r in rows)
    print(f"server alone before any kernel: {idle:.1f} MiB PSS")
    print(f"one participant (server + lesson 03 kernel, {errors} cell(s) raised): "
          f"{total:.1f} MiB PSS, {sum(r[2] for r in rows):.1f} MiB RSS")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
