"""The follow-up matrix's columns, its closed list of statuses, and its Frictionless schema.

The schema itself is ``schema.json`` beside this module (a Frictionless Table Schema), so a
coalition's data person can validate a copy with any Frictionless tool, not only the kit.
"""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from importlib import resources

__all__ = [
    "DATE_COLUMNS",
    "EDITABLE_COLUMNS",
    "FIXED_COLUMNS",
    "MATRIX_COLUMNS",
    "PRIVATE_COLUMNS",
    "Status",
    "matrix_schema",
]


class Status(StrEnum):
    """Where the implementation of a recommendation stands, as the coalition judges it.

    >>> Status("partially implemented").name
    'PARTIALLY_IMPLEMENTED'
    >>> [s.value for s in Status][:2]
    ['not started', 'in progress']
    """

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    PARTIALLY_IMPLEMENTED = "partially implemented"
    IMPLEMENTED = "implemented"
    REGRESSED = "regressed"
    NO_INFORMATION = "no information"

    @classmethod
    def choices(cls) -> str:
        """The valid statuses as a message lists them: 'not started', 'in progress', ..."""
        return ", ".join(repr(s.value) for s in cls)


# Filled from the data and the analyser when the matrix is made; partners should not edit them
# (merge reports an edit to them as a conflict like any other, so nothing is lost).
FIXED_COLUMNS = (
    "recommendation_id",
    "state_under_review",
    "cycle",
    "session",
    "recommendation",
    "recommending_states",
    "response",
    "issues",
    "sdg_targets",
    "action_category",
    "smart_found",
    "smart_missing",
    "cluster",
    "cluster_reason",
)
# What the coalition fills in over the 4.5 years between reviews.
EDITABLE_COLUMNS = (
    "responsible_institution",
    "cso_lead",
    "status",
    "evidence",
    "evidence_date",
    "evidence_source",
    "indicators",
    "next_step",
    "due_date",
    "conflict",
)
MATRIX_COLUMNS = FIXED_COLUMNS + EDITABLE_COLUMNS
DATE_COLUMNS = ("evidence_date", "due_date")
# Free text that may name people (a CSO lead, a witness in the evidence): their values are never
# copied into a problems table, a message or a log, only the row and column are.
PRIVATE_COLUMNS = ("cso_lead", "evidence", "evidence_source", "next_step", "indicators", "conflict")


@cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")


def matrix_schema() -> dict:
    """The Frictionless Table Schema of a follow-up matrix (a fresh copy, safe to change).

    >>> [f["name"] for f in matrix_schema()["fields"]] == list(MATRIX_COLUMNS)
    True
    >>> status = next(f for f in matrix_schema()["fields"] if f["name"] == "status")
    >>> status["constraints"]["enum"] == [s.value for s in Status]
    True
    """
    return json.loads(_schema_text())
