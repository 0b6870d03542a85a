"""The words of the cohort, transcript and funder reports, in the report's language.

The report templates (``grading/templates/*.ipynb``, run by papermill) take a ``language``
parameter and show every sentence through :func:`report_words`, whose messages are marked here so
that ``uprkit i18n extract`` puts them in the ``reports`` catalog. Numbers and percentages are
written the language's way (Babel, from CLDR: ``12,5 %`` in French). The tables' column names and
the exported CSV files stay in English whatever the language: they are the kit's data format
(``uprkit.reports.exports``), and every report says so in its own language.

Which language a report is in: the ``--language`` a trainer gives, else ``language`` in the
workshop's ``workshop.toml``, else English (:func:`report_language`). A page for one person (a
feedback page, a certificate) is in that person's roster ``language`` first.

>>> words = report_words("fr")
>>> words.t(words.SCORES_PER_SKILL)
'Notes par compétence'
>>> words.percent(45.5), report_words("en").percent(45.5), report_words("ar").number(1234.5)
('45,5\\xa0%', '45.5%', '1,234.5')
>>> words.assignment("knowledge_check_pre")
'Test de connaissances (avant)'
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from babel.numbers import format_decimal, format_percent

from uprkit.errors import DataError
from uprkit.i18n.messages import LANGUAGES, N_, check_language, gettext, text_direction
from uprkit.reports.tables import ASSIGNMENT_SKILLS, LESSON_LABELS
from uprkit.workshop.folder import WORKSHOP_FILE, read_workshop_file

__all__ = [
    "ASSIGNMENT_TITLES",
    "COLUMNS",
    "TEXT",
    "person_language",
    "report_language",
    "report_words",
]

ASSIGNMENT_TITLES = {
    "knowledge_check_pre": N_("Knowledge check (before)"),
    "knowledge_check_post": N_("Knowledge check (after)"),
    "recommendations": N_("Drafting recommendations"),
    "submission_plan": N_("Stakeholder submission plan"),
    "lobbying_plan": N_("Lobbying plan"),
    "treaty_plan": N_("Treaty-body reporting plan"),
    "country_report": N_("Country report"),
    "followup_matrix": N_("Follow-up matrix"),
    "programme_evaluation": N_("Programme evaluation"),
}
# The values of ASSIGNMENT_SKILLS and LESSON_LABELS (uprkit.reports.tables), marked here so that
# they are translated on the page; the tables keep them in English.
_SHOWN_VALUES = (
    N_("Drafting SMART recommendations"),
    N_("Planning a stakeholder submission"),
    N_("Lobbying with data"),
    N_("Treaty-body reporting"),
    N_("Country analysis and writing"),
    N_("Follow-up and implementation"),
    N_("UPR and treaty-body knowledge"),
    N_("01 The UN human rights system"),
    N_("02 The UPR cycle"),
    N_("03 Reading UPR data"),
    N_("04 Drafting SMART recommendations"),
    N_("05 The stakeholder submission"),
    N_("06 Lobbying and advocacy"),
    N_("07 Working Group dialogue"),
    N_("08 Treaty bodies"),
    N_("09 Follow-up and implementation"),
    N_("10 Safety of defenders"),
    N_("11 Training of trainers"),
    N_("12 The daily briefing"),
    N_("13 The regional human rights systems"),
    N_("14 From local to international advocacy"),
    N_("15 Documentation and data collection"),
    N_("16 Shadow reports to the treaty bodies"),
)
TEXT = {
    # shared
    "DATA_FORMAT": N_(
        "The column names of the tables, and the CSV and XLSX files in tables/, stay in English: "
        "they are the kit's data format, read by its functions in every language."
    ),
    "NONE": N_("None."),
    "NAMES_SHOWN": N_(
        "**Names shown** (the trainer asked for --with-names): do not share this report."
    ),
    "PSEUDONYMS": N_(
        "Participants appear under pseudonyms; the key stays in the workshop folder. Groups "
        "smaller than three are merged in every breakdown."
    ),
    # cohort summary
    "COHORT_TITLE": N_("Cohort summary — {workshop}"),
    "ONE_PARTICIPANT": N_("1 participant."),
    "PARTICIPANTS": N_("{count} participants."),
    "SCORES_PER_ASSIGNMENT": N_("Scores per assignment"),
    "SCORES_INTRO": N_(
        "Mean of the graded submissions. Submissions that could not be graded, or still wait for "
        "a trainer's grade, are counted apart (“not graded”) and listed at the end — never as "
        "zero."
    ),
    "SCORES_PER_PARTICIPANT": N_("Scores per participant"),
    "SCORES_PER_SKILL": N_("Scores per skill"),
    "LEARNING": N_("Learning: knowledge check before and after"),
    "LEARNING_INTRO": N_("Only participants who took both checks are compared (paired)."),
    "GAINS": N_(
        "{paired} paired participants: mean {pre} before, {post} after (mean gain {gain} points; "
        "{improved} improved)."
    ),
    "NO_GAINS": N_("No participant has been graded in both knowledge checks yet."),
    "RATINGS": N_("How participants rated the lessons"),
    "NO_RATINGS": N_(
        "No ratings yet: they come with the programme evaluation, at the end of the workshop."
    ),
    "OWN_WORDS": N_("In their own words"),
    "MOST_USEFUL": N_("Most useful"),
    "TO_IMPROVE": N_("To improve"),
    "ANSWERS": N_("**{title}** ({count} answers)"),
    "FOLLOW_UP": N_("Follow-up plans"),
    "FOLLOW_UP_INTRO": N_("What participants plan to do in the next six months, at each level."),
    "LEVEL_PLANS": N_("**{level}** — {plans} plans from {people} participants"),
    "PARTICIPATION": N_("Participation by gender and region"),
    "PARTICIPATION_INTRO": N_("Groups smaller than three people are merged into “other/merged”."),
    "NOT_GRADED": N_("Submissions not graded, flagged or awaiting a trainer"),
    "NOT_GRADED_INTRO": N_(
        "These are not counted in any mean above. Grade or re-collect them, then build the report "
        "again."
    ),
    # transcript
    "TRANSCRIPT_TITLE": N_("Transcript — {workshop}"),
    "NAME_SHOWN": N_(
        "**Name shown** (the trainer asked for --with-names): give this page only to this "
        "participant."
    ),
    "PSEUDONYM": N_(
        "The participant appears under a pseudonym; the key stays in the workshop folder."
    ),
    "TOOK_PART": N_(
        "took part in the workshop **{workshop}** on the Universal Periodic Review and the UN "
        "treaty bodies and completed {completed} of {total} assignments."
    ),
    "ASSIGNMENT": N_("assignment"),
    "SKILL": N_("skill"),
    "RESULT": N_("result"),
    "CHECK_GAIN": N_("Knowledge check: {pre} before, {post} after."),
    "CHECK_NOT_BOTH": N_("Knowledge check: not taken both times."),
    # funder report
    "FUNDER_TITLE": N_("Report to the funder — {workshop}"),
    "FUNDER_INTRO": N_(
        "{people} human rights defenders took part. This report shows only totals and averages; "
        "groups smaller than three people are merged, and an average over fewer than three "
        "people is left out."
    ),
    "WHO": N_("Who took part"),
    "LEARNED": N_("What they learned"),
    "FUNDER_GAINS": N_(
        "Knowledge check (same questions before and after, {paired} participants who took both): "
        "mean {pre} before and {post} after, a gain of {gain} points; {improved} of {paired} "
        "improved."
    ),
    "FUNDER_NO_GAINS": N_(
        "Knowledge check: fewer than three participants took it both times, so no average is shown."
    ),
    "RATED": N_("How they rated the programme"),
    "FEW_RATINGS": N_("{count} lesson(s) rated by fewer than three people are left out."),
    "NO_RATINGS_GIVEN": N_("No ratings were given."),
    "NEXT": N_("What they will do next"),
    "PLANS_WRITTEN": N_("Follow-up plans written by participants: {levels}."),
    "PLANS_AT_LEVEL": N_("**{plans}** at {level} level"),
    # statuses and levels, as they are written in the tables
    "not submitted": N_("not submitted"),
    "awaiting manual grade": N_("awaiting manual grade"),
    "refused at collect": N_("refused at collect"),
    "flagged": N_("flagged"),
    "MANUAL_REASON": N_("a trainer still has to grade the written answers"),
    "national": N_("national"),
    "regional": N_("regional"),
    "UN": N_("UN"),
}


# The tables' column names as a report shows them (the exported files keep the English ones).
COLUMNS = {
    "assignment": N_("assignment"),
    "skill": N_("skill"),
    "graded": N_("graded"),
    "not graded": N_("not graded"),
    "mean %": N_("mean %"),
    "min %": N_("min %"),
    "max %": N_("max %"),
    "participant": N_("participant"),
    "status": N_("status"),
    "reason": N_("reason"),
    "breakdown": N_("breakdown"),
    "group": N_("group"),
    "participants": N_("participants"),
}
_VALUE_COLUMNS = ("skill", "status", "reason", "breakdown", "level")


def report_language(ws, language: str | None = None) -> str:
    """The report's language: ``language`` if given, else the workshop's (``language`` in its
    ``workshop.toml``), else English."""
    if language:
        return check_language(language)
    try:
        chosen = read_workshop_file(ws).get("language") or "en"
    except OSError:
        chosen = "en"
    try:
        return check_language(str(chosen))
    except DataError as error:
        raise DataError(
            f"{ws.root / WORKSHOP_FILE}: language = {chosen!r} is not one of the kit's; "
            f"write en, fr, es or ar ({error})"
        ) from error


def person_language(own, default: str) -> str:
    """The language of a page for one person: their roster ``language`` when it is one of the
    kit's, else ``default``.

    >>> person_language("AR", "fr"), person_language("", "fr"), person_language(None, "es")
    ('ar', 'fr', 'es')
    """
    code = str(own).strip().lower() if isinstance(own, str) else ""
    return code if code in LANGUAGES else check_language(default)


def report_words(language: str) -> SimpleNamespace:
    """Everything a report template needs to speak ``language``: ``t`` (gettext), the messages
    by name (``words.SCORES_PER_SKILL``), and number, percent, assignment, skill and lesson
    label in that language."""
    language = check_language(language)
    t = gettext(language)

    def number(value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        return format_decimal(round(float(value), 1), locale=language)

    def percent(value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        return format_percent(
            round(float(value), 1) / 100, locale=language, decimal_quantization=False
        )

    def participants(count: int) -> str:
        if count == 1:
            return t(TEXT["ONE_PARTICIPANT"])
        return t(TEXT["PARTICIPANTS"]).format(count=number(count))

    def shown(value) -> str:
        """A value of the tables (a skill, a lesson's label, a status) as the page shows it."""
        return t(value) if isinstance(value, str) and value else value

    def assignment(name: str) -> str:
        if name in ASSIGNMENT_TITLES:
            return t(ASSIGNMENT_TITLES[name])
        return name.replace("_", " ")

    def table(frame):
        """A copy of a report table as the page shows it: column names, skills, statuses and
        assignments in the report's language (a score matrix's assignment columns too)."""
        shown_frame = frame.copy()
        for column in _VALUE_COLUMNS:
            if column in shown_frame:
                shown_frame[column] = shown_frame[column].map(shown)
        if "assignment" in shown_frame:
            shown_frame["assignment"] = shown_frame["assignment"].map(assignment)
        names = {c: t(COLUMNS[c]) if c in COLUMNS else assignment(str(c)) for c in frame.columns}
        if "participant" in frame:  # a score matrix: its cells are scores or statuses
            for column in frame.columns:
                if column != "participant":
                    shown_frame[column] = shown_frame[column].map(shown)
        return shown_frame.rename(columns=names)

    return SimpleNamespace(
        language=language,
        direction=text_direction(language),
        t=t,
        number=number,
        percent=percent,
        shown=shown,
        participants=participants,
        assignment=assignment,
        table=table,
        skills=ASSIGNMENT_SKILLS,
        lessons=LESSON_LABELS,
        TEXT=TEXT,
        **TEXT,
    )
