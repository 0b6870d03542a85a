"""A delegation's statement in French, Spanish or Arabic: its recommendations are found.

The role-play lets a participant play a recommending State and write a statement; the Working
Group report records the recommendations in it. Delegations open with a lead-in ("Nous
recommandons au Kenya de …", "Recomendamos a Kenia: a) …", "نوصي كينيا بـ…") or a list; the
recommendation is what follows, starting with its action.
"""

from __future__ import annotations

import pytest

from uprkit.errors import SimulationError
from uprkit.i18n import use_language
from uprkit.simulations.dialogue.statements import extract_recommendations, make_statement

SHAPES = [
    (
        "Merci, Monsieur le Président. Nous recommandons au Kenya de ratifier la Convention "
        "contre la torture d’ici à 2027.",
        ("Ratifier la Convention contre la torture d’ici à 2027.",),
    ),
    (
        "Nous recommandons au Kenya : a) de ratifier le Protocole facultatif d’ici à 2027 ; "
        "b) d’adopter une loi sur la violence domestique.",
        ("Ratifier le Protocole facultatif d’ici à 2027.",
         "Adopter une loi sur la violence domestique."),
    ),
    (
        "La France recommande à l’État examiné d’adopter une loi sur la violence domestique.",
        ("Adopter une loi sur la violence domestique.",),
    ),
    (
        "Nous saluons la délégation. Le Kenya devrait créer une institution nationale des droits "
        "de l’homme.",
        ("Créer une institution nationale des droits de l’homme.",),
    ),
    (
        "Recomendamos a Kenia: a) ratificar la Convención contra la Tortura antes de 2027; "
        "b) adoptar una ley sobre la violencia doméstica.",
        ("Ratificar la Convención contra la Tortura antes de 2027.",
         "Adoptar una ley sobre la violencia doméstica."),
    ),
    (
        "España recomienda al Estado examinado adoptar una ley contra la trata.",
        ("Adoptar una ley contra la trata.",),
    ),
    (
        "شكراً سيدي الرئيس. نوصي كينيا بالتصديق على اتفاقية مناهضة التعذيب بحلول عام 2027.",
        ("التصديق على اتفاقية مناهضة التعذيب بحلول عام 2027.",),
    ),
    (
        "نوصي كينيا بما يلي: (أ) التصديق على البروتوكول الاختياري بحلول عام 2027؛ "
        "(ب) اعتماد قانون بشأن العنف المنزلي.",
        ("التصديق على البروتوكول الاختياري بحلول عام 2027.", "اعتماد قانون بشأن العنف المنزلي."),
    ),
    # greetings and thanks ask nothing, in any language
    ("Nous saluons le rapport du Kenya.", ()),
    ("Agradecemos a la delegación su presentación.", ()),
    ("نرحب بوفد كينيا.", ()),
    # English as before
    (
        "We recommend that Kenya: (a) ratify the CAT by 2027; (b) adopt a law.",
        ("Ratify the CAT by 2027.", "Adopt a law."),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_recommendations_found_in_statements_of_every_language(text, expected):
    assert extract_recommendations(text) == expected


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "ne contient aucune recommandation"), ("es", "no contiene ninguna recomendación"),
     ("ar", "لا يتضمن بيان")],
)  # fmt: skip
def test_a_statement_without_recommendation_is_refused_in_the_language(language, words):
    with use_language(language), pytest.raises(SimulationError, match=words):
        make_statement("Allemagne", "Nous saluons le rapport du Kenya.")
