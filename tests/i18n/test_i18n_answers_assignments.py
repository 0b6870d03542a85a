"""Every assignment accepts its autograded answers in French, Spanish and Arabic (issue 15, item 7).

Through the real grading path (workshop, release, collect, sandboxed nbgrader autograde,
gradebook), as ``tests/grading/test_assignments_grading.py`` grades the English solutions: each
solution's answers, written again by a francophone, a hispanophone and an arabophone participant,
earn every autograded point; a French answer that is wrong still loses its points. The tables
below are what a participant types: choice letters أ ب ج د, State names, follow-up statuses,
dates with month names (the UN's Arabic "شباط/فبراير"), decimal commas, Arabic-Indic digits,
True/False as words, section titles, treaty bodies by their French, Spanish or Arabic names.
"""

from __future__ import annotations

import datetime as dt
import re

import nbformat
import pytest

from uprkit.data import load_recommendations, load_treaties
from uprkit.grading.autograde import autograde
from uprkit.i18n import gettext
from uprkit.i18n.answer_words import STATUS_WORDS
from uprkit.i18n.answers import (
    mentions_section,
    read_boolean,
    read_choice,
    read_date,
    read_number,
    read_status,
    treaty_code_of,
)
from uprkit.reports.answers import evaluation_tables
from uprkit.training.demo_cohort import fill_answers, read_solution_answers
from uprkit.workshop.assignments import count_points
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.prepare import init_workshop, release_assignment
from uprkit.workshop.privacy import ensure_pseudonyms
from uprkit.workshop.roster import load_roster
from uprkit.workshop.status import gradebook_scores

ARABIC_DIGITS = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")
ARABIC_LETTERS = {"a": "أ", "b": "ب", "c": "ج", "d": "د"}


def _evidence(status_0307, date_0307, status_0314, date_0314, source="Journal officiel"):
    return (
        'row = matrix["recommendation_id"] == "ILL-0307"\n'
        'matrix.loc[row, ["status", "evidence", "evidence_date", "evidence_source"]] = '
        f'[{status_0307!r}, "décret n° 12", {date_0307!r}, {source!r}]\n'
        'row = matrix["recommendation_id"] == "ILL-0314"\n'
        'matrix.loc[row, ["status", "evidence", "evidence_date", "evidence_source"]] = '
        f'[{status_0314!r}, "2 personnes détenues", {date_0314!r}, "registre"]\n'
    )


def _treaty_dates(crc, crc_periodic, cedaw, cedaw_periodic, follow_up, treaty):
    return {
        "crc_deadlines": f"crc_initial_due = {crc!r}\ncrc_periodic_due = {crc_periodic!r}\n",
        "cedaw_deadlines": (
            f"cedaw_initial_due = {cedaw!r}\ncedaw_first_periodic_due = {cedaw_periodic!r}\n"
        ),
        "cedaw_follow_up": f"cedaw_follow_up_due = {follow_up!r}\n",
        "next_deadline": f"next_deadline = {follow_up!r}\nnext_deadline_treaty = {treaty!r}\n",
    }


# The lobbying plan's six champions (MAR, PLW, PNG, PRT, SLB, UGA), as each language names them.
CHAMPIONS = {
    "fr": [
        "Maroc",
        "Palaos",
        "Papouasie-Nouvelle-Guinée",
        "le Portugal",
        "Îles Salomon",
        "Ouganda",
    ],
    "es": ["Marruecos", "Palaos", "Papúa Nueva Guinea", "Portugal", "Islas Salomón", "Uganda"],
    "ar": ["المغرب", "بالاو", "بابوا غينيا الجديدة", "البرتغال", "جزر سليمان", "أوغندا"],
}


def _lobbying(language: str) -> dict[str, str]:
    """Numbers as a participant reads them off a table in their language."""
    recs = load_recommendations()
    mine = recs[recs["state_under_review"] == "KEN"]
    share = f"{(mine['response'] == 'supported').mean():.3f}"
    noted = int(((mine["response"] == "noted") & (mine["action_category"] == 5)).sum())
    number = {"fr": lambda s: s.replace(".", ","), "es": lambda s: s.replace(".", ","),
              "ar": lambda s: s.translate(ARABIC_DIGITS)}[language]  # fmt: skip
    return {
        "n_recommendations": f"n_recommendations = {number(str(len(mine)))!r}\n",
        "supported_share": f"supported_share = {number(share)!r}\n",
        "champions": f"champions = {CHAMPIONS[language]!r}\n",
        "noted_specific": f"noted_specific = {number(str(noted))!r}\n",
    }


def _sections(summary, methods, defenders, recommendations):
    return f"sections = {[summary, methods, defenders, recommendations]!r}\n"


def _specific_action(true, false):
    return f"specific_action = {{'A': {true!r}, 'B': {false!r}, 'C': {false!r}, 'D': {true!r}}}\n"


ANSWERS = {
    "knowledge_check_pre": {"ar": "letters"},  # fr and es write the same Latin letters as en
    "country_report": {
        "fr": {"state_under_review": 'state_under_review = "Slovénie"\n'},
        "es": {"state_under_review": 'state_under_review = "Eslovenia"\n'},
        "ar": {"state_under_review": 'state_under_review = "سلوفينيا"\n'},
    },
    "followup_matrix": {
        "fr": {
            "record_evidence": _evidence("mise en œuvre", "2 mars 2026", "en recul", "2 mai 2026"),
            "action_shares": 'supported_share = "33,3"\nnoted_share = "25"\n',
        },
        "es": {
            "record_evidence": _evidence(
                "aplicada", "2 de marzo de 2026", "en retroceso", "2 de mayo de 2026"
            ),
            "action_shares": 'supported_share = "33,3"\nnoted_share = "25,0"\n',
        },
        "ar": {
            "record_evidence": _evidence("نُفّذت", "2 آذار/مارس 2026", "تراجع", "٢ أيار/مايو ٢٠٢٦"),
            "action_shares": 'supported_share = "٣٣٫٣"\nnoted_share = "٢٥"\n',
        },
    },
    "lobbying_plan": {language: "lobbying" for language in ("fr", "es", "ar")},
    "programme_evaluation": {"ar": "ratings"},  # fr and es write the same digits as en
    "recommendations": {
        "fr": {
            "specific_action": _specific_action("vrai", "faux"),
            # the analyser reads French: a French draft earns the SMART points too
            "recommendation_2": (
                "%%answer recommendation_2\nMettre en place d'ici à 2027 un mécanisme national "
                "de prévention indépendant conformément au Protocole facultatif se rapportant à "
                "la Convention contre la torture, financé par le Ministère des finances, qui "
                "visite chaque année au moins 20 lieux où se trouvent des personnes privées de "
                "liberté.\n"
            ),
        },
        "es": {
            "specific_action": _specific_action("Verdadero", "Falso"),
            "recommendation_2": (
                "%%answer recommendation_2\nEstablecer para 2027 un mecanismo nacional de "
                "prevención independiente de conformidad con el Protocolo Facultativo de la "
                "Convención contra la Tortura, financiado por el Ministerio de Finanzas, que "
                "visite cada año al menos 20 lugares donde se encuentren personas privadas de "
                "libertad.\n"
            ),
        },
        "ar": {"specific_action": _specific_action("صحيح", "خطأ")},
    },
    "submission_plan": {
        "fr": {
            "sections": _sections(
                "Résumé analytique", "Méthodologie", "Défenseurs", "Recommandations"
            )
        },  # fmt: skip
        "es": {
            "sections": _sections(
                "Resumen ejecutivo", "Metodología", "Defensores", "Recomendaciones"
            )
        },  # fmt: skip
        "ar": {
            "sections": _sections("ملخص تنفيذي", "المنهجية", "المدافعون", "التوصيات"),
            "evidence_rows": (
                "evidence_rows = [\n"
                '    {"issue": "المدافعون", "evidence": "احتجاز 12 مدافعاً", "source": "سجلنا",'
                ' "year": "٢٠٢٥"},\n'
                '    {"issue": "المدافعون", "evidence": "مشروع قانون", "source": "البرلمان",'
                ' "year": "٢٠٢٤"},\n'
                '    {"issue": "التجمع", "evidence": "رفض 4 مسيرات", "source": "البلديات",'
                ' "year": 2026},\n'
                "]\n"
            ),
        },
    },
    "treaty_plan": {
        "fr": _treaty_dates(
            "15 mars 2013",
            ["15 mars 2018", "15 mars 2023"],
            "10 juin 2016",
            "10 juin 2020",
            "24 février 2027",
            "Comité pour l'élimination de la discrimination à l'égard des femmes",
        ),
        "es": _treaty_dates(
            "15 de marzo de 2013",
            ["15 de marzo de 2018", "15 de marzo de 2023"],
            "10 de junio de 2016",
            "10 de junio de 2020",
            "24 de febrero de 2027",
            "la CEDAW",
        ),
        "ar": _treaty_dates(
            "15 آذار/مارس 2013",
            ["١٥ آذار/مارس ٢٠١٨", "15 مارس 2023"],
            "10 حزيران/يونيه 2016",
            "10 يونيو 2020",
            "24 شباط/فبراير 2027",
            "لجنة القضاء على التمييز ضد المرأة",
        ),
    },
}

# Who writes in which language (ids that do not contain one another, for collect's matching).
PARTICIPANTS = {"fr": "aline", "es": "bruno", "ar": "camila", "fr_wrong": "dede"}

# A French participant with one wrong answer per assignment, and the points it must cost.
WRONG_IN_FRENCH = {
    "followup_matrix": (
        {"record_evidence": _evidence("mise en œuvre", "2 mars 2026", "mise en œuvre",
                                      "2 mai 2026")},  # fmt: skip
        1.75,  # ILL-0314 regressed, not implemented (0.75), so not a priority either (1)
    ),
    "treaty_plan": (
        _treaty_dates("15 mars 2013", ["15 mars 2018", "15 mars 2023"], "10 juin 2016",
                      "10 juin 2020", "24 février 2027", "Comité des droits de l'enfant"),
        1.0,  # the Committee on the Rights of the Child (CRC), not CEDAW
    ),
}  # fmt: skip


def _answers_in(name: str, language: str, solution: dict[str, str]) -> dict[str, str]:
    table = ANSWERS[name][language]
    if table == "letters":
        return {
            grade_id: source.replace(f'"{letter}"', f'"{ARABIC_LETTERS[letter]}"')
            for grade_id, source in solution.items()
            for letter in [source.split('"')[1]]
        }
    if table == "ratings":  # each rating 1-5 written in Arabic-Indic digits, between quotes
        ratings = re.sub(
            r"^(\s+)(\d)$",
            lambda m: f'{m[1]}"{m[2].translate(ARABIC_DIGITS)}"',
            solution["ratings"],
            flags=re.M,
        )
        assert ratings.count('"٤"') > 3, ratings
        most_useful = "%%answer most_useful\nإعادة صياغة توصياتنا بقائمة SMART.\n"
        return {**solution, "ratings": ratings, "most_useful": most_useful}
    if table == "lobbying":
        return {**solution, **_lobbying(language)}
    return {**solution, **table}


@pytest.mark.slow
def test_answers_in_french_spanish_and_arabic_earn_every_autograded_point(tmp_path, kit_root):
    assert set(CHAMPIONS["fr"]) and len(CHAMPIONS["ar"]) == len(
        set(
            load_recommendations().query("action_category == 5 and "
                                         "issues.str.contains('human_rights_defenders')")[
                "recommending_state"]
        )
    ), "the corpus's champions changed: update CHAMPIONS"  # fmt: skip
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\naline,Aline Martin,woman,Africa\n"
        "bruno,Bruno Díaz,man,Latin America and the Caribbean\n"
        "camila,Camila Haddad,woman,Middle East and North Africa\n"
        "dede,Dédé Kaboré,man,Africa\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp_path / "ws", roster, assignments=list(ANSWERS))
    expected: dict[tuple[str, str], float] = {}
    for name, languages in ANSWERS.items():
        source = kit_root / "solutions" / name / f"{name}.ipynb"
        released = nbformat.read(release_assignment(ws, name) / f"{name}.ipynb", as_version=4)
        solution = read_solution_answers(source)
        full = count_points(source)["autograded"]
        submissions = {language: _answers_in(name, language, solution) for language in languages}
        if name in WRONG_IN_FRENCH:
            wrong, lost = WRONG_IN_FRENCH[name]
            submissions["fr_wrong"] = {**_answers_in(name, "fr", solution), **wrong}
            expected[("fr_wrong", name)] = full - lost
        for pid, answers in submissions.items():
            expected.setdefault((pid, name), full)
            folder = tmp_path / "in" / name / PARTICIPANTS[pid]
            folder.mkdir(parents=True)
            nbformat.write(fill_answers(released, answers), folder / f"{name}.ipynb")
        collected = collect_submissions(ws, name, tmp_path / "in" / name).matched
        assert sorted(collected) == sorted(PARTICIPANTS[pid] for pid in submissions), name
        autograde(ws, name)

    scores = gradebook_scores(ws).set_index(["participant_id", "assignment"])
    got = {(who, name): float(scores.loc[(PARTICIPANTS[who], name), "score"])
           for who, name in expected}  # fmt: skip
    wrong = {key: (got[key], want) for key, want in expected.items() if got[key] != want}
    assert not wrong, wrong  # (language, assignment): (score, expected)
    # The cohort report reads the ratings "٤" as the autograder does: none is lost.
    people = load_roster(ws.roster_path)
    ratings = evaluation_tables(ws, people, ensure_pseudonyms(ws.root, people["participant_id"]),
                                with_names=True)[0]  # fmt: skip
    assert len(ratings) == 16 and set(ratings["rating"]) <= {3, 4, 5}, ratings


# ------------------------------------------------------------------ the readers, one by one (fast)


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_status_the_reports_show_is_read_back_as_the_matrix_word(language):
    """The statuses a coalition reads in its follow-up report (the reports catalog) are the ones a
    participant may type: each comes back as the matrix's own English word."""
    translate = gettext(language)
    shown = {status: translate(status) for status in STATUS_WORDS}
    assert all(shown[s] != s for s in shown), shown  # the catalog translates every status
    assert {status: read_status(text) for status, text in shown.items()} == {s: s for s in shown}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CEDAW", "CEDAW"), ("la CEDAW", "CEDAW"), ("CEDEF", "CEDAW"), ("سيداو", "CEDAW"),
        ("Comité pour l’élimination de la discrimination à l’égard des femmes", "CEDAW"),
        ("Comité para la Eliminación de la Discriminación contra la Mujer", "CEDAW"),
        ("لجنة القضاء على التمييز ضد المرأة", "CEDAW"),
        ("CRC", "CRC"), ("CDE", "CRC"), ("CDN", "CRC"), ("Comité des droits de l'enfant", "CRC"),
        ("Comité de los Derechos del Niño", "CRC"), ("لجنة حقوق الطفل", "CRC"),
        ("Committee on the Rights of the Child", "CRC"),
        ("Convention on the Rights of the Child", "CRC"),
        ("Comité des droits de l'homme", "ICCPR"), ("CCPR", "ICCPR"), ("CED", "CPED"),
        ("Comité contre la torture", "CAT"), ("اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة", "CRPD"),
        ("UNICEF", "UNICEF"), ("Comité des droits", "Comité des droits"),  # never guessed
    ],
)  # fmt: skip
def test_treaties_and_committees_by_any_of_their_names(text, expected):
    assert treaty_code_of(text) == expected


def test_every_treaty_code_of_the_kit_is_known_and_every_named_code_is_the_kits():
    from uprkit.i18n.answer_words import TREATY_NAMES

    codes = set(load_treaties()["code"])
    assert set(TREATY_NAMES) <= codes
    assert all(treaty_code_of(code) == code for code in codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-02-24", dt.date(2027, 2, 24)), ("٢٠٢٧-٠٢-٢٤", dt.date(2027, 2, 24)),
        ("24 février 2027", dt.date(2027, 2, 24)), ("1er mars 2027", dt.date(2027, 3, 1)),
        ("24 févr. 2027", dt.date(2027, 2, 24)), ("24 de febrero de 2027", dt.date(2027, 2, 24)),
        ("February 24, 2027", dt.date(2027, 2, 24)),
        ("24th of February 2027", dt.date(2027, 2, 24)),
        ("24 فبراير 2027", dt.date(2027, 2, 24)), ("٢٤ شباط/فبراير ٢٠٢٧", dt.date(2027, 2, 24)),
        ("10 حزيران/يونيه 2016", dt.date(2016, 6, 10)), ("3 تموز/يوليه 2026", dt.date(2026, 7, 3)),
        ("24/02/2027", "24/02/2027"),  # day/month or month/day: not guessed
        ("31 février 2027", "31 février 2027"), ("février 2027", "février 2027"),
        ("24 février", "24 février"), ("24 mars avril 2027", "24 mars avril 2027"),
        ("next Tuesday", "next Tuesday"),
    ],
)  # fmt: skip
def test_dates_with_month_names_in_four_languages_and_nothing_guessed(text, expected):
    assert read_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5", 2.5), ("٢٫٥", 2.5), ("٣٣٫٣", 33.3), ("0,667", 0.667), ("12", 12), ("١٢", 12),
        ("5 630", 5630), ("5\u202f630", 5630), ("-3", -3), (" 4 ", 4), (4, 4), (0.5, 0.5),
        ("5,630", "5,630"),  # 5630 in English, 5.63 in French: not guessed
        ("1.234,5", "1.234,5"), ("douze", "douze"), ("", ""),
    ],
)  # fmt: skip
def test_numbers_written_as_text(text, expected):
    got = read_number(text)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أ", "a"), ("ب", "b"), ("ج", "c"), ("د", "d"), ("(ج)", "c"), ("c", "c"), ("C", "C"),
        ("ز", "ز"), ("ab", "ab"), (3, 3),
    ],
)  # fmt: skip
def test_choice_letters(text, expected):
    assert read_choice(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vrai", True), ("Faux", False), ("oui", True), ("Verdadero", True), ("falso", False),
        ("Sí", True), ("صحيح", True), ("خطأ", False), ("نعم", True), ("لا", False),
        (True, True), (False, False), ("peut-être", "peut-être"), (1, 1),
    ],
)  # fmt: skip
def test_true_false_words(text, expected):
    assert read_boolean(text) is expected or read_boolean(text) == expected


@pytest.mark.parametrize(
    ("title", "section", "expected"),
    [
        ("Executive summary", "summary", True), ("Résumé analytique", "summary", True),
        ("Resumen ejecutivo", "summary", True), ("ملخص تنفيذي", "summary", True),
        ("Recommandations", "recommendation", True), ("Recomendaciones", "recommendation", True),
        ("التوصيات", "recommendation", True), ("Méthodologie", "summary", False),
        ("Défenseurs", "recommendation", False),
    ],
)  # fmt: skip
def test_section_titles(title, section, expected):
    assert mentions_section(title, section) is expected
