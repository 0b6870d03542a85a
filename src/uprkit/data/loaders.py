"""The kit's curated data (datasets/): states, UPR sessions, treaties, vocabularies, limits.

Every loader reads one CSV of the Frictionless data package in ``datasets/`` (see
``datasets/datapackage.json`` and the data cards in ``datasets/cards/``), gives documented
columns and dtypes (closed vocabularies are pandas categoricals) and caches the read, so
notebooks can call them freely. Each call returns a fresh copy: changing it changes nothing
for the next caller.

>>> load_states().shape[0]
193
>>> to_iso3("Swaziland"), to_iso3("Cote d'Ivoire"), to_iso3("TГјrkiye")
('SWZ', 'CIV', 'TUR')
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import tomllib
import unicodedata
from pathlib import Path

from uprkit.errors import DataError, InputFileError, UnknownStateError
from uprkit.paths import datasets_dir

__all__ = [
    "ACTION_CATEGORIES",
    "LIMIT_STATUSES",
    "RECOMMENDATION_COLUMNS",
    "RECOMMENDING_GROUPS",
    "REGIONAL_GROUPS",
    "RESPONSES",
    "cycle_of_session",
    "get_limit",
    "issue_keywords",
    "load_action_categories",
    "load_issues",
    "load_limits",
    "load_observer_states",
    "load_recommendations",
    "load_reviews",
    "load_sessions",
    "load_state_aliases",
    "load_states",
    "load_treaties",
    "regional_group_of",
    "to_iso3",
]

REGIONAL_GROUPS = (
    "African Group",
    "Asia-Pacific Group",
    "Eastern European Group",
    "GRULAC",
    "WEOG",
)
# Observers (Holy See, State of Palestine) make recommendations too but belong to no group.
RECOMMENDING_GROUPS = (*REGIONAL_GROUPS, "Observer")
RESPONSES = ("supported", "noted")
SESSION_STATUSES = ("confirmed", "projected")
TREATY_KINDS = ("treaty", "optional protocol")
LIMIT_STATUSES = ("CONFIRMED", "DERIVED", "UNCONFIRMED")
ACTION_CATEGORIES = (1, 2, 3, 4, 5)

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


# ---------------------------------------------------------------------------- reading


class _LazyPandas:
    """pandas, imported at first use. ``to_iso3``, ``regional_group_of`` and the analyser's issue
    keywords read plain rows instead, so a participant's grading kernel that only checks a
    state name or a recommendation starts ~0.45 s of CPU sooner."""

    def __getattr__(self, name: str):
        import pandas

        globals()["pd"] = pandas
        return getattr(pandas, name)


pd = _LazyPandas()


def _kit_file(name: str, folder: str) -> Path:
    path = Path(folder) / name
    if not path.is_file():
        raise InputFileError(
            path, "this data file of the kit is missing; reinstall or re-clone uprkit"
        )
    return path


@functools.cache
def _rows(name: str, folder: str) -> tuple[dict[str, str], ...]:
    """The rows of a kit CSV as strings (as ``_read_cached`` reads them), without pandas."""
    with _kit_file(name, folder).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@functools.cache
def _read_cached(name: str, folder: str) -> pd.DataFrame:
    path = _kit_file(name, folder)
    # keep_default_na=False: Namibia's ISO2 code is "NA" and must not become a missing value.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _read(name: str) -> pd.DataFrame:
    return _read_cached(name, str(datasets_dir())).copy()


def _categorical(values, categories) -> pd.Categorical:
    return pd.Categorical(values, categories=list(categories))


def _int(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None)).astype("Int64")


# ---------------------------------------------------------------------------- states


def load_states() -> pd.DataFrame:
    """The 193 UN member states: iso3, iso2, name (UN short name), short_name, regional_group.

    ``regional_group`` is a categorical of the five UN regional groups (fact sheet §7);
    Türkiye is listed under WEOG (where it counts for elections) and the United States under WEOG.
    """
    states = _read("states.csv")
    states["regional_group"] = _categorical(states["regional_group"], REGIONAL_GROUPS)
    return states


def load_observer_states() -> pd.DataFrame:
    """Non-member observer states that take part in the UPR (Holy See, State of Palestine)."""
    return _read("observer_states.csv")


def load_state_aliases() -> pd.DataFrame:
    """Other spellings of state names (UPR Info, UNTC, former names, mojibake): alias, iso3."""
    return _read("state_aliases.csv")


def _key(name: str) -> str:
    """A spelling-insensitive key: no accents, case, punctuation, '&' or 'St.' differences."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^st ", "saint ", text)
    text = re.sub(r" st ", " saint ", text)
    text = re.sub(r"^the ", "", text)
    return text


@functools.lru_cache(maxsize=4)
def _state_index(folder: str) -> tuple[dict[str, str], dict[str, str]]:
    """(code → iso3, name key → iso3) built from states, observers and aliases."""
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for table in ("states.csv", "observer_states.csv"):
        for row in _rows(table, folder):
            codes[row["iso3"]] = row["iso3"]
            codes[row["iso2"]] = row["iso3"]
            names[_key(row["name"])] = row["iso3"]
            names[_key(row["short_name"])] = row["iso3"]
    for row in _rows("state_aliases.csv", folder):
        names.setdefault(_key(row["alias"]), row["iso3"])
    return codes, names


def _repair_mojibake(name: str) -> list[str]:
    """Readings of ``name`` as UTF-8 text that was decoded with a wrong code page."""
    repaired = []
    for wrong in ("cp1251", "cp1252", "latin-1", "mac_roman"):
        try:
            fixed = name.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != name:
            repaired.append(fixed)
    return repaired


@functools.lru_cache(maxsize=4096)
def _to_iso3_cached(name_or_code: str, folder: str) -> str | None:
    codes, names = _state_index(folder)
    text = name_or_code.strip()
    # ISO2 codes only in capitals ("NA" is Namibia, "no" is not Norway); ISO3 in any case.
    if text in codes:
        return codes[text]
    if len(text) == 3 and text.upper() in codes:
        return codes[text.upper()]
    for candidate in (text, *_repair_mojibake(text)):
        iso3 = names.get(_key(candidate))
        if iso3:
            return iso3
    return None


# Entities that appear in treaty tables but are not UN member or observer states: named in the
# error so that a trainer is not pointed to a "close match" such as Niue → Niger.
NON_MEMBER_ENTITIES = {
    "cook islands": "self-governing in free association with New Zealand; party to some treaties",
    "niue": "self-governing in free association with New Zealand; party to some treaties",
    "european union": "a regional organisation; party to the CRPD",
    "montserrat": "a British overseas territory",
    "kosovo": "not a UN member state",
    "taiwan": "not a UN member state",
    "western sahara": "a non-self-governing territory",
}

# Names that stand for more than one state: refused with the candidates, never settled by a guess
# (so none of them may be a spelling in states.csv or state_aliases.csv).
AMBIGUOUS_NAMES = {
    "korea": ("KOR (Republic of Korea, South Korea)", "PRK (DPR Korea, North Korea)"),
}


def to_iso3(name_or_code: str) -> str:
    """The ISO3 code of a UN member or observer state, from any common spelling.

    Accepts ISO3/ISO2 codes, UN names, UPR Info and UNTC names, former names (Swaziland,
    Turkey, Macedonia FYR), accent-free and mojibake forms. Raises ``UnknownStateError`` with
    close matches when the name is not a state the kit knows; it never guesses.

    >>> to_iso3("Macedonia FYR"), to_iso3("St Kitts & Nevis"), to_iso3("CГґte d'Ivoire")
    ('MKD', 'KNA', 'CIV')
    """
    if not isinstance(name_or_code, str) or not name_or_code.strip():
        raise UnknownStateError(
            f"empty or missing state name {name_or_code!r}; expected a UN member state name or "
            "ISO3 code (see uprkit.data.load_states())"
        )
    folder = str(datasets_dir())
    iso3 = _to_iso3_cached(name_or_code, folder)
    if iso3 is None:  # why not, as precisely as the kit can say
        key = _key(name_or_code)
        candidates = AMBIGUOUS_NAMES.get(key)
        if candidates:
            raise UnknownStateError(
                f"ambiguous state name {name_or_code!r}: it could be {' or '.join(candidates)}; "
                "use the full name or the ISO3 code"
            )
        entity = NON_MEMBER_ENTITIES.get(key)
        if entity:
            raise UnknownStateError(
                f"{name_or_code!r} is not a UN member or observer state ({entity}); the kit "
                "covers the 193 member states and 2 observer states only"
            )
        display = {_key(row["name"]): row["name"] for row in _rows("states.csv", folder)}
        close = difflib.get_close_matches(key, list(display), n=3, cutoff=0.6)
        hint = ", ".join(display[c] for c in close) if close else "none"
        raise UnknownStateError(
            f"unknown state {name_or_code!r}: not one of the 193 UN member states or the 2 "
            f"observer states; close matches: {hint}. Valid names are in "
            "uprkit.data.load_states() (add a spelling to datasets/state_aliases.csv if it is one)"
        )
    return iso3


@functools.lru_cache(maxsize=4)
def _groups(folder: str) -> dict[str, str]:
    groups = {row["iso3"]: row["regional_group"] for row in _rows("states.csv", folder)}
    groups.update(dict.fromkeys((r["iso3"] for r in _rows("observer_states.csv", folder)),
                                "Observer"))
    return groups


def regional_group_of(iso3: str) -> str:
    """The UN regional group of a member state, or "Observer" for the Holy See and Palestine."""
    groups = _groups(str(datasets_dir()))
    if iso3 not in groups:
        raise UnknownStateError(
            f"unknown ISO3 code {iso3!r}; expected one of load_states().iso3 (or VAT, PSE)"
        )
    return groups[iso3]


# ---------------------------------------------------------------------------- vocabularies


def load_issues() -> pd.DataFrame:
    """The issue taxonomy (UPR Info's 54 issues, fact sheet §6.3a): issue, label, keywords.

    ``issue`` is a short id (``death_penalty``) used in the ``issues`` column of
    recommendations; ``keywords`` are lower-case words and phrases joined by "; " that the
    analyser looks for in a recommendation's text.
    """
    return _read("issues.csv")


def issue_keywords() -> list[tuple[str, str]]:
    """(keyword, issue) pairs of the issue taxonomy, read without pandas (for the analyser)."""
    return [
        (keyword.strip(), row["issue"])
        for row in _rows("issues.csv", str(datasets_dir()))
        for keyword in row["keywords"].split(";")
        if keyword.strip()
    ]


def load_action_categories() -> pd.DataFrame:
    """UPR Info's action categories (fact sheet §6.1): category (1-5), label, definition, verbs.

    ``verbs`` are joined by "; ". Labels of 1-4 and most verb lists are UNCONFIRMED (see
    ``label_status`` / ``verbs_status``): teach them as a guide, never grade on them.
    """
    categories = _read("action_categories.csv")
    categories["category"] = categories["category"].astype(int)
    for column in ("label_status", "verbs_status"):
        categories[column] = _categorical(categories[column], LIMIT_STATUSES)
    return categories


# ---------------------------------------------------------------------------- calendar


def load_sessions() -> pd.DataFrame:
    """UPR Working Group sessions 1-54: session, cycle, review_group, start_date, end_date, status.

    ``status`` is "confirmed" (held or fixed) or "projected" (52-54); ``dates_status`` says
    whether the exact days are CONFIRMED by the fact sheet or UNCONFIRMED (projected sessions
    have no dates, only a ``period`` such as "2026-10/11").
    """
    sessions = _read("sessions.csv")
    for column in ("session", "cycle"):
        sessions[column] = sessions[column].astype(int)
    for column in ("start_date", "end_date"):
        sessions[column] = pd.to_datetime(sessions[column].replace("", None), format="%Y-%m-%d")
    sessions["status"] = _categorical(sessions["status"], SESSION_STATUSES)
    sessions["dates_status"] = _categorical(sessions["dates_status"], LIMIT_STATUSES)
    return sessions


REVIEW_STATUSES = ("confirmed", "derived", "projected", "unconfirmed")


def load_reviews() -> pd.DataFrame:
    """Which state (iso3) is reviewed in which session, as far as the fact sheet allows.

    Cycles 2-4 are complete except where the fact sheet is silent (Ukraine and Sudan in the
    4th cycle); the 1st cycle only has sessions 4, 5, 6, 9 and 11. ``status`` is one of
    confirmed, derived, projected, unconfirmed.
    """
    reviews = _read("reviews.csv")
    reviews["session"] = reviews["session"].astype(int)
    reviews["status"] = _categorical(reviews["status"], REVIEW_STATUSES)
    return reviews


# ---------------------------------------------------------------------------- treaties


def load_treaties() -> pd.DataFrame:
    """The nine core treaties and their optional protocols (fact sheet §11).

    Columns: code, name, short_name, committee, committee_members (Int), kind ("treaty" /
    "optional protocol"), parent, adopted (year), in_force (year), initial_report_years,
    reporting_periodicity_years (Int; empty when the treaty sets none), periodicity_status,
    aliases ("; "-joined codes other sources use), source.
    """
    treaties = _read("treaties.csv")
    for column in (
        "committee_members",
        "adopted",
        "in_force",
        "initial_report_years",
        "reporting_periodicity_years",
    ):
        treaties[column] = _int(treaties[column])
    treaties["kind"] = _categorical(treaties["kind"], TREATY_KINDS)
    treaties["periodicity_status"] = _categorical(
        treaties["periodicity_status"].replace("", None), LIMIT_STATUSES
    )
    return treaties


# ---------------------------------------------------------------------------- recommendations


def load_recommendations() -> pd.DataFrame:
    """The kit's ILLUSTRATIVE corpus of UPR recommendations (written for the kit, not UN records).

    Columns (same as ``uprkit.data.importers.upr_info.import_upr_info``): recommendation_id,
    state_under_review and recommending_state (iso3), recommending_group (categorical),
    session, cycle, text, issues (issue ids joined by "; "), action_category (Int64 1-5),
    response (categorical "supported"/"noted"), illustrative (bool), source.
    """
    corpus = _read("recommendations.csv")
    corpus["recommending_group"] = _categorical(corpus["recommending_group"], RECOMMENDING_GROUPS)
    for column in ("session", "cycle", "action_category"):
        corpus[column] = _int(corpus[column])
    corpus["response"] = _categorical(corpus["response"], RESPONSES)
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
    limits = _read("limits.csv")
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
    limits["status"] = _categorical(limits["status"], LIMIT_SOURCES)
    limits.index.name = None
    return limits


def get_limit(key: str, overrides=None) -> float:
    """One procedural number by key, e.g. ``get_limit("wg_other_states_minutes")`` → 140.0."""
    limits = load_limits(overrides)
    if key not in limits.index:
        raise DataError(f"unknown limit {key!r}; valid keys: " + ", ".join(limits.index))
    return float(limits.at[key, "value"])
