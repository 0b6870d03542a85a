"""Long-lived execution workers: one per core, each runs nbgrader's own Execute step.

A worker imports nbformat/nbclient once, starts the kernel of its next notebook while the
current one runs (a kernel needs ~0.5 s to boot), executes with nbgrader's ``Execute``
preprocessor configured from the course's nbgrader_config.py (so outputs, and therefore
scores, are what ``nbgrader autograde`` would get), and enforces a per-notebook time limit on
top of nbgrader's per-cell timeout. The worker never touches the gradebook: the parent records.
"""

from __future__ import annotations

import collections
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ExecutionJob:
    """One notebook of one submission to execute."""

    key: tuple[str, str]  # (participant_id, notebook name)
    notebook_path: str  # sanitised notebook (parent-written)
    output_path: str  # where the executed notebook is written
    cwd: str  # the submission's working copy (autograded/<id>/<assignment>/)
    course_dir: str
    hidden: tuple[str, ...]
    timeout: int | None
    notebook_timeout: float
    sandbox: bool = True
    max_output_bytes: int = 20 * 1024**2


@dataclass(frozen=True)
class ExecutionResult:
    key: tuple[str, str]
    ok: bool
    seconds: float
    problem: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


class _Started:
    """A job whose kernel has been launched (booting while another notebook runs)."""

    def __init__(self, job: ExecutionJob, runtime_dir: Path):
        from jupyter_core.utils import run_sync

        from uprkit.sandbox import Limits, SandboxedKernelManager, sandbox_prefix

        self.job = job
        self.socket_dir = Path(tempfile.mkdtemp(prefix="k", dir=runtime_dir))
        limits = Limits(cpu_seconds=int(job.notebook_timeout) + 30)
        prefix = sandbox_prefix(writable=[Path(job.cwd), self.socket_dir],
                                hidden=[Path(h) for h in job.hidden], limits=limits,
                                sandbox=job.sandbox)
        self.km = SandboxedKernelManager(
            kernel_name=_kernel_name(job.notebook_path), transport="ipc",
            ip=str(self.socket_dir / "s"), prefix=prefix,
        )
        self.km.connection_file = str(self.socket_dir / "kernel.json")
        env = dict(os.environ, NBGRADER_EXECUTION="autograde", OPENBLAS_NUM_THREADS="1")
        env.pop("JPY_PARENT_PID", None)
        self.log = open(self.socket_dir / "kernel.log", "wb")  # noqa: SIM115
        self.started_at = time.monotonic()
        run_sync(self.km.start_kernel)(
            extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=job.cwd, env=env,
            stdout=self.log, stderr=self.log,
        )

    def kill(self) -> None:
        process = getattr(self.km.provisioner, "process", None) if self.km.provisioner else None
        if process is not None and process.poll() is None:
            try:
                os.kill(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def close(self) -> None:
        from jupyter_core.utils import run_sync

        self.kill()
        try:
            if self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - the kernel is dead either way
            pass
        self.log.close()
        shutil.rmtree(self.socket_dir, ignore_errors=True)


def _kernel_name(notebook_path: str) -> str:
    import json

    with open(notebook_path, encoding="utf-8") as fh:
        meta = json.load(fh).get("metadata", {})
    return meta.get("kernelspec", {}).get("name") or "python3"


def _make_executor_class():
    from nbgrader.preprocessors import Execute

    class CappedExecute(Execute):
        """nbgrader's Execute, with a cap on the bytes of output kept in memory."""

        max_output_bytes = 20 * 1024**2
        output_bytes = 0
        truncated = False

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] == "stream":
                size = len(msg["content"].get("text", ""))
                self.output_bytes += size
                if self.output_bytes > self.max_output_bytes:
                    self.truncated = True
                    name = msg["content"].get("name")
                    if any(o.get("output_type") == "stream" and o.get("name") == name for o in outs):
                        return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedExecute


def run_one(started: _Started, executor_cls, config) -> ExecutionResult:
    """Execute one notebook with nbgrader's Execute (exporter pass identical to nbgrader's)."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbconvert.exporters import NotebookExporter
    from traitlets.config import Config

    job = started.job
    t0 = time.monotonic()
    cfg = Config(config)
    cfg.Exporter.default_preprocessors = []
    if job.timeout is not None:
        cfg.Execute.timeout = job.timeout
    exporter = NotebookExporter(config=cfg)
    exporter.register_preprocessor(executor_cls)
    pre = exporter._preprocessors[-1]
    pre.max_output_bytes = job.max_output_bytes
    timed_out = threading.Event()

    def on_deadline():
        timed_out.set()
        started.kill()

    timer = threading.Timer(job.notebook_timeout, on_deadline)
    timer.daemon = True
    timer.start()
    notes: list[str] = []
    try:
        resources = {"metadata": {"path": job.cwd}}
        output, _ = _export(exporter, job.notebook_path, resources, started.km)
        Path(job.output_path).write_text(output, encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 - every failure becomes a flag, never a crash
        seconds = time.monotonic() - t0
        if timed_out.is_set():
            problem = (f"stopped after {job.notebook_timeout:g} s: the whole notebook took longer "
                       f"than the per-notebook limit (cells time out after "
                       f"{job.timeout or 'the configured'} s each)")
        elif isinstance(exc, CellTimeoutError):
            problem = (f"a cell ran past the cell timeout ({job.timeout or 'configured'} s) and "
                       "the kernel stayed busy after the interrupt (an endless loop?)")
        elif isinstance(exc, DeadKernelError) or "died" in str(exc).lower():
            problem = ("the kernel died while running it (the code exited Python, was killed, or "
                       "ran out of memory/CPU time)")
        else:
            problem = f"execution failed: {type(exc).__name__}: {str(exc)[:300]}"
        return ExecutionResult(job.key, False, seconds, problem)
    finally:
        timer.cancel()
    if pre.truncated:
        notes.append(f"output over {job.max_output_bytes // 1024**2} MB was truncated")
    return ExecutionResult(job.key, True, time.monotonic() - t0, "", tuple(notes))


def _read(path):
    import nbformat

    return nbformat.read(path, as_version=4)


def _export(exporter, path, resources, km):
    # NotebookExporter.from_notebook_node has no km argument: run the preprocessor ourselves
    # the way the exporter would (deep copy, preprocess, writes).
    import copy

    import nbformat

    nb = copy.deepcopy(_read(path))
    resources = exporter._init_resources(resources)
    for pre in exporter._preprocessors:
        nb, resources = pre.preprocess(nb, resources, km=km)
    return nbformat.writes(nb), resources


def worker_main(inbox, outbox, course_config) -> None:
    """Worker loop: keep up to two jobs started (one running, one booting) until told to stop.

    ``inbox``/``outbox`` are multiprocessing connections (``recv``/``poll``/``send``).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    executor_cls = _make_executor_class()
    runtime_dir = Path(tempfile.mkdtemp(prefix="uprkit-w"))
    pending: collections.deque[_Started | None] = collections.deque()
    stop = False
    try:
        while True:
            if not pending:
                if stop:
                    break
                job = inbox.recv()
                if job is None:
                    break
                pending.append(_start_or_fail(job, runtime_dir, outbox))
            # take any job already waiting so its kernel boots while this one runs
            while not stop and len(pending) < 2 and inbox.poll(0.02):
                job = inbox.recv()
                if job is None:
                    stop = True
                    break
                pending.append(_start_or_fail(job, runtime_dir, outbox))
            current = pending.popleft()
            if current is None:
                continue
            try:
                result = run_one(current, executor_cls, course_config)
            except Exception:  # noqa: BLE001
                result = ExecutionResult(current.job.key, False, 0.0,
                                         "grader error: " + traceback.format_exc(limit=3)[-500:])
            finally:
                current.close()
            outbox.send(result)
    finally:
        for started in pending:
            if started is not None:
                started.close()
        shutil.rmtree(runtime_dir, ignore_errors=True)


def main() -> None:
    """Entry point of ``python -m uprkit.executor READ_FD WRITE_FD`` (spawned by uprkit.grading).

    A plain subprocess, not multiprocessing: it never re-imports the caller's main script.
    """
    import pickle
    import sys
    from multiprocessing.connection import Connection

    inbox = Connection(int(sys.argv[1]), writable=False)
    outbox = Connection(int(sys.argv[2]), readable=False)
    course_config = pickle.loads(inbox.recv_bytes())
    worker_main(inbox, outbox, course_config)


def _start_or_fail(job, runtime_dir, outbox):
    try:
        return _Started(job, runtime_dir)
    except Exception as exc:  # noqa: BLE001
        outbox.send(ExecutionResult(job.key, False, 0.0,
                                   f"could not start a kernel: {type(exc).__name__}: {exc}"))
        return None


if __name__ == "__main__":
    # run the imported module's main so pickled results name uprkit.executor, not __main__
    from uprkit.executor import main as _main

    _main()
