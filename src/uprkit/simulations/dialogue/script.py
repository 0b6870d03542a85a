"""One scripted Working Group review: the :class:`Dialogue`, set up by :func:`plan_dialogue`.

Delegations nobody plays speak from the kit's recommendation corpus (:func:`script_statements`)
and the State under review answers what the participants leave open (:func:`script_responses`).
A :class:`Dialogue` is immutable: ``add_statement`` and ``respond`` return a new one.
:mod:`uprkit.simulations.dialogue.report` turns it into the draft Working Group report, and
:mod:`uprkit.simulations.dialogue.cohort` plays it with a whole cohort.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

from uprkit.data import load_recommendations
from uprkit.errors import SimulationError
from uprkit.i18n import current_language
from uprkit.simulations.dialogue.lots import (
    SpeakersList,
    Troika,
    draw_speakers_list,
    draw_troika,
    pick_inscribed_states,
)
from uprkit.simulations.dialogue.responses import SUPPORTED_SHARE, Response, parse_response
from uprkit.simulations.dialogue.rules import SpeakingTime, allocate_speaking_time
from uprkit.simulations.dialogue.statements import Statement, make_statement
from uprkit.simulations.dialogue.states import (
    alphabetical_key,
    load_default_states,
    resolve_state,
    state_names,
)
from uprkit.simulations.state_names import state_names as localised_names

__all__ = [
    "RECOMMENDATIONS_PER_SPEAKER",
    "Dialogue",
    "DialogueRecommendation",
    "add_statement",
    "plan_dialogue",
    "respond",
    "script_responses",
    "script_statements",
]

RECOMMENDATIONS_PER_SPEAKER = (
    1,
    2,
    3,
    3,
    4,
)  # mean 2.6, as observed (~2.5-2.7). Source: [UPRI-S17]


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
        """ISO3 → short name of ``states`` in the language in use when first asked (English,
        or CLDR's name in French, Spanish or Arabic), built once per dialogue."""
        names = state_names(self.states)
        if current_language() != "en":
            names.update(localised_names())
        return names

    def recommendations(self) -> tuple[DialogueRecommendation, ...]:
        """Numbered in speaking order; identical texts are merged, naming every State."""
        merged: dict[str, tuple[str, list[str]]] = {}
        for statement in self.statements:
            for text in statement.recommendations:
                key = alphabetical_key(text).rstrip(". ")
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
