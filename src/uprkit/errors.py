"""The one place where uprkit's exceptions are drawn.

Every message names the bad value, the file (and line where there is one) and the valid
choices, because learners and trainers read these messages.
"""

from __future__ import annotations


class UprkitError(Exception):
    """Base of every error uprkit raises on purpose."""


class InputFileError(UprkitError, ValueError):
    """A file a trainer brought (roster, export, submission folder) cannot be used as it is."""

    def __init__(self, path, problem: str, *, line: int | None = None):
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {problem}")


class RosterError(InputFileError):
    """The roster CSV has duplicate ids, missing columns, or a bad encoding."""


class DataError(UprkitError, ValueError):
    """Data values the kit does not understand (unknown state, unknown category, ...)."""


class UnknownStateError(DataError, KeyError):
    """A state name or code that is not one of the 193 UN member states (or an observer)."""

    def __str__(self) -> str:  # KeyError would otherwise print the repr with quotes
        return self.args[0] if self.args else "unknown state"


class SimulationError(UprkitError, ValueError):
    """A simulation was asked for something its rules do not allow."""


class WorkshopError(UprkitError):
    """A workshop folder is missing, incomplete, or asked to do something unsafe."""


class GradingError(UprkitError):
    """Grading could not run at all (not: one submission failed; those are flagged, not raised)."""
