"""An execution worker: ``python -m uprkit.grading.executor READ_FD WRITE_FD``.

Started by :class:`uprkit.grading.workers.WorkerPool`, one per core. A worker imports
nbformat/nbclient once, starts the kernels of its next notebooks while the current one runs (a
kernel needs ~0.55 s to boot), executes each notebook the way nbgrader's ``Execute``
preprocessor does, configured from the course's nbgrader_config.py (so outputs, and therefore
scores, are what ``nbgrader autograde`` would get), and enforces a per-notebook time limit on top
of nbgrader's per-cell timeout. Workers never touch the gradebook.

Only the worker process imports this module (and the tests): the autograde parent talks to it
through ``uprkit.grading.workers``, which imports none of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from multiprocessing.connection import Connection
from pathlib import Path

import nbformat
from jupyter_core.utils import ensure_async
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode

from uprkit.grading.caps import CapGroup
from uprkit.grading.sandbox import (
    WORK_DIR,
    Limits,
    SandboxedKernelManager,
    UnsandboxedWarning,
    kernel_environment,
    sandbox_prefix,
)
from uprkit.grading.workers import (
    CONFIG_SECTIONS,
    GRADER_FAILURE,
    RUNNING_PER_WORKER,
    ExecutionJob,
    ExecutionResult,
)

__all__ = [
    "CONFIG_SECTIONS",
    "NBGRADER_EXECUTE_DEFAULTS",
    "GraderExecute",
    "client_settings",
    "main",
    "make_client_class",
    "run_one",
    "worker_main",
]


class _Started:
    """A job whose kernel is launched as soon as the job arrives (it boots while others run)."""

    def __init__(self, job: ExecutionJob, runtime_dir: Path):
        self.job = job
        # RAM-backed where the machine has /dev/shm: what the kernel writes here counts
        # against its memory cap
        self.socket_dir = Path(tempfile.mkdtemp(prefix="k", dir=runtime_dir))
        caps = job.caps
        limits = Limits(
            cpu_seconds=int(job.notebook_timeout) + 30,
            tmp_bytes=caps.tmp_bytes,
            shm_bytes=caps.shm_bytes,
        )
        self.group = CapGroup(caps)
        if job.sandbox:
            self.cwd = str(self.socket_dir)  # bwrap then changes to WORK_DIR inside
            prefix = sandbox_prefix(
                writable=[self.socket_dir],
                hidden=[Path(h) for h in job.hidden],
                limits=limits,
                inputs=Path(job.inputs),
                env=kernel_environment(),
            )
        else:  # the loud fallback: a copy of the inputs in the worker's own folder
            self.cwd = str(self.socket_dir / "work")
            shutil.copytree(job.inputs, self.cwd, symlinks=True)
            prefix = sandbox_prefix(writable=[], hidden=[], limits=limits, sandbox=False)
        self.km = SandboxedKernelManager(
            kernel_name=_kernel_name(job.notebook_path),
            transport="ipc",
            ip=str(self.socket_dir / "s"),
            prefix=self.group.prefix() + prefix,
        )
        self.km.connection_file = str(self.socket_dir / "kernel.json")
        # Interrupt through the control channel: a SIGINT to bwrap would not reach the kernel
        # (and would end the sandbox); ipykernel interrupts itself on an interrupt_request.
        self.km.kernel_spec.interrupt_mode = "message"
        self.log = open(self.socket_dir / "kernel.log", "wb")  # closed in close()

    async def start(self) -> None:
        # By allow-list: inside bubblewrap --clearenv applies it again, so nothing of the
        # trainer's environment (tokens, keys) reaches a participant's code either way.
        env = kernel_environment(sandboxed=self.job.sandbox)
        await self.km.start_kernel(
            extra_arguments=["--HistoryManager.hist_file=:memory:"],
            cwd=self.cwd,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )

    def kill(self) -> None:
        process = getattr(self.km.provisioner, "process", None) if self.km.provisioner else None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)

    async def close(self) -> None:
        self.kill()
        self.group.kill_all()  # whatever the kernel forked dies with it
        process = getattr(self.km.provisioner, "process", None) if self.km.provisioner else None
        if process is not None:
            # reap it now, so jupyter_client's shutdown finds it dead and skips its 0.1 s polls
            with contextlib.suppress(Exception):
                process.wait(timeout=5)
        with contextlib.suppress(Exception):  # the kernel is dead either way
            if self.km.has_kernel:
                await self.km.shutdown_kernel(now=True)
        self.log.close()
        shutil.rmtree(self.socket_dir, ignore_errors=True)
        for _ in range(250):  # its last processes exit within milliseconds; never block others
            if self.group.remove():
                break
            await asyncio.sleep(0.02)


def _kernel_name(notebook_path: str) -> str:
    with open(notebook_path, encoding="utf-8") as fh:
        meta = json.load(fh).get("metadata", {})
    return meta.get("kernelspec", {}).get("name") or "python3"


# nbgrader's Execute preprocessor, rebuilt on nbclient alone: importing nbgrader costs a worker
# ~1.5 s (its package imports its server extensions), a third of a 20-person run. These are
# nbgrader 0.9's trait defaults and its on_cell_executed hook; tests/test_grading_executor.py
# fails if they drift from nbgrader.preprocessors.Execute.
NBGRADER_EXECUTE_DEFAULTS = {
    "timeout": 30,
    "interrupt_on_timeout": True,
    "allow_errors": True,
    "raise_on_iopub_timeout": True,
    "error_on_timeout": {
        "ename": "CellTimeoutError",
        "evalue": "",
        "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
    },
    "extra_arguments": [],
}


class GraderExecute(NotebookClient):
    """nbgrader's Execute step (same defaults, same hook), with an output cap
    (``max_output_bytes``, set by run_one from the job)."""

    output_bytes = 0
    truncated = False

    def on_cell_executed(self, **kwargs):  # nbgrader.preprocessors.Execute.on_cell_executed
        cell = kwargs["cell"]
        reply = kwargs["execute_reply"]
        if reply["content"]["status"] == "error":
            error_recorded = False
            for output in cell.outputs:
                if output.output_type == "error" and output.ename == reply["content"]["ename"]:
                    error_recorded = True
            if not error_recorded:
                error_output = NotebookNode(output_type="error")
                error_output.ename = reply["content"]["ename"]
                error_output.evalue = reply["content"]["evalue"]
                error_output.traceback = reply["content"]["traceback"]
                if error_output.traceback == []:
                    error_output.traceback = [
                        "ERROR: An error occurred while showtraceback was disabled"
                    ]
                cell.outputs.append(error_output)

    def output(self, outs, msg, display_id, cell_index):
        content = msg["content"]
        if msg["msg_type"] == "stream":
            self.output_bytes += len(content.get("text", ""))
            if self.output_bytes > self.max_output_bytes:
                self.truncated = True
                name = content.get("name")
                if any(o.get("output_type") == "stream" and o.get("name") == name for o in outs):
                    return None
        elif msg["msg_type"] in ("display_data", "execute_result", "update_display_data"):
            # images, HTML, reprs: counted too, so no kernel can fill the grader's memory
            self.output_bytes += sum(len(str(v)) for v in content.get("data", {}).values())
            if self.output_bytes > self.max_output_bytes:
                self.truncated = True
                return None
        return super().output(outs, msg, display_id, cell_index)

    async def async_run(self):
        """nbconvert's ExecutePreprocessor.preprocess, step for step (awaitable)."""
        self.reset_execution_trackers()
        async with self.async_setup_kernel():
            msg_id = await ensure_async(self.kc.kernel_info())
            info_msg = await self.async_wait_for_reply(msg_id)
            self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                await self.async_execute_cell(cell, index, store_history=True)
        self.set_widgets_metadata()
        return self.nb


def make_client_class() -> type[GraderExecute]:
    """The notebook client class the workers execute with (nbgrader's Execute step)."""
    return GraderExecute


def client_settings(client_cls, config: dict, timeout: int | None) -> dict:
    """nbgrader's defaults, overridden by the course config, then by the run's timeout."""
    settings = dict(NBGRADER_EXECUTE_DEFAULTS)
    names = set(client_cls.class_trait_names())
    for section in CONFIG_SECTIONS:
        settings.update({k: v for k, v in config.get(section, {}).items() if k in names})
    if timeout is not None:
        settings["timeout"] = timeout
    return settings


async def run_one(started: _Started, client_cls, config) -> ExecutionResult:
    """Execute one notebook as nbgrader's Execute step would, in its sandboxed kernel."""
    job = started.job
    t0 = time.monotonic()
    timed_out = threading.Event()

    def on_deadline():
        timed_out.set()
        started.kill()

    timer = asyncio.get_running_loop().call_later(job.notebook_timeout, on_deadline)
    notes: list[str] = []
    try:
        nb = nbformat.read(job.notebook_path, as_version=4)  # fresh, held by nothing else
        client = client_cls(
            nb,
            km=started.km,
            resources={"metadata": {"path": WORK_DIR if job.sandbox else started.cwd}},
            **client_settings(client_cls, config, job.timeout),
        )
        client.max_output_bytes = job.max_output_bytes
        executed = await client.async_run()
        Path(job.output_path).write_text(nbformat.writes(executed), encoding="utf-8")
    except Exception as exc:  # every failure becomes a flag, never a crash
        problem = _problem(job, exc, timed_out.is_set())
        peak = started.group.peak_memory()
        return ExecutionResult(job.key, False, time.monotonic() - t0, problem, (), peak)
    finally:
        timer.cancel()
    if client.truncated:
        notes.append(f"output over {job.max_output_bytes // 1024**2} MB was truncated")
    for number, cell in enumerate(executed.cells, start=1):
        if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
            notes.append(f"cell {number} ran past the cell timeout and was interrupted")
    peak = started.group.peak_memory()
    return ExecutionResult(job.key, True, time.monotonic() - t0, "", tuple(notes), peak)


def _problem(job: ExecutionJob, exc: Exception, timed_out: bool) -> str:
    """Why a notebook could not be executed, in words a trainer can pass on."""
    if timed_out:
        return (
            f"stopped after {job.notebook_timeout:g} s: the whole notebook took longer "
            f"than the per-notebook limit (cells time out after "
            f"{job.timeout or 'the configured'} s each)"
        )
    if isinstance(exc, CellTimeoutError):
        return (
            f"a cell ran past the cell timeout ({job.timeout or 'configured'} s) and "
            "the kernel stayed busy after the interrupt (an endless loop?)"
        )
    if isinstance(exc, DeadKernelError) or "died" in str(exc).lower():
        return (
            "the kernel died while running it (the code exited Python, was killed, or "
            "ran out of memory/CPU time)"
        )
    return f"{GRADER_FAILURE} execution failed: {type(exc).__name__}: {str(exc)[:300]}"


def worker_main(inbox, outbox, course_config) -> None:
    """Serve jobs until told to stop: each job's kernel is launched when the job arrives; up to
    RUNNING_PER_WORKER notebooks execute at once, so one slow submission holds up nobody.

    ``inbox``/``outbox`` are multiprocessing connections (``recv``/``send``).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    asyncio.run(_serve(inbox, outbox, course_config))


async def _handle(job: ExecutionJob, runtime_dir: Path, slots, outbox, course_config) -> None:
    """Start one job's kernel, execute the notebook when a slot is free, send the result."""
    try:
        started = _Started(job, runtime_dir)
        await started.start()
    except Exception as exc:
        outbox.send(
            ExecutionResult(
                job.key,
                False,
                0.0,
                f"{GRADER_FAILURE} could not start a kernel: {type(exc).__name__}: {exc}",
            )
        )
        return
    try:
        async with slots:
            try:
                result = await run_one(started, GraderExecute, course_config)
            except Exception:
                result = ExecutionResult(
                    job.key,
                    False,
                    0.0,
                    f"{GRADER_FAILURE} grader error: " + traceback.format_exc(limit=3)[-500:],
                )
        outbox.send(result)  # the parent records it while this kernel is cleaned up
    finally:
        await started.close()


async def _serve(inbox, outbox, course_config) -> None:
    # Without bubblewrap, the parent has already warned its caller once for the whole run;
    # sandbox_prefix would warn again here, for every kernel, on the worker's stderr.
    warnings.simplefilter("ignore", UnsandboxedWarning)

    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(RUNNING_PER_WORKER)
    shm = Path("/dev/shm")
    place = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    runtime_dir = Path(tempfile.mkdtemp(prefix=f"uprkit-w{os.getpid()}-", dir=place))
    tasks: set[asyncio.Task] = set()
    try:
        while True:
            try:
                job = await loop.run_in_executor(None, inbox.recv)
            except (EOFError, OSError):
                break  # the parent is gone
            if job is None:
                break
            task = asyncio.create_task(_handle(job, runtime_dir, slots, outbox, course_config))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        shutil.rmtree(runtime_dir, ignore_errors=True)


def main() -> None:
    """Entry point of ``python -m uprkit.grading.executor READ_FD WRITE_FD``."""
    inbox = Connection(int(sys.argv[1]), writable=False)
    outbox = Connection(int(sys.argv[2]), readable=False)
    course_config = pickle.loads(inbox.recv_bytes())
    worker_main(inbox, outbox, course_config)


if __name__ == "__main__":
    main()
