"""A cohort fetching and submitting at once through the exchange: is anything lost, how long.

Real Unix users (:mod:`uprkit.hub.exchange_users`) run nbgrader's own ``fetch_assignment`` and
``submit``, each participant in a thread of its own, all released together; each answers with
a text of its own, so every submission has its own checksum. The trainer's side then collects
through :func:`uprkit.hub.grading.collect_from_exchange` (in this process, as root) and every
participant's collected notebook is compared with what they submitted. ``benchmarks/hub_load.py``
prints the times; ``tests/hub/test_hub_exchange_load.py`` checks nothing is lost.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from uprkit.hub.exchange import add_participant, make_exchange, participant_config, write_config
from uprkit.hub.exchange_users import run_as, shared_python, temporary_users
from uprkit.hub.grading import collect_from_exchange, release_to_exchange

__all__ = ["LoadResult", "percentile", "run_load"]


@dataclass
class LoadResult:
    """Seconds per fetch and per submit (one process each), what was lost, and the wall time."""

    participants: int
    fetch_s: list[float] = field(default_factory=list)
    submit_s: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    failed: list[str] = field(default_factory=list)  # "<user>: <step> failed: <why>"
    collected: int = 0
    mismatched: list[str] = field(default_factory=list)  # participant ids whose bytes differ


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linear between ranks.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([1.0, 2.0, 3.0, 4.0], 95)
    (2.5, 3.85)
    """
    if len(values) == 1:
        return values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return round(cuts[int(q) - 1], 10)


def _answer(path: Path, text: str) -> None:
    """Write ``text`` into the notebook's first written-answer cell (a solution cell)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("solution"):
            cell.source = text
            break
    nbformat.write(nb, path)


def _participant(user, python, course, assignment, start, result, sent, lock) -> None:
    start.wait()
    steps = (("fetch_assignment", result.fetch_s), ("submit", result.submit_s))
    for number, (step, times) in enumerate(steps):
        if number == 1:
            mine = Path(f"/home/{user}/{course}/{assignment}/{assignment}.ipynb")
            _answer(mine, f"Answer by {user}: {secrets.token_hex(8)}")
            shutil.chown(mine, user)
            digest = hashlib.sha256(mine.read_bytes()).hexdigest()
        began = time.perf_counter()
        done = run_as(user, [f"{python.parent}/nbgrader", step, assignment, "--course", course])
        seconds = time.perf_counter() - began
        with lock:
            if done.returncode != 0:
                result.failed.append(f"{user}: {step} failed: {done.stderr.strip()[-300:]}")
                return
            times.append(seconds)
    with lock:
        sent[user] = digest


def _crowd(users, python, course, assignment, result: LoadResult) -> dict[str, str]:
    start, lock, sent = threading.Barrier(len(users)), threading.Lock(), {}
    began = time.perf_counter()
    with ThreadPoolExecutor(len(users)) as pool:
        jobs = [
            pool.submit(_participant, u, python, course, assignment, start, result, sent, lock)
            for u in users
        ]
        for job in jobs:
            job.result()
    result.wall_s = time.perf_counter() - began
    return sent


def _workshop(base: Path, source: Path, pids: list[str]):
    from uprkit.workshop.prepare import init_workshop

    roster = base / "roster.csv"
    rows = [f"{pid},Participant {pid},undisclosed,Africa" for pid in pids]
    roster.write_text("participant_id,name,gender,region\n" + "\n".join(rows) + "\n")
    return init_workshop(base / "ws", roster, assignments=[source])


def run_load(
    participants: int, source: str | os.PathLike, *, base: str | os.PathLike = "/opt"
) -> tuple[LoadResult, LoadResult]:
    """(one participant alone, then ``participants`` at once) through a fresh exchange.

    ``source`` is an nbgrader source assignment folder; ``base`` a folder every user can
    reach, outside /tmp and /home when the grader's sandbox must run from the shared Python.
    Root only; the users, their homes and the exchange are removed at the end.
    """
    tag = secrets.token_hex(3)
    course, trainer = f"ld{tag}", f"ldtr{tag}"
    pids = [f"p{i:02d}" for i in range(participants + 1)]  # p00 runs alone first
    users = {f"{course}-{pid}": pid for pid in pids}
    work = Path(tempfile.mkdtemp(prefix="uprkit-load-", dir=base))
    os.chmod(work, 0o755)
    try:
        with temporary_users([trainer, *users]):
            python = shared_python(work / "env")
            root = make_exchange(work / "exchange", courses={course: trainer})
            for user in users:
                add_participant(course, user)
                write_config(user, participant_config(root, course, hub=False))
            ws = _workshop(work, Path(source), pids)
            assignment = Path(source).name
            release_to_exchange(ws, assignment, course=course, exchange_root=root)
            alone, crowd = LoadResult(1), LoadResult(participants)
            first, *rest = list(users)
            sent = _crowd([first], python, course, assignment, alone)
            sent |= _crowd(rest, python, course, assignment, crowd)
            got = collect_from_exchange(ws, assignment, course=course, exchange_root=root)
            for result, group in ((alone, [first]), (crowd, rest)):
                ids = {users[u] for u in group}
                result.collected = len(ids & set(got.collected))
                for user in group:
                    path = ws.submitted_dir(users[user], assignment) / f"{assignment}.ipynb"
                    mine = sent.get(user)
                    theirs = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
                    if mine is None or mine != theirs:
                        result.mismatched.append(users[user])
            return alone, crowd
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.system(f"groupdel nbgrader-{course} 2>/dev/null")
