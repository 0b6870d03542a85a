"""Reading and scoring applications: the rubric, the applications CSV and the UPR calendar.

Used by :mod:`uprkit.workshop.selection.cohort`, which picks the cohort; see there for the
file formats.
"""

from __future__ import annotations

import csv
import io
import math
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from uprkit.data import load_reviews, load_sessions
from uprkit.errors import DataError, InputFileError
from uprkit.paths import datasets_dir
from uprkit.simulations.upr_reviews import UPR_PERIODICITY_MONTHS
from uprkit.workshop.roster import Gender, Region, check_participant_id

PARTICIPANT_REGIONS = tuple(region.value for region in Region)
GENDERS = tuple(gender.value for gender in Gender)
CRITERIA = ("experience", "next_review", "follow_up", "reach")
REQUIRED_COLUMNS = (
    "application_id", "name", "gender", "region", "country",
    "years_experience", "follow_up", "organisation_reach",
)  # fmt: skip
OPTIONAL_COLUMNS = ("organisation", "email", "language")


@dataclass(frozen=True)
class SelectionRubric:
    """The trainer's rules for scoring applications and balancing a cohort.

    Read from datasets/selection_rubric.toml (or a trainer's copy) by ``load_selection_rubric``.
    Not the grading rubric of an assignment (see ``uprkit.grading.rubric_sheets``).
    """

    weights: dict[str, float]
    full_marks_years: float
    best_from_months: float
    best_to_months: float
    loss_per_month: float
    unknown_review_mark: float
    follow_up_marks: dict[str, float]
    reach_marks: dict[str, float]
    min_women_share: float = 0.5
    min_per_region: int = 2
    max_region_share: float = 0.4
    explain_near_misses: int = 5
    source: str = "built-in"


def default_rubric_path() -> Path:
    return datasets_dir() / "selection_rubric.toml"


def load_selection_rubric(path: str | Path | None = None) -> SelectionRubric:
    """Read a selection rubric TOML file (the kit's default when ``path`` is None)."""
    path = Path(path) if path is not None else default_rubric_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError(path, "rubric file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(path, f"not valid TOML ({exc})") from None
    try:
        weights = {name: float(raw["weights"][name]) for name in CRITERIA}
        cohort = raw.get("cohort", {})
        rubric = SelectionRubric(
            weights=weights,
            full_marks_years=float(raw["experience"]["full_marks_years"]),
            best_from_months=float(raw["next_review"]["best_from_months"]),
            best_to_months=float(raw["next_review"]["best_to_months"]),
            loss_per_month=float(raw["next_review"]["loss_per_month"]),
            unknown_review_mark=float(raw["next_review"]["unknown"]),
            follow_up_marks={k: float(v) for k, v in raw["follow_up"].items()},
            reach_marks={k: float(v) for k, v in raw["reach"].items()},
            min_women_share=float(cohort.get("min_women_share", 0.5)),
            min_per_region=int(cohort.get("min_per_region", 2)),
            max_region_share=float(cohort.get("max_region_share", 0.4)),
            explain_near_misses=int(cohort.get("explain_near_misses", 5)),
            source=str(path),
        )
    except KeyError as exc:
        raise InputFileError(
            path,
            f"missing setting {exc}; a rubric needs [weights] {', '.join(CRITERIA)}, "
            "[experience] full_marks_years, [next_review] best_from_months, best_to_months, "
            "loss_per_month, unknown, [follow_up] and [reach] answer marks",
        ) from None
    except (TypeError, ValueError) as exc:
        raise InputFileError(path, f"a setting is not a number ({exc})") from None
    if sum(weights.values()) <= 0 or min(weights.values()) < 0:
        raise InputFileError(path, f"weights must be zero or more and not all zero, got {weights}")
    if not 0 <= rubric.min_women_share <= 1 or not 0 < rubric.max_region_share <= 1:
        raise InputFileError(
            path, "min_women_share must be between 0 and 1 and max_region_share above 0 up to 1"
        )
    return rubric


# ---------------------------------------------------------------- reading applications


def load_applications(path: str | Path, rubric: SelectionRubric, *, to_iso3=None) -> pd.DataFrame:
    """Read and check an applications CSV; every problem names the file, line and valid choices.

    ``to_iso3`` turns a country name into its code (``run_selection`` passes
    ``uprkit.data.to_iso3``); without it the ``country`` column must already hold three-letter
    codes.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(path, "applications file not found") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"not UTF-8 text ({exc.reason}); save it as CSV UTF-8") from None
    # StringIO keeps quoted fields with line breaks (a motivation text) in one record.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputFileError(
            path,
            f"missing column(s) {', '.join(missing)}; the header must hold "
            f"{','.join(REQUIRED_COLUMNS)} (optional: {','.join(OPTIONAL_COLUMNS)})",
            line=1,
        )
    rows, seen = [], {}
    for raw in reader:
        line = reader.line_num  # the file line where this record ends
        if raw.get(None):  # more values than columns: a comma inside an unquoted field?
            raise InputFileError(
                path,
                f"{len(raw[None])} more value(s) than the header has columns "
                f"({', '.join(map(repr, raw[None]))}); put text with commas in double quotes",
                line=line,
            )
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue
        rows.append(_check_row(path, line, row, rubric, seen, to_iso3))
    if not rows:
        raise InputFileError(path, "no applications in the file (only a header)")
    frame = pd.DataFrame(rows)
    return frame


def _check_row(path, line, row, rubric, seen, to_iso3) -> dict:
    def bad(column, value, choices):
        raise InputFileError(
            path, f"{column} {value!r} is not one of: {', '.join(choices)}", line=line
        )

    app_id = row["application_id"]
    if not app_id:
        raise InputFileError(path, "application_id is empty", line=line)
    if check_participant_id(app_id):  # it becomes the participant_id (nbgrader student id)
        raise InputFileError(path, f"application_id {check_participant_id(app_id)}", line=line)
    if app_id in seen:
        raise InputFileError(
            path, f"application_id {app_id!r} is repeated (first on line {seen[app_id]})", line=line
        )
    seen[app_id] = line
    gender = row["gender"].lower()
    if gender not in GENDERS:
        bad("gender", row["gender"], GENDERS)
    region = next((r for r in PARTICIPANT_REGIONS if r.lower() == row["region"].lower()), None)
    if region is None:
        bad("region", row["region"], PARTICIPANT_REGIONS)
    follow_up = row["follow_up"].lower()
    if follow_up not in rubric.follow_up_marks:
        bad("follow_up", row["follow_up"], tuple(rubric.follow_up_marks))
    reach = row["organisation_reach"].lower()
    if reach not in rubric.reach_marks:
        bad("organisation_reach", row["organisation_reach"], tuple(rubric.reach_marks))
    try:
        years = float(row["years_experience"])
        if years < 0 or math.isnan(years):
            raise ValueError
    except ValueError:
        raise InputFileError(
            path,
            f"years_experience {row['years_experience']!r} is not a number of years (0 or more)",
            line=line,
        ) from None
    country = row["country"]
    try:
        iso3 = to_iso3(country) if to_iso3 is not None else _plain_iso3(country)
    except DataError as exc:
        raise InputFileError(path, f"country: {exc}", line=line) from None
    out = {
        "application_id": app_id, "name": row["name"], "gender": gender, "region": region,
        "country": iso3, "years_experience": years, "follow_up": follow_up,
        "organisation_reach": reach,
    }  # fmt: skip
    for column in OPTIONAL_COLUMNS:
        out[column] = row.get(column, "")
    return out


def _plain_iso3(country: str) -> str:
    if len(country) == 3 and country.isalpha():
        return country.upper()
    raise DataError(f"{country!r} is not a three-letter ISO code such as KEN, FRA or MEX")


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Score:
    """One application's score out of 100, with one phrase per criterion."""

    application_id: str
    total: float
    marks: dict[str, float]
    reasons: dict[str, str]


def months_between(start: date, end: date) -> float:
    return (end - start).days / 30.44


def score_application(
    row, rubric: SelectionRubric, *, next_review: date | NextReview | None, as_of: date
) -> Score:
    """Score one application (a mapping with the applications columns)."""
    years = float(row["years_experience"])
    marks, reasons = {}, {}
    marks["experience"] = (
        min(1.0, years / rubric.full_marks_years) if rubric.full_marks_years else 1
    )
    reasons["experience"] = f"{years:g} year{'' if years == 1 else 's'} of human rights work" + (
        " (full marks)"
        if marks["experience"] >= 1
        else f" (full marks from {rubric.full_marks_years:g})"
    )
    projected = isinstance(next_review, NextReview) and next_review.projected
    if isinstance(next_review, NextReview):
        next_review = next_review.day
    if next_review is None:
        marks["next_review"] = rubric.unknown_review_mark
        reasons["next_review"] = f"no future UPR review of {row['country']} in the kit's calendar"
    else:
        months = months_between(as_of, next_review)
        low, high = rubric.best_from_months, rubric.best_to_months
        distance = max(0.0, low - months, months - high)
        marks["next_review"] = max(0.0, 1.0 - distance * rubric.loss_per_month)
        when = (
            f"{row['country']}'s next UPR review is in {months:.0f} months ({next_review:%b %Y}"
            + (", projected 4.5 years after its last review" if projected else "")
            + ")"
        )
        if distance == 0:
            reasons["next_review"] = f"{when}: the best moment to prepare a submission"
        elif months < low:
            reasons["next_review"] = f"{when}: little time left to prepare a submission"
        else:
            reasons["next_review"] = f"{when}: still far away"
    marks["follow_up"] = rubric.follow_up_marks[row["follow_up"]]
    reasons["follow_up"] = f"follow-up commitment: {row['follow_up']}"
    marks["reach"] = rubric.reach_marks[row["organisation_reach"]]
    reasons["reach"] = f"{row['organisation_reach']} organisation"
    weight_sum = sum(rubric.weights.values())
    total = sum(100 * rubric.weights[c] / weight_sum * marks[c] for c in CRITERIA)
    return Score(row["application_id"], round(total, 1), marks, reasons)


@dataclass(frozen=True)
class NextReview:
    """When a State is next reviewed, and how the kit knows (calendar, or projected)."""

    day: date
    projected: bool = False


def find_next_reviews(as_of: date) -> dict[str, NextReview]:
    """Each State's next UPR Working Group review after ``as_of``, from the kit's calendar.

    A session with only a month ("2027-01/02") counts from the first day of its first month. A
    State with no review after ``as_of`` in the calendar gets its last review plus 4.5 years,
    marked as projected (UPR_PERIODICITY_MONTHS, from ``uprkit.simulations.upr_reviews``).
    """
    sessions = load_sessions()
    starts = {}
    for row in sessions.itertuples():
        if pd.notna(row.start_date):
            starts[row.session] = pd.Timestamp(row.start_date).date()
        elif isinstance(getattr(row, "period", None), str) and row.period[:7].count("-") == 1:
            year, month = row.period[:7].split("-")
            starts[row.session] = date(int(year), int(month), 1)
    found: dict[str, NextReview] = {}
    for iso3, group in load_reviews().groupby("iso3"):
        days = sorted(starts[s] for s in group["session"] if s in starts)
        if not days:
            continue
        upcoming = [d for d in days if d > as_of]
        if upcoming:
            found[iso3] = NextReview(upcoming[0])
            continue
        projected = days[-1]
        while projected <= as_of:
            month = projected.month - 1 + UPR_PERIODICITY_MONTHS
            projected = date(projected.year + month // 12, month % 12 + 1, 1)
        found[iso3] = NextReview(projected, projected=True)
    return found
