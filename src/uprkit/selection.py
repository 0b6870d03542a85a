"""Choose a workshop cohort from applications, and say why each person was (or was not) chosen.

A trainer of trainers receives more applications than places. The kit scores each application
with a rubric the trainer can edit (a TOML file read into :class:`Rubric`), then fills the places
in score order while keeping the cohort balanced: at least half women and every participant
region represented. Each decision comes with a sentence a trainer can read out to a funder or to
an applicant. Nothing is random: the same applications and rubric give the same cohort.

Applications CSV (UTF-8), one row per applicant:
``application_id,name,gender,region,country,years_experience,follow_up,organisation_reach``
plus optional ``organisation,email,language``. ``gender`` is one of woman, man, non-binary,
undisclosed; ``region`` one of the five participant regions; ``follow_up`` and
``organisation_reach`` take the answers listed in the rubric.
"""

from __future__ import annotations

import csv
import math
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from uprkit.errors import DataError, InputFileError, WorkshopError
from uprkit.paths import datasets_dir
from uprkit.roster import Gender, Region, check_participant_id

PARTICIPANT_REGIONS = tuple(region.value for region in Region)
GENDERS = tuple(gender.value for gender in Gender)
CRITERIA = ("experience", "next_review", "follow_up", "reach")
REQUIRED_COLUMNS = (
    "application_id", "name", "gender", "region", "country",
    "years_experience", "follow_up", "organisation_reach",
)  # fmt: skip
OPTIONAL_COLUMNS = ("organisation", "email", "language")


@dataclass(frozen=True)
class Rubric:
    """The trainer's scoring rules and cohort balance (see datasets/selection_rubric.toml)."""

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


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Read a rubric TOML file (the kit's default when ``path`` is None)."""
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
        rubric = Rubric(
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


def load_applications(path: str | Path, rubric: Rubric, *, to_iso3=None) -> pd.DataFrame:
    """Read and check an applications CSV; every problem names the file, line and valid choices.

    ``to_iso3`` turns a country name into its code (``uprkit.data.to_iso3`` when present);
    without it the ``country`` column must already hold three-letter codes.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(path, "applications file not found") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"not UTF-8 text ({exc.reason}); save it as CSV UTF-8") from None
    reader = csv.DictReader(text.splitlines())
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
    for line, raw in enumerate(reader, start=2):
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


def score_application(row, rubric: Rubric, *, next_review: date | None, as_of: date) -> Score:
    """Score one application (a mapping with the applications columns)."""
    years = float(row["years_experience"])
    marks, reasons = {}, {}
    marks["experience"] = min(1.0, years / rubric.full_marks_years) if rubric.full_marks_years else 1
    reasons["experience"] = f"{years:g} year{'' if years == 1 else 's'} of human rights work" + (
        " (full marks)" if marks["experience"] >= 1 else f" (full marks from {rubric.full_marks_years:g})"
    )
    if next_review is None:
        marks["next_review"] = rubric.unknown_review_mark
        reasons["next_review"] = f"no future UPR review of {row['country']} in the kit's calendar"
    else:
        months = months_between(as_of, next_review)
        low, high = rubric.best_from_months, rubric.best_to_months
        distance = max(0.0, low - months, months - high)
        marks["next_review"] = max(0.0, 1.0 - distance * rubric.loss_per_month)
        when = f"{row['country']}'s next UPR review is in {months:.0f} months ({next_review:%b %Y})"
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


def find_next_reviews(as_of: date) -> dict[str, date]:
    """Each state's next UPR Working Group review after ``as_of``, from the kit's calendar.

    Empty when the kit's calendar (``uprkit.data.load_reviews``/``load_sessions``) is not there.
    """
    try:
        from uprkit.data import load_reviews, load_sessions
    except ImportError:
        return {}
    reviews = load_reviews().merge(load_sessions(), on="session")
    starts = pd.to_datetime(reviews["start_date"]).dt.date
    upcoming = reviews.assign(start=starts)[starts > as_of]
    return upcoming.groupby("iso3")["start"].min().to_dict()


# ---------------------------------------------------------------- choosing the cohort


@dataclass(frozen=True)
class Decision:
    """Why one applicant is in, or not in, the cohort."""

    application_id: str
    picked: bool
    rank: int
    score: float
    reason: str


@dataclass(frozen=True)
class Selection:
    """A proposed cohort: who is in, who was near the line, and every rule that had to bend."""

    picks: tuple[Decision, ...]
    non_picks: tuple[Decision, ...]
    relaxations: tuple[str, ...]
    size: int
    women: int
    by_region: dict[str, int] = field(default_factory=dict)

    @property
    def cohort_ids(self) -> tuple[str, ...]:
        return tuple(d.application_id for d in self.picks)


@dataclass
class _State:
    """Counts the greedy fill keeps while it walks down the ranking."""

    slots: int
    women_needed: int
    floors: dict[str, int]
    caps: dict[str, int]
    taken: dict[str, int]
    women_taken: int = 0

    def add(self, region: str, is_woman: bool) -> None:
        self.slots -= 1
        self.taken[region] += 1
        self.women_taken += is_woman

    def problem(self, remaining: pd.DataFrame) -> str | None:
        """What cannot be met any more with ``remaining`` candidates, or None when all can."""
        if self.slots < 0:
            return "no places left"
        women_short = max(0, self.women_needed - self.women_taken)
        deficit_total, free_women, max_women, fill = 0, 0, 0, 0
        for region in PARTICIPANT_REGIONS:
            here = remaining[remaining["region"] == region]
            room = self.caps[region] - self.taken[region]
            if room < 0:
                return f"{region} already had its maximum of {self.caps[region]} places"
            women_here = int((here["gender"] == "woman").sum())
            deficit = max(0, self.floors[region] - self.taken[region])
            if deficit > min(room, len(here)):
                return f"picking them would leave {region} without its {self.floors[region]} places"
            deficit_total += deficit
            free_women += min(deficit, women_here)
            max_women += min(women_here, room)
            fill += min(room, len(here))
        if women_short > max_women:
            return f"picking them would leave no way to reach {self.women_needed} women"
        needed = deficit_total + max(0, women_short - free_women)
        if needed > self.slots:
            if women_short > free_women and deficit_total < self.slots:
                return f"the remaining places were needed to reach {self.women_needed} women"
            short = [
                r for r in PARTICIPANT_REGIONS if self.taken[r] < self.floors[r]
            ]
            return f"the remaining places were kept for {', '.join(short)} (at least " + (
                f"{max(self.floors.values())} places per region)"
            )
        if fill < self.slots:
            return "picking them would leave too few applicants to fill every place"
        return None


def select_cohort(
    applications: pd.DataFrame,
    rubric: Rubric,
    *,
    size: int,
    next_reviews: dict[str, date] | None = None,
    as_of: date | None = None,
    lock_in: tuple[str, ...] = (),
    lock_out: tuple[str, ...] = (),
    relax: bool = False,
) -> Selection:
    """Pick ``size`` applicants by score while keeping the rubric's balance; explain each choice.

    ``lock_in`` ids are always picked and ``lock_out`` ids never. When the balance cannot be met
    (say, too few women applied) this raises :class:`WorkshopError` unless ``relax`` is true;
    then the rule is loosened as little as possible and the loosening is stated in
    ``relaxations``.
    """
    as_of = as_of or date.today()
    next_reviews = next_reviews or {}
    if size < 1:
        raise WorkshopError(f"cohort size {size} must be at least 1")
    ids = list(applications["application_id"])
    for label, chosen in (("--lock-in", lock_in), ("--lock-out", lock_out)):
        unknown = [i for i in chosen if i not in ids]
        if unknown:
            raise DataError(
                f"{label} {', '.join(unknown)}: no such application_id; "
                f"ids in the file: {', '.join(ids[:12])}{' ...' if len(ids) > 12 else ''}"
            )
    both = sorted(set(lock_in) & set(lock_out))
    if both:
        raise DataError(f"{', '.join(both)} cannot be both locked in and locked out")
    if len(set(lock_in)) > size:
        raise WorkshopError(f"{len(set(lock_in))} people are locked in but the cohort has {size} places")

    scores = {
        row["application_id"]: score_application(
            row, rubric, next_review=next_reviews.get(row["country"]), as_of=as_of
        )
        for row in applications.to_dict("records")
    }
    ranked = applications.assign(score=[scores[i].total for i in ids])
    ranked = ranked.sort_values(["score", "application_id"], ascending=[False, True])
    ranked = ranked.assign(rank=range(1, len(ranked) + 1)).reset_index(drop=True)
    rank_of = dict(zip(ranked["application_id"], ranked["rank"], strict=True))
    pool = ranked[~ranked["application_id"].isin(lock_out)]
    relaxations: list[str] = []

    effective = size
    if len(pool) < size:
        effective = len(pool)
        relaxations.append(
            f"Only {len(pool)} applicants can be chosen (after lock-outs), so the cohort has "
            f"{effective} people instead of {size}."
        )
    state = _plan_balance(pool, rubric, effective, set(lock_in), relax, relaxations)

    picked: dict[str, str] = {}
    for app_id in sorted(set(lock_in), key=rank_of.get):
        row = pool[pool["application_id"] == app_id].iloc[0]
        state.add(row["region"], row["gender"] == "woman")
        picked[app_id] = "Locked in by the trainer"
    remaining = pool[~pool["application_id"].isin(picked)]
    problem = state.problem(remaining)
    if problem:
        who = "with the locked-in people" if lock_in else "with these applicants"
        _bend(f"{who}, {problem}", relax, relaxations)
        state = _loosen(state, remaining)

    passed_over: dict[str, str] = {}
    for position, row in enumerate(remaining.to_dict("records")):
        if state.slots == 0:
            break
        later = remaining.iloc[position + 1 :]
        trial = _State(
            state.slots, state.women_needed, state.floors, state.caps, dict(state.taken),
            state.women_taken,
        )  # fmt: skip
        trial.add(row["region"], row["gender"] == "woman")
        problem = trial.problem(later)
        if problem is None:
            state = trial
            picked[row["application_id"]] = _why_ahead(row, passed_over, state, rubric)
        else:
            passed_over[row["application_id"]] = problem

    return _explain(ranked, scores, picked, passed_over, lock_out, relaxations, rubric)


def _plan_balance(pool, rubric, size, lock_in, relax, relaxations) -> _State:
    """Turn the rubric's balance rules into counts for this pool, loosening what cannot be met."""
    available = {r: int((pool["region"] == r).sum()) for r in PARTICIPANT_REGIONS}
    cap = max(1, math.floor(size * rubric.max_region_share), rubric.min_per_region)
    while sum(min(cap, n) for n in available.values()) < size:
        cap += 1
    if cap > max(1, math.floor(size * rubric.max_region_share), rubric.min_per_region):
        relaxations.append(
            f"Too few applicants outside the largest regions: a region may take up to {cap} "
            f"places instead of {math.floor(size * rubric.max_region_share)}."
        )
    caps = {r: cap for r in PARTICIPANT_REGIONS}
    for region in PARTICIPANT_REGIONS:
        locked_here = int(pool[pool["application_id"].isin(lock_in)]["region"].eq(region).sum())
        caps[region] = max(cap, locked_here)
    floors = {r: min(rubric.min_per_region, available[r]) for r in PARTICIPANT_REGIONS}
    thin = [f"{r} ({available[r]})" for r in PARTICIPANT_REGIONS if available[r] < rubric.min_per_region]
    if thin:
        relaxations.append(
            f"Fewer than {rubric.min_per_region} applicants from {', '.join(thin)}: "
            "everyone who applied from there can be picked, and the other regions fill the places."
        )
    while sum(floors.values()) > size:
        biggest = max(PARTICIPANT_REGIONS, key=lambda r: (floors[r], r))
        floors[biggest] -= 1
    if sum(min(rubric.min_per_region, available[r]) for r in PARTICIPANT_REGIONS) > size:
        relaxations.append(
            f"A cohort of {size} cannot give {rubric.min_per_region} places to every region; "
            f"places per region at least: {', '.join(f'{r} {n}' for r, n in floors.items())}."
        )
    women_needed = math.ceil(size * rubric.min_women_share - 1e-9)
    women_available = int((pool["gender"] == "woman").sum())
    if women_available < women_needed:
        _bend(
            f"only {women_available} women applied (after lock-outs) but a cohort of {size} "
            f"needs at least {women_needed} (min_women_share {rubric.min_women_share:g} in "
            f"{rubric.source})",
            relax,
            relaxations,
            fixes="--size "
            f"{math.floor(women_available / rubric.min_women_share) if rubric.min_women_share else size}"
            ", find more applications, or --relax to accept fewer women",
        )
        women_needed = women_available
    return _State(size, women_needed, floors, caps, {r: 0 for r in PARTICIPANT_REGIONS})


def _bend(problem: str, relax: bool, relaxations: list[str], fixes: str = "") -> None:
    if not relax:
        fixes = fixes or "unlock someone, or pass --relax to loosen the balance rules"
        raise WorkshopError(f"The cohort rules cannot all be met: {problem}. Options: {fixes}.")
    relaxations.append(f"Rule loosened because {problem}: the cohort gets as close as it can.")


def _loosen(state: _State, remaining: pd.DataFrame) -> _State:
    """Lower the women target and region floors until the (locked-in) cohort can be completed."""
    loose = _State(**{**state.__dict__, "floors": dict(state.floors), "caps": dict(state.caps)})
    # The regional spread bends before the share of women does.
    for region in PARTICIPANT_REGIONS:
        while loose.problem(remaining) and loose.floors[region] > loose.taken[region]:
            loose.floors[region] -= 1
    while loose.problem(remaining) and loose.women_needed > loose.women_taken:
        loose.women_needed -= 1
    return loose


def _why_ahead(row, passed_over, state: _State, rubric: Rubric) -> str:
    if not passed_over:
        return "Picked on score"
    helps = []
    if row["gender"] == "woman" and state.women_taken <= state.women_needed:
        helps.append(f"to reach at least {state.women_needed} women")
    if state.taken[row["region"]] <= state.floors[row["region"]]:
        helps.append(f"to give {row['region']} at least {state.floors[row['region']]} places")
    if not helps:
        return "Picked on score (the next best who fits the balance)"
    return f"Picked ahead of {len(passed_over)} higher-scored applicant(s) " + " and ".join(helps)


def _explain(ranked, scores, picked, passed_over, lock_out, relaxations, rubric) -> Selection:
    total = len(ranked)

    def detail(app_id: str, rank: int) -> str:
        s = scores[app_id]
        return f"rank {rank} of {total}, score {s.total:g}/100: " + "; ".join(
            s.reasons[c] for c in CRITERIA
        )

    merit = [scores[i].total for i in picked if picked[i] != "Locked in by the trainer"]
    line_score = min(merit) if merit else None
    picks, non_picks = [], []
    near_left = rubric.explain_near_misses
    for row in ranked.to_dict("records"):
        app_id, rank, score = row["application_id"], int(row["rank"]), float(row["score"])
        if app_id in picked:
            reason = f"{picked[app_id]} ({detail(app_id, rank)})."
            picks.append(Decision(app_id, True, rank, score, reason))
        elif app_id in lock_out:
            reason = f"Locked out by the trainer ({detail(app_id, rank)})."
            non_picks.append(Decision(app_id, False, rank, score, reason))
        elif app_id in passed_over:
            reason = (
                f"Not picked although ranked above people who were: {passed_over[app_id]} "
                f"({detail(app_id, rank)})."
            )
            non_picks.append(Decision(app_id, False, rank, score, reason))
        elif near_left > 0:
            near_left -= 1
            gap = (
                f"{line_score - score:.1f} points below the lowest score picked ({line_score:g})"
                if line_score is not None
                else "below everyone picked"
            )
            reason = f"Not picked: every place was filled; {gap} ({detail(app_id, rank)})."
            non_picks.append(Decision(app_id, False, rank, score, reason))
    cohort = ranked[ranked["application_id"].isin(picked)]
    return Selection(
        picks=tuple(picks),
        non_picks=tuple(non_picks),
        relaxations=tuple(relaxations),
        size=len(picks),
        women=int((cohort["gender"] == "woman").sum()),
        by_region={r: int((cohort["region"] == r).sum()) for r in PARTICIPANT_REGIONS},
    )


def describe_selection(selection: Selection) -> str:
    """The selection as plain text a trainer can read or send (ids only: no names)."""
    lines = [
        f"Proposed cohort: {selection.size} people, {selection.women} women.",
        "Places per region: "
        + ", ".join(f"{r} {n}" for r, n in selection.by_region.items())
        + ".",
    ]
    if selection.relaxations:
        lines += ["", "Rules that had to bend:"] + [f"- {r}" for r in selection.relaxations]
    lines += ["", "Picked:"] + [f"- {d.application_id}: {d.reason}" for d in selection.picks]
    if selection.non_picks:
        lines += ["", "Not picked, near the line:"]
        lines += [f"- {d.application_id}: {d.reason}" for d in selection.non_picks]
    return "\n".join(lines) + "\n"


def build_cohort_roster(selection: Selection, applications: pd.DataFrame) -> pd.DataFrame:
    """The picked applicants as a roster CSV table for ``uprkit workshop init --roster``."""
    chosen = applications.set_index("application_id").loc[list(selection.cohort_ids)]
    roster = chosen.reset_index().rename(columns={"application_id": "participant_id"})
    columns = ["participant_id", "name", "gender", "region", "country", *OPTIONAL_COLUMNS]
    return roster[columns]


def run_selection(
    applications_csv: str | Path,
    *,
    size: int,
    rubric_path: str | Path | None = None,
    lock_in: tuple[str, ...] = (),
    lock_out: tuple[str, ...] = (),
    relax: bool = False,
    as_of: date | None = None,
) -> tuple[Selection, pd.DataFrame]:
    """Read the rubric and applications, use the kit's UPR calendar, and select (the CLI's call)."""
    rubric = load_rubric(rubric_path)
    try:
        from uprkit.data import to_iso3
    except ImportError:
        to_iso3 = None
    applications = load_applications(applications_csv, rubric, to_iso3=to_iso3)
    as_of = as_of or date.today()
    selection = select_cohort(
        applications, rubric, size=size, next_reviews=find_next_reviews(as_of), as_of=as_of,
        lock_in=tuple(lock_in), lock_out=tuple(lock_out), relax=relax,
    )  # fmt: skip
    return selection, build_cohort_roster(selection, applications)
