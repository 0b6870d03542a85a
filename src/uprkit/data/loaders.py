"""The kit's curated data (datasets/): UPR sessions, vocabularies, treaties, recommendations.

Every loader reads one CSV of the Frictionless data package in ``datasets/`` (see
``datasets/datapackage.json`` and the data cards in ``datasets/cards/``), gives documented
columns and dtypes (closed vocabularies are pandas categoricals) and caches the read, so
notebooks can call them freely. Each call returns a fresh copy: changing it changes nothing
for the next caller. The procedural limits are here too; the states and their spellings are
in :mod:`uprkit.data.states`.

>>> load_sessions().shape[0], load_treaties().shape[0] > 9
(54, True)
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from uprkit.data._kit_files import categorical, nullable_int, pd, read_table, rows
from uprkit.data.states import REGIONAL_GROUPS
from uprkit.errors import DataError, InputFileError
from uprkit.paths import datasets_dir

__all__ = [
    "ACTION_CATEGORIES",
    "LIMIT_STATUSES",
    "RECOMMENDATION_COLUMNS",
    "RECOMMENDING_GROUPS",
    "REGIONAL_SYSTEMS",
    "RESPONSES",
    "cycle_of_session",
    "get_limit",
    "issue_keywords",
    "load_action_categories",
    "load_issues",
    "load_limits",
    "load_recommendations",
    "load_regional_systems",
    "load_reviews",
    "load_sessions",
    "load_treaties",
]

# Observers (Holy See, State of Palestine) make recommendations too but belong to no group.
RECOMMENDING_GROUPS = (*REGIONAL_GROUPS, "Observer")
RESPONSES = ("supported", "noted")
SESSION_STATUSES = ("confirmed", "projected")
TREATY_KINDS = ("treaty", "optional protocol")
LIMIT_STATUSES = ("CONFIRMED", "DERIVED", "UNCONFIRMED")
ACTION_CATEGORIES = (1, 2, 3, 4, 5)
# The systems of datasets/regional_systems.csv: "UN" and "All" hold how they meet the UN mechanisms.
REGIONAL_SYSTEMS = ("UN", "All", "African", "Inter-American", "European", "Arab", "ASEAN")

RECOMMENDATION_COLUMNS = (
    "recommendation_id",
    "state_under_review",
    "recommending_state",
    "recommending_group",
    "session",
    "cycle",
    "text",
    "issues",
    "action_category",
    "response",
    "illustrative",
    "source",
)

# Working Group sessions of each UPR cycle (fact sheet §1.2: [UPRI-NEWMOD], [DEC31116], [OHCHR-41]).
CYCLE_SESSIONS = {1: range(1, 13), 2: range(13, 27), 3: range(27, 41), 4: range(41, 55)}


def cycle_of_session(session: int) -> int:
    """The UPR cycle a Working Group session belongs to.

    >>> cycle_of_session(1), cycle_of_session(13), cycle_of_session(40), cycle_of_session(41)
    (1, 2, 3, 4)
    """
    for cycle, sessions in CYCLE_SESSIONS.items():
        if session in sessions:
            return cycle
    raise DataError(
        f"unknown UPR Working Group session {session!r}; expected a whole number from 1 to 54 "
        "(cycle 1: 1-12, cycle 2: 13-26, cycle 3: 27-40, cycle 4: 41-54)"
    )


# ---------------------------------------------------------------------------- vocabularies


def load_issues() -> pd.DataFrame:
    """The issue taxonomy (UPR Info's 54 issues, fact sheet §6.3a): issue, label, keywords.

    ``issue`` is a short id (``death_penalty``) used in the ``issues`` column of
    recommendations; ``keywords`` are lower-case words and phrases joined by "; " that the
    analyser looks for in a recommendation's text.
    """
    return read_table("issues.csv")


def issue_keywords() -> list[tuple[str, str]]:
    """(keyword, issue) pairs of the issue taxonomy, read without pandas (for the analyser)."""
    return [
        (keyword.strip(), row["issue"])
        for row in rows("issues.csv", str(datasets_dir()))
        for keyword in row["keywords"].split(";")
        if keyword.strip()
    ]


def load_action_categories() -> pd.DataFrame:
    """UPR Info's action categories (fact sheet §6.1): category (1-5), label, definition, verbs.

    ``verbs`` are joined by "; ". Labels of 1-4 and most verb lists are UNCONFIRMED (see
    ``label_status`` / ``verbs_status``): teach them as a guide, never grade on them.
    """
    categories = read_table("action_categories.csv")
    categories["category"] = categories["category"].astype(int)
    for column in ("label_status", "verbs_status"):
        categories[column] = categorical(categories[column], LIMIT_STATUSES)
    return categories


# ---------------------------------------------------------------------------- calendar


def load_sessions() -> pd.DataFrame:
    """UPR Working Group sessions 1-54: session, cycle, review_group, start_date, end_date, status.

    ``status`` is "confirmed" (held or fixed) or "projected" (52-54); ``dates_status`` says
    whether the exact days are CONFIRMED by the fact sheet or UNCONFIRMED (projected sessions
    have no dates, only a ``period`` such as "2026-10/11").
    """
    sessions = read_table("sessions.csv")
    for column in ("session", "cycle"):
        sessions[column] = sessions[column].astype(int)
    for column in ("start_date", "end_date"):
        sessions[column] = pd.to_datetime(sessions[column].replace("", None), format="%Y-%m-%d")
    sessions["status"] = categorical(sessions["status"], SESSION_STATUSES)
    sessions["dates_status"] = categorical(sessions["dates_status"], LIMIT_STATUSES)
    return sessions


REVIEW_STATUSES = ("confirmed", "derived", "projected", "unconfirmed")


def load_reviews() -> pd.DataFrame:
    """Which state (iso3) is reviewed in which session, as far as the fact sheet allows.

    Cycles 2-4 are complete except where the fact sheet is silent (Ukraine and Sudan in the
    4th cycle); the 1st cycle only has sessions 4, 5, 6, 9 and 11. ``status`` is one of
    confirmed, derived, projected, unconfirmed.
    """
    reviews = read_table("reviews.csv")
    reviews["session"] = reviews["session"].astype(int)
    reviews["status"] = categorical(reviews["status"], REVIEW_STATUSES)
    return reviews


# ---------------------------------------------------------------------------- treaties


def load_treaties() -> pd.DataFrame:
    """The nine core treaties and their optional protocols (fact sheet §11).

    Columns: code, name, short_name, committee, committee_members (Int), kind ("treaty" /
    "optional protocol"), parent, adopted (year), in_force (year), initial_report_years,
    reporting_periodicity_years (Int; empty when the treaty sets none), periodicity_status,
    aliases ("; "-joined codes other sources use), source.
    """
    treaties = read_table("treaties.csv")
    for column in (
        "committee_members",
        "adopted",
        "in_force",
        "initial_report_years",
        "reporting_periodicity_years",
    ):
        treaties[column] = nullable_int(treaties[column])
    treaties["kind"] = categorical(treaties["kind"], TREATY_KINDS)
    treaties["periodicity_status"] = categorical(
        treaties["periodicity_status"].replace("", None), LIMIT_STATUSES
    )
    return treaties


def load_regional_systems(system: str | None = None) -> pd.DataFrame:
    """Facts about the regional human rights systems and how they meet the UN mechanisms.

    Columns: key, system (categorical, ``REGIONAL_SYSTEMS``), body, topic, fact, status
    (CONFIRMED / DERIVED / UNCONFIRMED), source (fact-sheet keys), fact_sheet, method,
    would_cite (the text one would check an UNCONFIRMED fact against), taught_as, taught_with.
    ``system`` keeps one system's rows. Data card: datasets/cards/regional_systems.md.

    >>> african = load_regional_systems("African")
    >>> sorted(set(african["status"]))
    ['UNCONFIRMED']
    """
    facts = read_table("regional_systems.csv")
    if system is not None:
        if system not in REGIONAL_SYSTEMS:
            raise DataError(
                f"unknown regional system {system!r}; expected one of: "
                + ", ".join(REGIONAL_SYSTEMS)
            )
        facts = facts[facts["system"] == system].reset_index(drop=True)
    facts["system"] = categorical(facts["system"], REGIONAL_SYSTEMS)
    facts["status"] = categorical(facts["status"], LIMIT_STATUSES)
    return facts


# ---------------------------------------------------------------------------- recommendations


def load_recommendations() -> pd.DataFrame:
    """The kit's ILLUSTRATIVE corpus of UPR recommendations (written for the kit, not UN records).

    Columns (same as ``uprkit.data.importers.upr_info.import_upr_info``): recommendation_id,
    state_under_review and recommending_state (iso3), recommending_group (categorical),
    session, cycle, text, issues (issue ids joined by "; "), action_category (Int64 1-5),
    response (categorical "supported"/"noted"), illustrative (bool), source.
    """
    corpus = read_table("recommendations.csv")
    corpus["recommending_group"] = categorical(corpus["recommending_group"], RECOMMENDING_GROUPS)
    for column in ("session", "cycle", "action_category"):
        corpus[column] = nullable_int(corpus[column])
    corpus["response"] = categorical(corpus["response"], RESPONSES)
    corpus["illustrative"] = corpus["illustrative"].str.lower().eq("true")
    return corpus[list(RECOMMENDATION_COLUMNS)]


# ---------------------------------------------------------------------------- limits

LIMIT_SOURCES = (*LIMIT_STATUSES, "TRAINER")


def _read_overrides(overrides) -> tuple[dict, str]:
    if overrides is None:
        return {}, ""
    if isinstance(overrides, dict):
        return dict(overrides), "trainer override"
    path = Path(overrides)
    try:
        with open(path, "rb") as f:
            table = tomllib.load(f)
    except FileNotFoundError as exc:
        raise InputFileError(
            path, "no such file; expected a TOML file with a [limits] table"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(path, f"not valid TOML ({exc})") from exc
    # workshop.toml keeps overrides in a [limits] table (and may have none); a flat file of
    # numbers (limits.toml) is read as a whole.
    if "limits" in table:
        changes = table["limits"]
    elif any(isinstance(value, dict) for value in table.values()):
        changes = {}
    else:
        changes = table
    return dict(changes), f"trainer override ({path.name})"


def load_limits(overrides=None) -> pd.DataFrame:
    """The kit's procedural numbers in one place: key, value, unit, status, source, description.

    ``overrides`` lets a trainer change values: a dict ``{key: number}`` or the path of a
    TOML file with a ``[limits]`` table (e.g. ``workshop.toml``). Overridden rows get status
    "TRAINER" and ``overridden`` True. Unknown keys raise ``DataError`` listing the valid keys.

    >>> limits = load_limits({"stakeholder_submission_words_individual": 3000})
    >>> row = limits.loc["stakeholder_submission_words_individual"]
    >>> float(row.value), row.status
    (3000.0, 'TRAINER')
    """
    limits = read_table("limits.csv")
    limits["value"] = limits["value"].astype(float)
    limits["overridden"] = False
    limits = limits.set_index("key", drop=False)
    changes, source = _read_overrides(overrides)
    for key, value in changes.items():
        if key not in limits.index:
            raise DataError(
                f"unknown limit {key!r} in {source or 'overrides'}; valid keys: "
                + ", ".join(limits.index)
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataError(f"limit {key!r} must be a number, got {value!r} in {source}")
        limits.loc[key, ["value", "status", "source", "overridden"]] = [
            float(value),
            "TRAINER",
            source,
            True,
        ]
    limits["status"] = categorical(limits["status"], LIMIT_SOURCES)
    limits.index.name = None
    return limits


def get_limit(key: str, overrides=None) -> float:
    """One procedural number by key, e.g. ``get_limit("wg_other_states_minutes")`` → 140.0."""
    limits = load_limits(overrides)
    if key not in limits.index:
        raise DataError(f"unknown limit {key!r}; valid keys: " + ", ".join(limits.index))
    return float(limits.at[key, "value"])
