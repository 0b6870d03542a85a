"""The parent-process halves of nbgrader's autograde converter, for one submission at a time.

``prepare_submission`` is nbgrader's ``init_assignment`` plus its sanitising pass (ClearOutput,
DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata) through the same
NotebookExporter, plus the checks nbgrader does not make. ``record_submission`` is the pass
after execution (IgnorePattern, ClearMetadata, LimitOutput, SaveAutoGrades, AssignLatePenalties,
CheckCellMetadata). They are nbgrader's own preprocessors, so the gradebook gets what
``nbgrader autograde`` would write.

Speed: nbgrader opens a new database engine for every notebook, so SQLAlchemy compiles every
query again, and jsonschema re-checks the metadata schema for every cell; ``shared_gradebook``
lends those preprocessors one open gradebook and one compiled validator for the whole run.

This module imports nbgrader (~1.8 s): ``uprkit.grading.autograde`` imports it only once its
execution workers have started.
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import nbgrader.nbgraderformat.common as nbgraderformat_common
import nbgrader.preprocessors.latesubmissions as nbgrader_latesubmissions
import nbgrader.preprocessors.overwritecells as nbgrader_overwritecells
import nbgrader.preprocessors.overwritekernelspec as nbgrader_overwritekernelspec
import nbgrader.preprocessors.saveautogrades as nbgrader_saveautogrades
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat.warnings import MissingIDFieldWarning
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from uprkit.grading.scratch import copy_regular_file, copy_regular_files, write_new_file
from uprkit.grading.tampering import release_cells, tamper_flags


@dataclass
class PreparedSubmission:
    participant_id: str
    timestamp: str | None
    notebooks: dict[str, str] = field(default_factory=dict)  # name -> sanitised path
    inputs: str = ""  # what the kernel gets: the notebooks as submitted and the support files
    resources: dict[str, dict] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    fatal: str = ""


@contextlib.contextmanager
def quiet_nbformat():
    """nbgrader's own steps make nbformat warn about cell ids (harmless; nbgrader does the same)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        yield


class _Borrowed:
    """Stands in for ``Gradebook(db_url)`` inside nbgrader's preprocessors: same open gradebook,
    never closed by them (the run closes it)."""

    def __init__(self, gradebook):
        self._gradebook = gradebook

    def __call__(self, *args, **kwargs):
        return self

    def __enter__(self):
        return self._gradebook

    def __exit__(self, *exc):
        return None

    def __getattr__(self, name):
        return getattr(self._gradebook, name)


class _CachedJsonschema:
    """``jsonschema.validate`` with the validator built once per schema (same errors)."""

    def __init__(self, module):
        self._module = module

    @functools.cache  # noqa: B019 - one instance per run, a handful of schemas
    def _validator(self, schema_json: str):
        schema = json.loads(schema_json)
        cls = self._module.validators.validator_for(schema)
        cls.check_schema(schema)
        return cls(schema)

    def validate(self, instance, schema, *args, **kwargs):
        validator = self._validator(json.dumps(schema, sort_keys=True))
        error = self._module.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error

    def __getattr__(self, name):
        return getattr(self._module, name)


@contextlib.contextmanager
def shared_gradebook(gradebook):
    """Within the block, nbgrader's preprocessors use ``gradebook`` and a cached validator."""
    borrowed = _Borrowed(gradebook)
    modules = (
        nbgrader_overwritecells,
        nbgrader_overwritekernelspec,
        nbgrader_saveautogrades,
        nbgrader_latesubmissions,
    )
    saved = [(m, "Gradebook", m.Gradebook) for m in modules]
    saved.append((nbgraderformat_common, "jsonschema", nbgraderformat_common.jsonschema))
    try:
        for module in modules:
            module.Gradebook = borrowed
        nbgraderformat_common.jsonschema = _CachedJsonschema(nbgraderformat_common.jsonschema)
        yield gradebook
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _parse(path: Path):
    """(notebook, None) or (None, the reason it cannot be read, with its line)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"{path.name} is not UTF-8 text (byte {exc.start})"
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (
            f"invalid JSON in {path.name} at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        )
    try:
        with quiet_nbformat():
            return nbformat.reads(text, as_version=4), None
    except Exception as exc:  # nbformat's own refusal, reported as such
        return None, f"{path.name} is not a notebook nbformat can read: {exc}"


def _copy_support_files(ws, coursedir, assignment, pid, dest: Path) -> list[str]:
    """nbgrader's support files (submitted, then the source's over them): regular files only."""
    skipped = []
    for root in (ws.submitted_dir(pid, assignment), ws.source_dir(assignment)):
        skipped += copy_regular_files(root, dest, ignore=[*coursedir.ignore, "*.ipynb"])
    return skipped


def _exporter(config, preprocessors):
    exporter = NotebookExporter(config=config)
    for pre in preprocessors:
        exporter.register_preprocessor(pre)
    return exporter


class _OverwriteCells(OverwriteCells):
    """nbgrader's OverwriteCells, putting a deleted grade cell back after any cell still there.

    nbgrader (0.9.6) looks for the cell before the deleted one only among grade and solution
    cells, so deleting an answer that follows a locked prompt (``why_noted`` after
    ``why_noted_prompt``) raised KeyError and the whole submission went ungraded.
    """

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_cells = list(source_nb.source_cells)
        names = [cell.name for cell in source_cells]
        solutions = {cell.name for cell in source_nb.solution_cells}
        for grade_cell in source_nb.grade_cells:
            present = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells]
            if grade_cell.name in present or grade_cell.name not in names:
                continue
            self.log.warning(
                f"Missing grade cell {grade_cell.name} encountered, adding to notebook"
            )
            index = names.index(grade_cell.name)
            # after the nearest cell above it in the release that is still there, else first
            position = next(
                (present.index(name) + 1 for name in reversed(names[:index]) if name in present), 0
            )
            nb.cells.insert(
                position,
                self.missing_cell_transform(
                    source_cells[index],
                    grade_cell.max_score,
                    is_solution=grade_cell.name in solutions,
                ),
            )
        return nb, resources


# nbgrader's configuration and log name the step by its class name
_OverwriteCells.__name__ = _OverwriteCells.__qualname__ = "OverwriteCells"

# nbgrader's autograde steps before execution (sanitising) and after it (recording)
SANITISE_STEPS = (
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    _OverwriteCells,
    CheckCellMetadata,
)
RECORD_STEPS = (
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
)


def prepare_submission(
    ws, coursedir, config, assignment, pid, gradebook, known_notebooks, staging: Path
) -> PreparedSubmission:
    """nbgrader's init_assignment + sanitising pass for one participant (parent process).

    ``staging``: the grader's new folder, never shown to a kernel: the sanitised notebooks (hidden
    tests put back) stay there; its ``inputs/`` is what the kernel gets (notebooks as submitted,
    support files). :func:`record_submission` makes the autograded folder afresh."""
    submitted = ws.submitted_dir(pid, assignment)
    timestamp = coursedir.get_existing_timestamp(str(submitted))
    prepared = PreparedSubmission(pid, timestamp.isoformat() if timestamp else None)
    gradebook.update_or_create_student(pid)
    if timestamp:
        gradebook.update_or_create_submission(assignment, pid, timestamp=timestamp)
    else:
        gradebook.update_or_create_submission(assignment, pid)

    shutil.rmtree(ws.autograded_dir(pid, assignment), ignore_errors=True)  # made again after
    inputs = staging / "inputs"
    prepared.inputs = str(inputs)
    for problem in _copy_support_files(ws, coursedir, assignment, pid, inputs):
        prepared.flags.append(f"support file left out: {problem}")

    for path in sorted(submitted.glob("*.ipynb")):
        if path.stem not in known_notebooks:
            prepared.flags.append(f"{path.name} is not a notebook of {assignment}; skipped")
    restores = bool(config.OverwriteCells.get("add_missing_cells", False))
    for name in sorted(known_notebooks):
        path = submitted / f"{name}.ipynb"
        if not path.exists():
            # nbgrader gives a missing notebook a zero; do the same, and say so
            submission = gradebook.find_submission_notebook(name, assignment, pid)
            for grade in submission.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
            gradebook.db.commit()
            prepared.flags.append(f"no {name}.ipynb submitted: scored 0")
            continue
        notebook, problem = _parse(path)
        if problem:
            prepared.fatal = problem
            return prepared
        expected = release_cells(ws, assignment, name)
        present = {
            c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in notebook.cells
        } - {None}
        if expected and present and not (present & set(expected)):
            prepared.fatal = (
                f"{name}.ipynb looks like a notebook from another assignment: none of its "
                f"graded cells ({', '.join(sorted(present))}) belong to {assignment} "
                f"(expected {', '.join(sorted(expected))})"
            )
            return prepared
        prepared.flags += tamper_flags(notebook, expected, name, restores_missing=restores)

        resources = _resources(coursedir, pid, assignment, name)
        try:
            with quiet_nbformat():
                output, _ = _exporter(config, SANITISE_STEPS).from_notebook_node(
                    notebook, resources=_with_path(resources, path)
                )
        except Exception as exc:  # nbgrader's own failure, reported as such
            prepared.fatal = f"nbgrader could not read {name}.ipynb: {type(exc).__name__}: {exc}"
            return prepared
        sanitised = staging / f"{name}.ipynb"
        write_new_file(sanitised, output)
        if problem := copy_regular_file(submitted, f"{name}.ipynb", inputs / f"{name}.ipynb"):
            prepared.flags.append(f"{name}.ipynb as submitted not given to the kernel: {problem}")
        prepared.notebooks[name] = str(sanitised)
        prepared.resources[name] = resources
    return prepared


def _resources(coursedir, pid: str, assignment: str, name: str) -> dict:
    return {
        "unique_key": name,
        "output_files_dir": f"{name}_files",
        "nbgrader": {
            "student": pid,
            "assignment": assignment,
            "notebook": name,
            "db_url": coursedir.db_url,
        },
    }


def _with_path(resources: dict, path: Path) -> dict:
    # what NotebookExporter.from_filename adds before the preprocessors run
    return {**resources, "metadata": {"name": path.stem, "path": str(path.parent)}}


def record_submission(
    config, prepared: PreparedSubmission, executed: dict[str, str], dest: Path
) -> None:
    """nbgrader's post-execution steps (SaveAutoGrades etc.) on each executed notebook, written
    with the support files into ``dest``, made afresh: no kernel ever saw it."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    copy_regular_files(Path(prepared.inputs), dest, ignore=["*.ipynb"])
    for name, executed_path in executed.items():
        with quiet_nbformat():
            notebook = nbformat.read(executed_path, as_version=4)
            output, _ = _exporter(config, RECORD_STEPS).from_notebook_node(
                notebook, resources=_with_path(prepared.resources[name], dest / f"{name}.ipynb")
            )
        write_new_file(dest / f"{name}.ipynb", output)
