"""The numbers and sections the follow-up reports show, computed from a (pseudonymised) matrix.

Pure functions on text tables, so the templates, the CLI and the tests share one truth:
status counts by cluster and by response, the share that "triggered action" against UPR Info's
baseline ([UPRI-BEYOND], read from ``datasets/limits.csv``), the mid-term report's sections per
cluster, and the brief's priorities.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from uprkit.data import load_limits
from uprkit.simulations.followup.schema import Status

__all__ = [
    "ACTION_STATUSES",
    "Baseline",
    "action_shares",
    "cluster_sections",
    "coming_due_dates",
    "load_baseline",
    "priorities",
    "response_group",
    "status_counts",
]

# "Triggered action" as UPR Info's "Beyond promises" (2014) counts it: fully or partly implemented.
ACTION_STATUSES = (Status.PARTIALLY_IMPLEMENTED.value, Status.IMPLEMENTED.value)
NOT_MOVING = (Status.NOT_STARTED.value, Status.REGRESSED.value, Status.NO_INFORMATION.value)
RESPONSE_GROUPS = ("supported", "noted", "other or no response")


@dataclass(frozen=True)
class Baseline:
    """UPR Info's 1st-cycle shares at mid-term, in percent, with their status and source."""

    all: float
    supported: float
    noted: float
    status: str
    source: str


def load_baseline() -> Baseline:
    """The baseline rows of ``datasets/limits.csv`` (checked against the fact sheet by a test).

    >>> b = load_baseline()
    >>> (b.all, b.supported, b.noted, b.status)
    (48.0, 55.0, 19.0, 'CONFIRMED')
    """
    limits = load_limits()
    rows = {
        k: limits.loc[f"upr_action_at_midterm_{k}_percent"] for k in ("all", "supported", "noted")
    }
    return Baseline(
        all=float(rows["all"].value),
        supported=float(rows["supported"].value),
        noted=float(rows["noted"].value),
        status=str(rows["all"].status),
        source=str(rows["all"].source),
    )


def response_group(response: str) -> str:
    """ "supported", "noted", or "other or no response" (mixed, pending or empty)."""
    value = str(response).strip().casefold()
    return value if value in RESPONSE_GROUPS[:2] else RESPONSE_GROUPS[2]


def cluster_label(cluster: str, reason: str) -> str:
    """ "C01 — 'ratify' + instrument CAT" from the cluster and its reason (count dropped)."""
    return f"{cluster} — {str(reason).split(': ', 1)[-1]}" if reason else cluster


def status_counts(matrix: pd.DataFrame, by: str) -> pd.DataFrame:
    """Recommendations per ``by`` value (rows) and status (columns, in the list's order), with a
    "triggered action" column and a total.

    >>> m = pd.DataFrame({"response": ["supported", "noted", "supported"],
    ...                   "status": ["implemented", "not started", "in progress"]})
    >>> status_counts(m.assign(group=m["response"]), "group")[["implemented", "action", "total"]]
    ... # doctest: +NORMALIZE_WHITESPACE
               implemented  action  total
    group
    noted                0       0      1
    supported            1       1      2
    """
    statuses = [s.value for s in Status]
    table = pd.crosstab(matrix[by], matrix["status"]).reindex(columns=statuses, fill_value=0)
    table["action"] = table[list(ACTION_STATUSES)].sum(axis=1)
    table["total"] = table[statuses].sum(axis=1)
    table.columns.name = None
    return table


def action_shares(matrix: pd.DataFrame) -> pd.DataFrame:
    """For all, supported and noted recommendations: total, triggered action, share in percent."""
    groups = matrix["response"].map(response_group)
    rows = []
    for name, mask in (
        ("all recommendations", pd.Series(True, index=matrix.index)),
        ("supported", groups.eq("supported")),
        ("noted", groups.eq("noted")),
    ):
        total = int(mask.sum())
        action = int((mask & matrix["status"].isin(ACTION_STATUSES)).sum())
        share = round(100 * action / total, 1) if total else None
        rows.append({"group": name, "total": total, "action": action, "share": share})
    return pd.DataFrame(rows)


def cluster_sections(matrix: pd.DataFrame) -> list[dict]:
    """The mid-term report's sections, one per cluster (largest first, as numbered)."""
    sections = []
    for cluster, rows in matrix.groupby("cluster", sort=True):
        remaining = rows[~rows["status"].eq(Status.IMPLEMENTED.value)]
        asks = [s for s in dict.fromkeys(remaining["next_step"]) if s]
        sections.append(
            {
                "cluster": cluster,
                "title": cluster_label(cluster, rows["cluster_reason"].iloc[0]),
                "rows": rows.to_dict("records"),
                "evidence": rows[rows["evidence"].ne("")].to_dict("records"),
                "remaining": remaining.to_dict("records"),
                "asks": asks,
            }
        )
    return sections


def priorities(matrix: pd.DataFrame, *, limit: int = 3) -> list[dict]:
    """Clusters with the most supported recommendations not moving (not started, regressed, no
    information): what a coalition raises first with the government."""
    supported = matrix[matrix["response"].map(response_group).eq("supported")]
    stuck = supported[supported["status"].isin(NOT_MOVING)]
    ranked = []
    for cluster, rows in stuck.groupby("cluster"):
        due = sorted(d for d in rows["due_date"] if d)
        asks = [s for s in dict.fromkeys(rows["next_step"]) if s]
        ranked.append(
            {
                "cluster": cluster,
                "title": cluster_label(cluster, rows["cluster_reason"].iloc[0]),
                "stuck": len(rows),
                "first_due": due[0] if due else "",
                "asks": asks,
                "example": rows["recommendation"].iloc[0],
            }
        )
    ranked.sort(key=lambda r: (-r["stuck"], r["first_due"] or "9999", r["cluster"]))
    return ranked[:limit]


def coming_due_dates(matrix: pd.DataFrame, *, today: str, limit: int = 5) -> list[dict]:
    """The next due dates (YYYY-MM-DD, from ``today`` on) of rows not implemented."""
    open_rows = matrix[
        matrix["due_date"].ge(today) & ~matrix["status"].eq(Status.IMPLEMENTED.value)
    ]
    return open_rows.sort_values(["due_date", "recommendation_id"]).head(limit).to_dict("records")
