"""The parent's side of the execution workers: start them, hand out jobs, collect results.

Each worker is a ``python -m uprkit.grading.executor`` process (see that module) that runs
notebooks and never touches the gradebook. This module imports nothing but the standard library,
so the autograde parent starts its workers before it pays for nbgrader's import (~1.8 s): the
workers' own imports (nbclient, jupyter_client) overlap with it.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from uprkit.grading.caps import Caps

__all__ = [
    "CONFIG_SECTIONS",
    "GRADER_FAILURE",
    "JOBS_PER_WORKER",
    "RUNNING_PER_WORKER",
    "ExecutionJob",
    "ExecutionResult",
    "WorkerPool",
]

# Jobs a worker holds: their kernels boot as soon as they arrive (~0.55 s), and up to
# RUNNING_PER_WORKER of them execute at once (a stuck notebook does not hold the next ones).
JOBS_PER_WORKER = 3
RUNNING_PER_WORKER = 2

# Starts the problem of a job that failed through the grader's fault, not the submission's: the
# parent records it for a retry on the next run.
GRADER_FAILURE = "[grader failure]"

# The sections of the course's nbgrader config a worker receives: nbgrader reads the settings of
# Execute and of the classes it derives from (most specific wins).
CONFIG_SECTIONS = ("NotebookClient", "ExecutePreprocessor", "Execute")


@dataclass(frozen=True)
class ExecutionJob:
    """One notebook of one submission to execute."""

    key: tuple[str, str]  # (participant_id, notebook name)
    notebook_path: str  # sanitised notebook, hidden tests included (parent-written, never shown)
    output_path: str  # where the executed notebook is written (parent's, never shown)
    inputs: str  # the notebooks as submitted and the support files, copied into the kernel's /tmp
    hidden: tuple[str, ...]
    timeout: int | None
    notebook_timeout: float
    sandbox: bool = True
    max_output_bytes: int = 20 * 1024**2
    caps: Caps = field(default_factory=Caps)


@dataclass(frozen=True)
class ExecutionResult:
    key: tuple[str, str]
    ok: bool
    seconds: float
    problem: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    peak_memory: int | None = None  # the most the submission's process tree held (cgroups)


class _Worker:
    """One ``python -m uprkit.grading.executor`` process and the pipes to it.

    A plain subprocess, not multiprocessing: it never re-imports the caller's main script.
    """

    def __init__(self, config: dict):
        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uprkit.grading.executor", str(job_read), str(result_write)],
            pass_fds=(job_read, result_write),
            stdin=subprocess.DEVNULL,
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
        except Exception:  # a stuck worker is killed, never waited on forever
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
        results = []
        for conn in wait([w.results for w in self.workers], timeout=timeout):
            worker = next(w for w in self.workers if w.results is conn)
            try:
                result = worker.results.recv()
            except (EOFError, OSError):
                results += self._replace(worker)
                continue
            worker.assigned = [j for j in worker.assigned if j.key != result.key]
            results.append(result)
        self.pending -= len(results)
        self._feed()
        return results

    def _replace(self, worker: _Worker) -> list[ExecutionResult]:
        """A worker died: the jobs it may have been running are reported (and retried by the
        next run), the ones still waiting go back to the queue, and a new worker takes its place."""
        lost = worker.assigned[:RUNNING_PER_WORKER]
        self.queue[:0] = worker.assigned[RUNNING_PER_WORKER:]
        worker.assigned = []
        worker.stop()
        self.workers[self.workers.index(worker)] = _Worker(self.config)
        return [
            ExecutionResult(
                job.key, False, 0.0, f"{GRADER_FAILURE} the grading worker crashed while running it"
            )
            for job in lost
        ]

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
