"""The Working Group interactive dialogue of the UPR, with the rules used since the 2nd cycle.

A review lasts 3.5 hours: 70 minutes for the State under Review (SuR) and 140 minutes divided
among all inscribed delegations, so everyone speaks (decision 17/119; Source: [UPRI-NEWMOD],
[UPRI-TRAX21]). Speakers are listed in English alphabetical order from a State drawn by lot; three
HRC members from different regional groups, also drawn by lot, form the troika (Source:
[UNGVA-2008], [SVN-WG]). Everything random takes a ``seed`` so a trainer can replay a round.

The functions build an immutable :class:`Dialogue`; ``add_statement`` and ``respond`` return a new
one. :mod:`uprkit.simulations.dialogue.report` turns it into the draft Working Group report, and
:mod:`uprkit.simulations.dialogue.cohort` plays it with a whole cohort.

>>> allocate_speaking_time(80).formatted
'1 min 45 s'
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

import pandas as pd

from uprkit.simulations.dialogue.statements import Statement, extract_recommendations, make_statement
from uprkit.errors import SimulationError, UnknownStateError

__all__ = [
    "Dialogue",
    "DialogueRecommendation",
    "Response",
    "SpeakersList",
    "SpeakingTime",
    "Statement",
    "Troika",
    "add_statement",
    "allocate_speaking_time",
    "draw_speakers_list",
    "draw_troika",
    "extract_recommendations",
    "make_statement",
    "name_of",
    "parse_response",
    "pick_inscribed_states",
    "plan_dialogue",
    "resolve_state",
    "respond",
    "script_responses",
    "script_statements",
    "state_names",
]

REVIEW_MINUTES = 210  # 3.5 h since the 2nd cycle. Source: [UPRI-NEWMOD], [PRST20]
STATE_UNDER_REVIEW_MINUTES = 70  # Source: [UPRI-NEWMOD], [UPRI-31]
DELEGATIONS_MINUTES = 140  # Source: [UPRI-NEWMOD]
SUPPORTED_SHARE = 0.75  # about 75 % of recommendations are supported. Source: [UPRI-FRAMING]
RECOMMENDATIONS_PER_SPEAKER = (
    1,
    2,
    3,
    3,
    4,
)  # mean 2.6, as observed (~2.5-2.7). Source: [UPRI-S17]
# 193 UN members + 2 observer States (Holy See, State of Palestine) may take the floor.
# Source: [UPRI-WHAT] ("any UN Member/Observer State may take part and speak").
MAX_OTHER_DELEGATIONS = 194
UNCONFIRMED_DEFAULT_MAXIMA = (
    "The default maxima when few States register (3 min for HRC members, 2 min for observers) "
    "are UNCONFIRMED (fact sheet §3): they are a parameter here, off unless you set them."
)


class Response(StrEnum):
    """A State's answer to a recommendation. Only two are official (Source: [UPRI-S17])."""

    SUPPORTED = "supported"
    NOTED = "noted"
    # Appears in practice (e.g. 79 recommendations at HRC 58), but is not an official response:
    # the report lists it apart and says so. Source: [UPRI-HRC58]
    PARTIALLY_SUPPORTED = "partially supported"

    @property
    def is_official(self) -> bool:
        return self is not Response.PARTIALLY_SUPPORTED


_RESPONSE_ALIASES = {
    "supported": Response.SUPPORTED,
    "support": Response.SUPPORTED,
    "accepted": Response.SUPPORTED,  # UPR Info's database word for "supported"
    "noted": Response.NOTED,
    "note": Response.NOTED,
    "partially supported": Response.PARTIALLY_SUPPORTED,
    "partly supported": Response.PARTIALLY_SUPPORTED,
}


def parse_response(value: str | Response) -> Response:
    """Read a response word; refuse "rejected", which the HRC does not recognise.

    >>> parse_response("accepted").value
    'supported'
    """
    if isinstance(value, Response):
        return value
    key = str(value).strip().lower()
    if key in _RESPONSE_ALIASES:
        return _RESPONSE_ALIASES[key]
    if key.startswith("reject"):
        raise SimulationError(
            f"response {value!r}: a State can note a recommendation but not reject it; "
            "use 'supported' or 'noted' (Source: [UPRI-S17])"
        )
    raise SimulationError(
        f"unknown response {value!r}; expected 'supported', 'noted' or 'partially supported'"
    )


# --- speaking time -------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakingTime:
    """Seconds each inscribed delegation gets out of the 140 minutes."""

    registered: int
    seconds_per_delegation: float
    capped: bool
    note: str

    @property
    def formatted(self) -> str:
        whole = int(self.seconds_per_delegation)  # rounded down: the total never exceeds 140 min
        minutes, seconds = divmod(whole, 60)
        return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def allocate_speaking_time(
    registered: int,
    *,
    delegations_minutes: float = DELEGATIONS_MINUTES,
    default_maximum_seconds: float | None = None,
) -> SpeakingTime:
    """Divide the 140 minutes among all inscribed delegations (140 min / n, DERIVED).

    ``default_maximum_seconds`` applies a cap when few States register; the real caps are
    UNCONFIRMED, so it is off by default.

    >>> allocate_speaking_time(160).formatted
    '52 s'
    """
    if registered < 1:
        raise SimulationError(
            f"{registered} delegations registered: the list of speakers is empty; "
            "at least one State must inscribe for a dialogue to take place"
        )
    if registered > MAX_OTHER_DELEGATIONS:
        raise SimulationError(
            f"{registered} delegations registered, but at most {MAX_OTHER_DELEGATIONS} States "
            "(193 UN members and 2 observer States, minus the State under review) can take the "
            "floor; no real list can be this long"
        )
    seconds = delegations_minutes * 60 / registered
    note = (
        f"{delegations_minutes:g} minutes divided among {registered} delegations, so that every "
        "inscribed State speaks; nobody is cut from the list (rule since the 2nd cycle, "
        "Source: [UPRI-TRAX21])."
    )
    capped = default_maximum_seconds is not None and seconds > default_maximum_seconds
    if capped:
        seconds = float(default_maximum_seconds)
        note += " Capped at the default maximum you set. " + UNCONFIRMED_DEFAULT_MAXIMA
    elif default_maximum_seconds is None:
        note += " " + UNCONFIRMED_DEFAULT_MAXIMA
    return SpeakingTime(registered, seconds, capped, note)


# --- states ----------------------------------------------------------------------------------


def load_default_states() -> pd.DataFrame:
    """The 193 UN members (iso3, name, regional_group) and the 2 observer States, which may also
    take the floor (no regional group: they are never drawn for the troika). From uprkit.data."""
    # imported here: importing uprkit.simulations.dialogue.rules reads nothing
    from uprkit.data import load_observer_states, load_states

    members = load_states()
    observers = load_observer_states()[["iso3", "name"]]
    frame = pd.concat([members, observers], ignore_index=True)
    frame["regional_group"] = pd.Categorical(
        frame["regional_group"], categories=members["regional_group"].cat.categories
    )
    return frame


def resolve_state(
    value: str, states: pd.DataFrame, *, names: Mapping[str, str] | None = None
) -> str:
    """Turn a name or code into an ISO3 code in ``states``; unknown ones list close matches.

    ``names`` is ``state_names(states)`` when the caller already has it (loops over delegations).
    """
    text = str(value).strip()
    names = state_names(states) if names is None else names
    if text.upper() in names:
        return text.upper()
    codes = set(names)
    by_name = {_fold(n): c for c, n in names.items()}
    if _fold(text) in by_name:
        return by_name[_fold(text)]
    from uprkit.data import to_iso3

    code = to_iso3(text)  # aliases, accents, mojibake; raises UnknownStateError with close matches
    if code in codes:
        return code
    # a real State, but not in the (smaller) table this simulation was given
    import difflib

    choices = list(codes) + list(states["name"])
    close = difflib.get_close_matches(text, choices, n=4, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownStateError(
        f"unknown State {value!r}: not one of the {len(codes)} States in the list{hint} "
        "(use an ISO3 code such as KEN or an English short name such as Kenya)"
    )


def _fold(text: str) -> str:
    """Lower-case, no accents: the key of English alphabetical order ("Türkiye" ~ "Turkiye")."""
    norm = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).casefold().strip()


def state_names(states: pd.DataFrame) -> dict[str, str]:
    """ISO3 → English short name (plain dict: loops over delegations stay fast)."""
    return dict(zip(states["iso3"].tolist(), states["name"].astype(str).tolist(), strict=True))


def name_of(code: str, states: pd.DataFrame) -> str:
    """The English short name of ``code`` (the code itself if unknown). In a loop, build
    ``state_names(states)`` once, or use ``Dialogue.names``."""
    return state_names(states).get(code, code)


# --- speakers list and troika ----------------------------------------------------------------


@dataclass(frozen=True)
class SpeakersList:
    """Inscribed delegations in speaking order: English alphabetical, from a State drawn by lot."""

    state_under_review: str
    order: tuple[str, ...]
    starting_state: str
    seed: int


def draw_speakers_list(
    inscribed: Iterable[str],
    *,
    state_under_review: str,
    seed: int,
    states: pd.DataFrame | None = None,
) -> SpeakersList:
    """Order the inscribed States alphabetically (English names) and start at one drawn by lot.

    The list wraps around: after Zimbabwe comes Afghanistan (Source: [UPRI-TRAX21], [SVN-WG]).
    """
    states = load_default_states() if states is None else states
    sur = resolve_state(state_under_review, states)
    all_names = state_names(states)
    codes = [resolve_state(v, states, names=all_names) for v in inscribed]
    if not codes:
        raise SimulationError(
            "the list of speakers is empty: inscribe at least one State other than "
            f"{name_of(sur, states)}"
        )
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise SimulationError(
            f"States inscribed twice: {', '.join(duplicates)}; each delegation speaks once"
        )
    if sur in codes:
        raise SimulationError(
            f"{name_of(sur, states)} is the State under review: it speaks in its own 70 minutes, "
            "not from the list of speakers"
        )
    allocate_speaking_time(len(codes))  # raises if the list is longer than the rules allow
    names = {c: all_names[c] for c in codes}
    alphabetical = sorted(codes, key=lambda c: _fold(names[c]))
    start = random.Random(seed).randrange(len(alphabetical))
    order = tuple(alphabetical[start:] + alphabetical[:start])
    return SpeakersList(sur, order, order[0], seed)


def pick_inscribed_states(
    state_under_review: str,
    registered: int,
    *,
    seed: int,
    states: pd.DataFrame | None = None,
    recommendations: pd.DataFrame | None = None,
) -> tuple[str, ...]:
    """Choose ``registered`` States to inscribe; earlier recommenders to the SuR come first."""
    states = load_default_states() if states is None else states
    sur = resolve_state(state_under_review, states)
    allocate_speaking_time(registered)
    others = sorted(c for c in states["iso3"].tolist() if c != sur)
    if registered > len(others):
        raise SimulationError(
            f"{registered} delegations registered, but the list of States has only {len(others)} "
            f"States other than {name_of(sur, states)}"
        )
    rng = random.Random(seed)
    earlier: list[str] = []
    if recommendations is not None and len(recommendations):
        mask = recommendations["state_under_review"] == sur
        earlier = sorted(
            set(recommendations.loc[mask, "recommending_state"].tolist()) & set(others)
        )
        rng.shuffle(earlier)
    rest = [c for c in others if c not in set(earlier)]
    rng.shuffle(rest)
    return tuple((earlier + rest)[:registered])


@dataclass(frozen=True)
class Troika:
    """Three HRC members from different regional groups, drawn by lot, who act as rapporteurs."""

    members: tuple[str, str, str]
    regional_groups: tuple[str, str, str]
    note: str


def draw_troika(
    state_under_review: str,
    *,
    seed: int,
    hrc_members: Iterable[str] | None = None,
    states: pd.DataFrame | None = None,
) -> Troika:
    """Draw three HRC members by lot, each from a different regional group (Source: [UNGVA-2008]).

    ``hrc_members`` is the Council's membership for the year you simulate; without it every UN
    member State is a candidate (the kit ships no membership list), and the troika says so.
    """
    states = load_default_states() if states is None else states
    sur = resolve_state(state_under_review, states)
    # only States with a regional group sit on the Council (observers have none)
    grouped = states[states["regional_group"].notna()]
    group_of = dict(
        zip(grouped["iso3"].tolist(), grouped["regional_group"].astype(str).tolist(), strict=True)
    )
    if hrc_members is None:
        candidates = sorted(c for c in group_of if c != sur)
        note = "drawn from all UN member States: pass hrc_members for a given year's HRC."
    else:
        candidates = sorted({resolve_state(c, states) for c in hrc_members} - {sur})
        outside = [c for c in candidates if c not in group_of]
        if outside:
            raise SimulationError(
                f"{', '.join(outside)}: observer State(s), not members of the Human Rights "
                "Council; only Council members can be drawn for the troika"
            )
        note = "drawn from the HRC members given."
    rng = random.Random(seed)
    rng.shuffle(candidates)
    chosen: list[str] = []
    for code in candidates:
        if group_of[code] not in {group_of[c] for c in chosen}:
            chosen.append(code)
        if len(chosen) == 3:
            break
    if len(chosen) < 3:
        groups = sorted({group_of[c] for c in candidates})
        raise SimulationError(
            f"cannot draw a troika: the candidates come from {len(groups)} regional group(s) "
            f"({', '.join(groups) or 'none'}), three different groups are needed"
        )
    note += (
        " The SuR's options (one member from its own group, one substitution) are "
        "UNCONFIRMED (fact sheet §3) and not simulated."
    )
    return Troika(tuple(chosen), tuple(group_of[c] for c in chosen), note)  # type: ignore[arg-type]


def script_statements(
    speakers: SpeakersList,
    recommendations: pd.DataFrame,
    *,
    seed: int,
    states: pd.DataFrame,
) -> tuple[Statement, ...]:
    """Statements for the delegations nobody plays, taken from the recommendation corpus.

    A delegation that recommended to this SuR in the corpus repeats those recommendations; others
    draw from what they (or, failing that, anyone) recommended to other States.
    """
    rng = random.Random(seed)
    names = state_names(states)
    sur_name = names.get(speakers.state_under_review, speakers.state_under_review)
    # plain tuples, grouped once: pandas per-row operations are too slow for a click
    rows = list(
        zip(
            *(
                recommendations[c].astype(str).tolist()
                for c in ("recommendation_id", "state_under_review", "recommending_state", "text")
            ),
            strict=True,
        )
    )
    by_pair: dict[tuple[str, str], list[int]] = {}
    by_speaker: dict[str, list[int]] = {}
    for i, (_, sur, recommending, _) in enumerate(rows):
        by_pair.setdefault((recommending, sur), []).append(i)
        by_speaker.setdefault(recommending, []).append(i)
    everything = list(range(len(rows)))
    statements = []
    for speaker in speakers.order:
        pool = (
            by_pair.get((speaker, speakers.state_under_review))
            or by_speaker.get(speaker)
            or everything
        )
        count = rng.choice(RECOMMENDATIONS_PER_SPEAKER)
        chosen = sorted(rng.sample(pool, min(count, len(pool))))
        if len(chosen) < count:  # top up from the whole corpus, as States recommend ~2.6 each
            taken = set(chosen)
            rest = [i for i in everything if i not in taken]
            chosen += sorted(rng.sample(rest, min(count - len(chosen), len(rest))))
        texts = tuple(rows[i][3] for i in chosen)
        ids = tuple(rows[i][0] for i in chosen)
        who = names.get(speaker, speaker)
        said = f"{who} thanked {sur_name} for its presentation and recommended: "
        statements.append(Statement(speaker, said + " ".join(texts), texts, True, ids))
    return tuple(statements)


# --- the dialogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DialogueRecommendation:
    """One numbered recommendation of the report, with every State that made it."""

    number: int
    text: str
    recommending_states: tuple[str, ...]


@dataclass(frozen=True)
class Dialogue:
    """One Working Group review: who speaks, for how long, what was said, and the SuR's answers."""

    state_under_review: str
    speakers: SpeakersList
    speaking_time: SpeakingTime
    troika: Troika
    statements: tuple[Statement, ...]
    states: pd.DataFrame = field(repr=False, compare=False)
    session: int | None = None
    seed: int = 0
    responses: Mapping[int, Response] = field(default_factory=dict)
    corpus_responses: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def names(self) -> dict[str, str]:
        """ISO3 → English short name of ``states``, built once per dialogue."""
        return state_names(self.states)

    def recommendations(self) -> tuple[DialogueRecommendation, ...]:
        """Numbered in speaking order; identical texts are merged, naming every State."""
        merged: dict[str, tuple[str, list[str]]] = {}
        for statement in self.statements:
            for text in statement.recommendations:
                key = _fold(text).rstrip(". ")
                if key not in merged:
                    merged[key] = (text, [])
                if statement.speaker not in merged[key][1]:
                    merged[key][1].append(statement.speaker)
        return tuple(
            DialogueRecommendation(i, text, tuple(who))
            for i, (text, who) in enumerate(merged.values(), start=1)
        )

    def statement_of(self, speaker: str) -> Statement:
        for statement in self.statements:
            if statement.speaker == speaker:
                return statement
        raise SimulationError(
            f"{speaker} is not on the list of speakers; inscribed: {', '.join(self.speakers.order)}"
        )


def plan_dialogue(
    state_under_review: str,
    *,
    registered: int | Sequence[str] = 80,
    seed: int = 0,
    session: int | None = None,
    recommendations: pd.DataFrame | None = None,
    states: pd.DataFrame | None = None,
    hrc_members: Iterable[str] | None = None,
    default_maximum_seconds: float | None = None,
) -> Dialogue:
    """Set up a review: inscribed States, speaking order, time, troika and scripted statements.

    ``registered`` is a number of delegations (picked from the data) or the list of States.
    ``recommendations`` defaults to the kit's illustrative corpus (uprkit.data).
    """
    states = load_default_states() if states is None else states
    if recommendations is None:
        from uprkit.data import load_recommendations

        recommendations = load_recommendations()
    sur = resolve_state(state_under_review, states)
    if isinstance(registered, int):
        inscribed = pick_inscribed_states(
            sur, registered, seed=seed, states=states, recommendations=recommendations
        )
    else:
        inscribed = tuple(registered)
    speakers = draw_speakers_list(inscribed, state_under_review=sur, seed=seed, states=states)
    time = allocate_speaking_time(
        len(speakers.order), default_maximum_seconds=default_maximum_seconds
    )
    troika = draw_troika(sur, seed=seed, hrc_members=hrc_members, states=states)
    statements = script_statements(speakers, recommendations, seed=seed, states=states)
    # What the SuR answered before to the same text; its own answers win over other States'.
    corpus: dict[str, str] = {}
    if "response" in recommendations:
        rows = zip(
            recommendations["state_under_review"].astype(str).tolist(),
            recommendations["text"].astype(str).tolist(),
            recommendations["response"].astype(object).tolist(),
            strict=True,
        )
        for _to_sur, text, response in sorted(rows, key=lambda row: row[0] == sur):
            if pd.notna(response):
                corpus[text] = str(response)
    return Dialogue(sur, speakers, time, troika, statements, states, session, seed, {}, corpus)


def add_statement(dialogue: Dialogue, speaker: str, text: str) -> Dialogue:
    """Replace one delegation's scripted statement by what a participant wrote."""
    code = resolve_state(speaker, dialogue.states)
    dialogue.statement_of(code)  # raises if not inscribed
    new = make_statement(code, text)
    statements = tuple(new if s.speaker == code else s for s in dialogue.statements)
    return replace(dialogue, statements=statements, responses={})


def respond(dialogue: Dialogue, responses: Mapping[int, str | Response | None]) -> Dialogue:
    """Record the SuR's responses by recommendation number; ``None`` means "postponed"."""
    valid = {r.number for r in dialogue.recommendations()}
    updated = dict(dialogue.responses)
    for number, value in responses.items():
        if number not in valid:
            raise SimulationError(
                f"no recommendation number {number}; the dialogue has recommendations "
                f"1 to {max(valid, default=0)}"
            )
        if value is None:
            updated.pop(number, None)
        else:
            updated[number] = parse_response(value)
    return replace(dialogue, responses=updated)


def script_responses(
    dialogue: Dialogue, *, seed: int, only_missing: bool = True, postpone_share: float = 0.0
) -> Dialogue:
    """Let the SuR answer the rest: the corpus response where known, else ~75 % supported.

    ``postpone_share`` leaves some recommendations for later (10 of 14 SuRs postponed their
    positions at the 49th session, Source: [UPRI-49]).
    """
    rng = random.Random(seed)
    updated = dict(dialogue.responses) if only_missing else {}
    for rec in dialogue.recommendations():
        if rec.number in updated:
            continue
        if rng.random() < postpone_share:
            continue
        known = dialogue.corpus_responses.get(rec.text)
        if known in ("supported", "noted"):
            updated[rec.number] = Response(known)
        else:
            supported = rng.random() < SUPPORTED_SHARE
            updated[rec.number] = Response.SUPPORTED if supported else Response.NOTED
    return replace(dialogue, responses=updated)
