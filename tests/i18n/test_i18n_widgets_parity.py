"""Every widget a participant uses, built in French, Spanish and Arabic, holds no English.

Each widget is built in the language and driven one step (a draft checked and saved, a wrong
and a right quiz answer, a role-play turn and the draft report, a map update and a shortlist,
a calendar and a wrong line, a paragraph with identifying details, a follow-up row updated).
Then every visible string of the widget tree is collected: descriptions, tooltips,
placeholders, choices, button labels and rendered HTML. Two checks, both must hold:

* ``untranslated(texts, language)`` (uprkit.i18n.parity) finds no English sentence and no
  English message of the kit's catalogs;
* a short label (a button, a description, a tooltip, a placeholder, a choice) that reads the
  same as in the English widget is a catalog message translated as itself ("Source",
  "Date"), a code or a State's name: ``Button(description="Submit")`` fails here.

Quoted UN texts stay English and are allowed, as they are marked: HTML with ``lang="en"`` (the
recommendations of the kit's corpus, as the UN published them), and the recommendations the
follow-up matrix lists in its row chooser (the corpus texts to Kenya).
"""

from __future__ import annotations

import functools
import html
import re

import ipywidgets as widgets
import pytest
from babel.messages.pofile import read_po

from uprkit.data import load_recommendations
from uprkit.i18n import gettext, use_language
from uprkit.i18n.messages import CATALOGS, LOCALE_DIR
from uprkit.i18n.parity import english_messages, untranslated
from uprkit.simulations.followup import build_matrix, write_matrix
from uprkit.simulations.state_names import state_names
from uprkit.widgets import dialogue, documentation, stakeholders, treaty_reporting, workbench
from uprkit.widgets.followup import FollowupTracker
from uprkit.widgets.quiz import Question, show_quiz

LANGUAGES = ("fr", "es", "ar")
_QUOTED_HTML = re.compile(r"<(span|i|td|q)\b[^>]*\blang=\"en\"[^>]*>.*?</\1>", re.S)
_STYLE = re.compile(r"<style>.*?</style>", re.S)

DRAFTS = {
    "en": "Ratify the Convention against Torture by 2027.",
    "fr": "Ratifier la Convention contre la torture d’ici à 2027.",
    "es": "Ratificar la Convención contra la Tortura antes de 2027.",
    "ar": "التصديق على اتفاقية مناهضة التعذيب بحلول عام 2027.",
}
# A quiz question as a translated lesson gives it (the lesson catalogs translate the content).
QUESTIONS = {
    "en": ("How long does the State under review speak?", ("30 minutes", "70 minutes"),
           "The State under review has 70 of the 210 minutes."),
    "fr": ("Combien de temps l’État examiné parle-t-il ?", ("30 minutes", "70 minutes"),
           "L’État examiné dispose de 70 des 210 minutes."),
    "es": ("¿Cuánto tiempo habla el Estado examinado?", ("30 minutos", "70 minutos"),
           "El Estado examinado dispone de 70 de los 210 minutos."),
    "ar": ("كم من الوقت تتكلم الدولة موضوع الاستعراض؟", ("30 دقيقة", "70 دقيقة"),
           "للدولة موضوع الاستعراض 70 دقيقة من أصل 210 دقائق."),
}  # fmt: skip
STATEMENTS = {  # a delegation's statement, as a participant writes it in the workshop's language
    "en": "Thank you, Mr President. We recommend that Kenya ratify the Convention against "
    "Torture by 2027.",
    "fr": "Merci, Monsieur le Président. Nous recommandons au Kenya de ratifier la Convention "
    "contre la torture d’ici à 2027.",
    "es": "Gracias, señor Presidente. Recomendamos a Kenia: a) ratificar la Convención contra "
    "la Tortura antes de 2027; b) adoptar una ley sobre la violencia doméstica.",
    "ar": "شكراً سيدي الرئيس. نوصي كينيا بالتصديق على اتفاقية مناهضة التعذيب بحلول عام 2027.",
}
PARAGRAPHS = {
    "en": "We met Ms Okoro, aged 34, in the camp.",
    "fr": "Nous avons rencontré Mme Okoro, aged 34, dans le camp.",
    "es": "Conocimos a la Sra. Okoro, aged 34, en el campamento.",
    "ar": "التقينا السيدة Okoro، aged 34، في المخيم.",
}


def visible_texts(widget) -> tuple[list[str], list[str]]:
    """(every visible string, the short labels among them) of a widget tree."""
    texts: list[str] = []
    labels: list[str] = []

    def walk(w):
        if getattr(w.layout, "display", None) == "none":
            return
        for name in ("description", "tooltip", "placeholder", "button_style_label"):
            value = getattr(w, name, None)
            if isinstance(value, str) and value.strip():
                texts.append(value)
                labels.append(value)
        if isinstance(w, widgets.HTML | widgets.Label | widgets.HTMLMath):
            texts.append(_QUOTED_HTML.sub(" ", _STYLE.sub(" ", str(w.value))))
        options = getattr(w, "_options_labels", None)
        if options:
            texts.extend(options)
            if isinstance(w, widgets.ToggleButtons):
                labels.extend(options)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return texts, labels


def _corpus_quotes() -> list[str]:
    recommendations = load_recommendations()
    texts = recommendations.loc[recommendations["state_under_review"] == "KEN", "text"]
    return sorted({t[:70] for t in texts.astype(str)}, key=len, reverse=True)


def without_quotes(texts: list[str]) -> list[str]:
    """The texts with the corpus's recommendations (quoted as published) taken out."""
    quotes = _corpus_quotes()
    cleaned = []
    for text in texts:
        for quote in quotes:
            if quote in text:
                text = text.replace(quote, " ")
        cleaned.append(text)
    return cleaned


@functools.cache
def _all_messages() -> frozenset[str]:
    found = set()
    for name in CATALOGS:
        with (LOCALE_DIR / f"{name}.pot").open("rb") as handle:
            found |= {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id}
    return frozenset(found)


def _messages_translated_as_themselves(language: str) -> set[str]:
    """Catalog messages whose translation is the same word ("Source" in French)."""
    translate = gettext(language)
    return {m for m in _all_messages() if translate(m) == m}


def same_as_english(labels: list[str], english: list[str], language: str) -> list[str]:
    """Labels that read as in the English widget: not translated, unless the catalog translates
    them as themselves, or they are a code ("CEDAW") or a State's name."""
    allowed = _messages_translated_as_themselves(language)
    names = set(state_names(language).values()) | set(state_names("en").values())
    return sorted(
        label
        for label in set(labels) & set(english)
        if re.search(r"[^\W\d_]{2}", label)
        and label not in allowed
        and label not in names
        and not re.fullmatch(r"[A-Z0-9 ()=:/-]+", label)
    )


_PIECES = re.compile(r"<[^>]+>|[;:,.()\[\]«»“”\"!?\n—–·÷×]+")


def english_pieces(texts: list[str], language: str) -> list[str]:
    """Pieces of text (between tags and punctuation: a table cell, a word in brackets) that are
    one of the kit's English messages with a translation of their own, in any case: "supported"
    in a response column, "evidence" as a column name."""
    translate = gettext(language)
    # a word the language writes as English does ("Notes", "Suggestions :") is not English here
    written = {translate(m).casefold().rstrip(":. \u00a0") for m in _all_messages()}
    known = {m.casefold().rstrip(":. ") for m in english_messages(language)} - written
    found = set()
    for text in without_quotes(texts):
        for piece in _PIECES.split(html.unescape(_QUOTED_HTML.sub(" ", text))):
            piece = piece.strip()
            if piece and piece.casefold() in known:
                found.add(piece)
    return sorted(found)


def build_all(language: str, tmp_path) -> dict[str, widgets.Widget]:
    """Every participant widget, built in ``language`` and driven one step."""
    with use_language(language):  # what the participant types is in the workshop's language
        views = {}
        bench = workbench.show(state_under_review="KEN", language=language,
                               drafts_path=tmp_path / f"drafts-{language}.csv")  # fmt: skip
        bench.draft.value = DRAFTS[language]
        bench.check_button.click()
        bench.save_button.click()
        views["workbench"] = bench
        empty = workbench.show(state_under_review="KEN", language=language)
        empty.check_button.click()  # nothing written: an error, in the language
        assert "uprkit-error" in empty.status.value
        views["workbench (empty draft)"] = empty

        prompt, choices, why = QUESTIONS[language]
        quiz = show_quiz(
            [Question(prompt, choices, 1, why, "[UPRI-NEWMOD]")] * 3, language=language
        )
        quiz.items[0].radio.value = choices[0]  # wrong
        quiz.items[1].radio.value = choices[1]  # right
        for item in quiz.items:  # the third: no answer
            item.check_button.click()
        views["quiz"] = quiz

        room = dialogue.show(state_under_review="KEN", registered=12, seed=1, session=49,
                             answers_to_play=3, language=language)  # fmt: skip
        room.start_button.click()
        room.answer_buttons[0].click()  # support
        room.answer_buttons[3].click()  # postpone
        room.report_button.click()
        room.role.value = dialogue.ROLE_RECOMMENDING_STATE  # a turn as a delegation
        room.statement.value = STATEMENTS[language]
        room.deliver_button.click()
        assert "uprkit-ok" in room.status.value, room.status.value  # recorded, not refused
        views["dialogue"] = room
        refused = dialogue.show(state_under_review="KEN", registered=12, seed=1,
                                language=language)  # fmt: skip
        refused.start_button.click()
        refused.statement.value = PARAGRAPHS[language]  # no recommendation in it
        refused.deliver_button.click()
        assert "uprkit-error" in refused.status.value
        views["dialogue (refused statement)"] = refused
        unknown = dialogue.show(state_under_review="Narnia", language=language)
        unknown.start_button.click()
        assert "uprkit-error" in unknown.status.value
        views["dialogue (unknown State)"] = unknown

        stake = stakeholders.show(state_under_review="KEN", language=language)
        stake.power.value = 2
        stake.apply_button.click()
        stake.shortlist_button.click()
        views["stakeholders"] = stake

        calendar = treaty_reporting.show(
            in_force={"CEDAW": "1984-04-08", "CRC": "1990-09-02", "ICCPR": "1972-05-23"},
            language=language,
        )
        calendar.build_button.click()
        views["treaty_reporting"] = calendar
        broken = treaty_reporting.show(language=language)
        broken.dates.value = "CEDAW 1984-04-08"
        broken.build_button.click()  # an error line, in the language
        views["treaty_reporting (error)"] = broken
        undated = treaty_reporting.show(language=language)
        undated.dates.value = "CEDAW=1984-13-45"
        undated.build_button.click()
        assert "uprkit-error" in undated.status.value
        views["treaty_reporting (not a date)"] = undated

        checker = documentation.show_paragraph_checker({"P1": ["Okoro"]}, language=language)
        checker.text.value = PARAGRAPHS[language]
        checker.check_button.click()
        views["documentation"] = checker

        path = write_matrix(build_matrix(load_recommendations(), state="KEN", cycle=4),
                            tmp_path / f"followup-{language}.xlsx")  # fmt: skip
        tracker = FollowupTracker(path, language=language)
        tracker.evidence.value = DRAFTS[language]
        tracker.update_button.click()
        tracker.changes_button.click()
        views["followup"] = tracker
    return views


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    views = build_all("en", tmp_path_factory.mktemp("en"))
    return {name: visible_texts(view)[1] for name, view in views.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_widget_shows_english(language, english, tmp_path):
    views = build_all(language, tmp_path)
    for name, view in views.items():
        texts, labels = visible_texts(view)
        assert len(texts) > 3, name
        assert untranslated(without_quotes(texts), language) == [], name
        assert same_as_english(labels, english[name], language) == [], name
        assert english_pieces(texts, language) == [], name


def test_an_untranslated_button_is_caught(english, tmp_path):
    """The check above fails for a label someone forgets to mark: proved on a live widget."""
    view = workbench.show(state_under_review="KEN", language="fr")
    view.children = (*view.children, widgets.Button(description="Submit"))
    _texts, labels = visible_texts(view)
    with_submit = [*english["workbench"], "Submit"]
    assert same_as_english(labels, with_submit, "fr") == ["Submit"]
    view.children = (*view.children, widgets.HTML("<p>Check the draft before you save it.</p>"))
    texts, _labels = visible_texts(view)
    assert untranslated(texts, "fr") == ["Check the draft before you save it."]
    view.children = (*view.children, widgets.HTML("<table><tr><td>supported</td></tr></table>"))
    texts, _labels = visible_texts(view)
    assert english_pieces(texts, "fr") == ["supported"]  # a raw value in a table cell


@pytest.mark.parametrize("language", LANGUAGES)
def test_coalition_timetable_and_decisions_are_in_the_language(language):
    """Lesson 14's simulation: the timetable's steps and leads, and every kind of decision."""
    from uprkit.simulations.coalition import decide, plan_backwards

    positions = {"A": "support", "B": "block", "C": "stand aside", "D": "can live with it"}
    with use_language(language):
        frame = plan_backwards("2027-03-31", today="2026-11-15").to_frame()
        texts = [*frame["step"], *frame["lead"]]
        texts += [decide(positions, rule).explanation
                  for rule in ("consensus", "consent", "majority", "two thirds")]  # fmt: skip
        texts.append(decide({"A": "support"}, "consensus").explanation)
    assert untranslated(texts, language) == []
    english = plan_backwards("2027-03-31").to_frame()
    assert not set(frame["step"]) & set(english["step"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_shadow_report_outlines_and_comparison_are_in_the_language(language):
    """Lesson 16's simulation: every outline, the planned reports and the comparison table."""
    from uprkit.simulations.shadow_report import (
        ReportKind,
        check_outline,
        compare_upr_and_treaty_body,
        outline,
        plan_shadow_reports,
    )
    from uprkit.simulations.treaty_reporting import build_reporting_calendar

    with use_language(language):
        texts = []
        for kind in ReportKind:
            frame = outline(kind)
            texts += [*frame["section"], *frame["contents"], *check_outline(kind, [])]
        calendar = build_reporting_calendar(
            {"ICCPR": "2019-01-01", "CEDAW": "2020-01-01"}, start="2026-01-01", end="2031-12-31"
        )
        plan = plan_shadow_reports(calendar)
        texts += [*plan["report"], *plan["sections"]]
        table = compare_upr_and_treaty_body()
        texts += [cell for column in table.columns for cell in table[column]]
    assert len(plan) > 2
    assert untranslated(texts, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_incident_checks_are_in_the_language(language):
    """Lesson 15's check of the fictional incident log: what is wrong, and how to write it up."""
    from uprkit.data.practice import load_incident_key, load_incidents
    from uprkit.simulations.documentation import check_incidents

    with use_language(language):
        checked = check_incidents(load_incidents(), load_incident_key())
    texts = [*checked["how_to_write"], *checked["problems"]]
    assert any(texts) and untranslated(texts, language) == []
    assert english_pieces(texts, language) == []
