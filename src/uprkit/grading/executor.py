"""Long-lived execution workers: one per core, each runs nbgrader's Execute step.

A worker imports nbformat/nbclient once, starts the kernels of its next notebooks while the
current one runs (a kernel needs ~0.55 s to boot), executes each notebook the way nbgrader's
``Execute`` preprocessor does, configured from the course's nbgrader_config.py (so outputs, and
therefore scores, are what ``nbgrader autograde`` would get), and enforces a per-notebook time
limit on top of nbgrader's per-cell timeout. Workers never touch the gradebook.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

# Jobs a worker holds: their kernels boot as soon as they arrive (~0.55 s), and up to
# RUNNING_PER_WORKER of them execute at once (a stuck notebook does not hold the next ones).
JOBS_PER_WORKER = 3
RUNNING_PER_WORKER = 2

# Starts the problem of a job that failed through the grader's fault, not the submission's: the
# parent records it for a retry on the next run.
GRADER_FAILURE = "[grader failure]"


@dataclass(frozen=True)
class ExecutionJob:
    """One notebook of one submission to execute."""

    key: tuple[str, str]  # (participant_id, notebook name)
    notebook_path: str  # sanitised notebook (parent-written)
    output_path: str  # where the executed notebook is written
    cwd: str  # the submission's working copy (autograded/<id>/<assignment>/)
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
    """A job whose kernel is launched as soon as the job arrives (it boots while others run)."""

    def __init__(self, job: ExecutionJob, runtime_dir: Path):
        from uprkit.grading.sandbox import Limits, SandboxedKernelManager, sandbox_prefix

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
        # Interrupt through the control channel: a SIGINT to bwrap would not reach the kernel
        # (and would end the sandbox); ipykernel interrupts itself on an interrupt_request.
        self.km.kernel_spec.interrupt_mode = "message"
        self.log = open(self.socket_dir / "kernel.log", "wb")  # noqa: SIM115

    async def start(self) -> None:
        env = dict(os.environ, NBGRADER_EXECUTION="autograde", OPENBLAS_NUM_THREADS="1")
        env.pop("JPY_PARENT_PID", None)
        await self.km.start_kernel(
            extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=self.job.cwd, env=env,
            stdout=self.log, stderr=self.log,
        )

    def kill(self) -> None:
        process = getattr(self.km.provisioner, "process", None) if self.km.provisioner else None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)

    async def close(self) -> None:
        self.kill()
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


def _kernel_name(notebook_path: str) -> str:
    import json

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
# nbgrader reads the settings of Execute and of the classes it derives from (most specific wins)
CONFIG_SECTIONS = ("NotebookClient", "ExecutePreprocessor", "Execute")


def make_client_class():
    from nbclient import NotebookClient
    from nbformat.notebooknode import NotebookNode

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
                        error_output.traceback = ["ERROR: An error occurred while"
                                                  " showtraceback was disabled"]
                    cell.outputs.append(error_output)

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] == "stream":
                self.output_bytes += len(msg["content"].get("text", ""))
                if self.output_bytes > self.max_output_bytes:
                    self.truncated = True
                    name = msg["content"].get("name")
                    if any(o.get("output_type") == "stream" and o.get("name") == name
                           for o in outs):
                        return None
            return super().output(outs, msg, display_id, cell_index)

        async def async_run(self):
            """nbconvert's ExecutePreprocessor.preprocess, step for step (awaitable)."""
            from jupyter_core.utils import ensure_async

            self.reset_execution_trackers()
            async with self.async_setup_kernel():
                msg_id = await ensure_async(self.kc.kernel_info())
                info_msg = await self.async_wait_for_reply(msg_id)
                self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                for index, cell in enumerate(self.nb.cells):
                    await self.async_execute_cell(cell, index, store_history=True)
            self.set_widgets_metadata()
            return self.nb

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
    import asyncio

    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

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
        client = client_cls(nb, km=started.km, resources={"metadata": {"path": job.cwd}},
                            **client_settings(client_cls, config, job.timeout))
        client.max_output_bytes = job.max_output_bytes
        executed = await client.async_run()
        Path(job.output_path).write_text(nbformat.writes(executed), encoding="utf-8")
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
            problem = (f"{GRADER_FAILURE} execution failed: {type(exc).__name__}: "
                       f"{str(exc)[:300]}")
        return ExecutionResult(job.key, False, seconds, problem)
    finally:
        timer.cancel()
    if client.truncated:
        notes.append(f"output over {job.max_output_bytes // 1024**2} MB was truncated")
    for number, cell in enumerate(executed.cells, start=1):
        if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
            notes.append(f"cell {number} ran past the cell timeout and was interrupted")
    return ExecutionResult(job.key, True, time.monotonic() - t0, "", tuple(notes))


def worker_main(inbox, outbox, course_config) -> None:
    """Serve jobs until told to stop: each job's kernel is launched when the job arrives; up to
    RUNNING_PER_WORKER notebooks execute at once, so one slow submission holds up nobody.

    ``inbox``/``outbox`` are multiprocessing connections (``recv``/``send``).
    """
    import asyncio

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    asyncio.run(_serve(inbox, outbox, course_config))


async def _serve(inbox, outbox, course_config) -> None:
    import asyncio

    # Import everything now: the parent is still importing nbgrader and preparing the first
    # submissions, so this costs no waiting.
    client_cls = make_client_class()
    import nbformat  # noqa: F401

    from uprkit.grading import sandbox

    # Without bubblewrap, the parent has already warned its caller once for the whole run;
    # sandbox_prefix would warn again here, for every kernel, on the worker's stderr.
    warnings.simplefilter("ignore", sandbox.UnsandboxedWarning)

    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(RUNNING_PER_WORKER)
    runtime_dir = Path(tempfile.mkdtemp(prefix="uprkit-w"))
    tasks: set[asyncio.Task] = set()

    async def handle(job: ExecutionJob) -> None:
        try:
            started = _Started(job, runtime_dir)
            await started.start()
        except Exception as exc:  # noqa: BLE001
            outbox.send(ExecutionResult(job.key, False, 0.0, f"{GRADER_FAILURE} could not start "
                                        f"a kernel: {type(exc).__name__}: {exc}"))
            return
        try:
            async with slots:
                try:
                    result = await run_one(started, client_cls, course_config)
                except Exception:  # noqa: BLE001
                    result = ExecutionResult(job.key, False, 0.0, f"{GRADER_FAILURE} grader "
                                             "error: " + traceback.format_exc(limit=3)[-500:])
            outbox.send(result)  # the parent records it while this kernel is cleaned up
        finally:
            await started.close()

    try:
        while True:
            try:
                job = await loop.run_in_executor(None, inbox.recv)
            except (EOFError, OSError):
                break  # the parent is gone
            if job is None:
                break
            task = asyncio.create_task(handle(job))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        shutil.rmtree(runtime_dir, ignore_errors=True)


class _Worker:
    """One ``python -m uprkit.grading.executor`` process and the pipes to it."""

    def __init__(self, config: dict):
        import pickle
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uprkit.grading.executor", str(job_read), str(result_write)],
            pass_fds=(job_read, result_write), stdin=subprocess.DEVNULL,
        )
        os.close(job_read)
        os.close(result_write)
        self.jobs = Connection(job_write, readable=False)
        self.results = Connection(result_read, writable=False)
        self.jobs.send_bytes(pickle.dumps(config))
        self.assigned: list[ExecutionJob] = []

    def send(self, job: ExecutionJob) -> None:
        self.assigned.append(job)
        self.jobs.send(job)

    def stop(self) -> None:
        try:
            self.jobs.send(None)
        except OSError:
            pass
        try:
            self.process.wait(timeout=15)
        except Exception:  # noqa: BLE001 - a stuck worker is killed, never waited on forever
            self.process.kill()
            self.process.wait()
        self.jobs.close()
        self.results.close()


class WorkerPool:
    """Long-lived workers, each holding at most JOBS_PER_WORKER jobs (one running, others booting).

    A worker that dies takes only the jobs it was running down (reported as grader failures,
    retried by the next run); the jobs it held next go back to the queue for a new worker.
    """

    def __init__(self, workers: int | None, config: dict):
        self.config = config
        self.queue: list[ExecutionJob] = []
        self.pending = 0
        count = max(1, workers or os.cpu_count() or 1)
        self.workers = [_Worker(config) for _ in range(count)]

    def submit(self, job: ExecutionJob) -> None:
        self.queue.append(job)
        self.pending += 1
        self._feed()

    def _feed(self) -> None:
        for worker in self.workers:
            while self.queue and len(worker.assigned) < JOBS_PER_WORKER:
                worker.send(self.queue.pop(0))

    def poll(self, timeout: float) -> list[ExecutionResult]:
        from multiprocessing.connection import wait

        results = []
        for conn in wait([w.results for w in self.workers], timeout=timeout):
            worker = next(w for w in self.workers if w.results is conn)
            try:
                result = worker.results.recv()
            except (EOFError, OSError):
                # the worker died: the jobs it may have been running are reported (and retried
                # by the next run), the ones still waiting go back to the queue
                lost = worker.assigned[:RUNNING_PER_WORKER]
                self.queue[:0] = worker.assigned[RUNNING_PER_WORKER:]
                worker.assigned = []
                worker.stop()
                self.workers[self.workers.index(worker)] = _Worker(self.config)
                results += [ExecutionResult(
                    job.key, False, 0.0,
                    f"{GRADER_FAILURE} the grading worker crashed while running it")
                    for job in lost]
                continue
            worker.assigned = [j for j in worker.assigned if j.key != result.key]
            results.append(result)
        self.pending -= len(results)
        self._feed()
        return results

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()


def main() -> None:
    """Entry point of ``python -m uprkit.grading.executor READ_FD WRITE_FD`` (spawned by uprkit.grading.autograde).

    A plain subprocess, not multiprocessing: it never re-imports the caller's main script.
    """
    import pickle
    import sys
    from multiprocessing.connection import Connection

    inbox = Connection(int(sys.argv[1]), writable=False)
    outbox = Connection(int(sys.argv[2]), readable=False)
    course_config = pickle.loads(inbox.recv_bytes())
    worker_main(inbox, outbox, course_config)


if __name__ == "__main__":
    # run the imported module's main so pickled results name uprkit.grading.executor, not __main__
    from uprkit.grading.executor import main as _main

    _main()
