"""The UPR beside the treaty bodies: a State's review dates and the steps around each review.

Known reviews come from the kit's calendar (:func:`uprkit.data.load_reviews`); the next ones are
projected 4.5 years on (the periodicity is confirmed, a projected date is not and is marked
UNCONFIRMED). The rows have the columns of :func:`uprkit.simulations.treaty_reporting.
build_reporting_calendar`, so the two calendars merge into one.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from uprkit.data import load_reviews, load_sessions
from uprkit.simulations.treaty_reporting import (
    COLUMNS,
    CONFIRMED,
    DERIVED,
    UNCONFIRMED,
    _as_date,
    _row,
    add_months,
)

UPR_PERIODICITY_MONTHS = 54  # 4.5 years since the 2nd cycle. Source: [UPRI-NEWMOD], [OHCHR-CYCLES]


def add_upr_reviews(
    calendar_frame: pd.DataFrame,
    review_dates: list[object],
    *,
    start: object,
    end: object,
    project_next: bool = True,
) -> pd.DataFrame:
    """Put the UPR beside the treaty bodies: stakeholder deadline, national report, review,
    HRC adoption. ``project_next`` adds reviews 4.5 years after the last known one (the
    periodicity is confirmed; a projected date is not, and is marked UNCONFIRMED)."""
    first, last = _as_date(start, "start"), _as_date(end, "end")
    known = sorted(_as_date(v, "UPR review date") for v in review_dates)
    reviews = [(d, CONFIRMED) for d in known]
    if project_next and known:
        projected = add_months(known[-1], UPR_PERIODICITY_MONTHS)
        while projected <= add_months(last, 8):
            reviews.append((projected, UNCONFIRMED))
            projected = add_months(projected, UPR_PERIODICITY_MONTHS)
    rows = []
    for review, status in reviews:
        label = "" if status == CONFIRMED else " (projected: 4.5 years after the last one)"
        timing = DERIVED if status == CONFIRMED else UNCONFIRMED
        rows += [
            _row(
                add_months(review, -7),
                "UPR",
                f"Stakeholder submission deadline (about 6-7 months before){label}",
                timing,
                "pattern of the 4th-cycle deadlines",
                "[ILGA-DL]; [UPRI-4THGUIDE]",
            ),
            _row(
                add_months(review, -3),
                "UPR",
                f"National report due (about 12-15 weeks before){label}",
                timing,
                "pattern of the 4th-cycle deadlines (12-15 weeks; 3 months used here)",
                "[UPRI-SUR]; [ILGA-DL]",
            ),
            _row(
                review,
                "UPR",
                f"Working Group review (3.5 h){label}",
                status,
                "calendar of reviews; decision 17/119",
                "[UPRI-NEWMOD]; [OHCHR-CYCLES]",
            ),
            _row(
                add_months(review, 4),
                "UPR",
                f"Adoption at the HRC plenary (about 3-4 months later){label}",
                timing,
                "the HRC session 3-4 months later (not always the next-but-one)",
                "[UPRI-42]; [UPRI-HRC58]",
            ),
        ]
    extra = pd.DataFrame(rows, columns=COLUMNS)
    extra = extra[(extra["date"] >= first) & (extra["date"] <= last)]
    merged = pd.concat([calendar_frame, extra], ignore_index=True)
    return merged.sort_values(["date", "mechanism"], kind="stable").reset_index(drop=True)


def upr_review_dates(iso3: str) -> list[date]:
    """Start dates of the Working Group sessions that review ``iso3`` (from uprkit.data)."""

    reviews = load_reviews()
    sessions = load_sessions().set_index("session")
    mine = reviews.loc[reviews["iso3"] == iso3, "session"]
    return [
        _as_date(sessions.loc[s, "start_date"], f"session {s}")
        for s in mine
        if s in sessions.index and pd.notna(sessions.loc[s, "start_date"])
    ]
