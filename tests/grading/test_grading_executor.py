"""uprkit's execution step keeps nbgrader's Execute settings and hook (it is rebuilt on nbclient
so that workers need not import nbgrader); these tests fail if nbgrader changes them."""

from __future__ import annotations

import copy

import pytest
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_code_cell, new_output

from fixtures.cohort import make_workshop
from uprkit.grading import autograde as grading
from uprkit.grading.executor import (
    CONFIG_SECTIONS,
    NBGRADER_EXECUTE_DEFAULTS,
    client_settings,
    make_client_class,
)
from uprkit.grading.sandbox import UnsandboxedWarning


def test_defaults_are_nbgraders():
    from nbgrader.preprocessors import Execute  # ~1.8 s; only the drift checks need nbgrader

    execute = Execute()
    for name, value in NBGRADER_EXECUTE_DEFAULTS.items():
        assert getattr(execute, name) == value, name
    ours = make_client_class()
    theirs_changed = {
        name
        for name, trait in Execute.class_traits(config=True).items()
        if name in ours.class_trait_names()
        and trait.default() != ours.class_traits()[name].default()
    }
    assert theirs_changed <= set(NBGRADER_EXECUTE_DEFAULTS), theirs_changed


def test_on_cell_executed_matches_nbgrader():
    from nbgrader.preprocessors import Execute  # ~1.8 s; only the drift checks need nbgrader

    ours = make_client_class()(NotebookNode(cells=[], metadata={}))
    theirs = Execute()
    timeout_reply = {
        "content": {"status": "error", "ename": "CellTimeoutError", "evalue": "", "traceback": []}
    }
    interrupted = new_code_cell("while True: pass")
    interrupted.outputs = [
        new_output("error", ename="KeyboardInterrupt", evalue="", traceback=["KeyboardInterrupt"])
    ]
    for cell, reply in (
        (interrupted, timeout_reply),
        (new_code_cell("1"), {"content": {"status": "ok"}}),
    ):
        a, b = copy.deepcopy(cell), copy.deepcopy(cell)
        ours.on_cell_executed(cell=a, cell_index=0, execute_reply=reply)
        theirs.on_cell_executed(cell=b, cell_index=0, execute_reply=reply)
        assert a == b


def test_course_config_and_timeout_override_the_defaults():
    cls = make_client_class()
    config = {
        "NotebookClient": {"timeout": 5, "allow_errors": False},
        "Execute": {"timeout": 60, "shutdown_kernel": "immediate", "not_a_trait": 1},
    }
    settings = client_settings(cls, config, None)
    assert settings["timeout"] == 60 and settings["allow_errors"] is False
    assert settings["shutdown_kernel"] == "immediate" and "not_a_trait" not in settings
    assert client_settings(cls, config, 7)["timeout"] == 7
    assert CONFIG_SECTIONS[-1] == "Execute", "the most specific section is applied last"


def test_autograde_starts_no_more_workers_than_submissions(tmp_path, monkeypatch):
    """A regrade of one person, or a run over few submissions, starts that many workers only."""

    ws = make_workshop(tmp_path / "ws", release=False)
    for pid in ("p01", "p02"):
        ws.submitted_dir(pid, "mini").mkdir(parents=True)
    started = []

    class Stop(Exception):
        pass

    def pool(workers, config):
        started.append(workers)
        raise Stop

    monkeypatch.setattr(grading, "WorkerPool", pool)
    for participants in (None, ["p01"], []):
        with pytest.raises(Stop), pytest.warns(UnsandboxedWarning):
            grading.autograde(ws, "mini", workers=4, sandbox=False, participants=participants)
    assert started == [2, 1, 1]
