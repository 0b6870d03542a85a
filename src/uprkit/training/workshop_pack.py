"""A local workshop pack: everything a trainer of trainers needs for one country and one language.

``build_workshop_pack`` makes a self-contained folder: the agenda with times (the 3-, 5- or 10-day
agenda of the facilitator guide), the lessons and assignments on it in the chosen language, the
kit's data with a ``country/`` folder for the chosen State (the recommendations it received in the
kit's corpus, its UPR dates, and its treaty-body calendar when the trainer brings ratification
dates), the facilitator guide, a roster template, a certificate template and the participants'
JupyterLab profile (``lab-profile/participants``: no nbgrader instructor tools, no news pop-up).

The pack is itself a kit folder (``course/``, ``exercises/``, ``solutions/``, ``datasets/``,
``grading/``), so the notebooks run from it. ``solutions/`` holds the answers: it is for the
trainer only; participants get ``course/`` and ``exercises/``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import nbformat
import pandas as pd
import tomli_w
from babel import Locale

from uprkit.data import load_recommendations, load_states, load_treaties, to_iso3
from uprkit.data.importers.ratifications import import_ratifications
from uprkit.errors import WorkshopError
from uprkit.i18n.answers import state_code_of
from uprkit.i18n.documents import (
    document_catalog_path,
    write_localised_data_documents,
    write_localised_documents,
)
from uprkit.i18n.messages import LANGUAGE_NAMES, check_language, gettext, text_direction
from uprkit.i18n.notebooks import build_localised_notebook, read_translations
from uprkit.paths import kit_root
from uprkit.simulations.treaty_reporting import UNCONFIRMED, build_reporting_calendar
from uprkit.simulations.upr_reviews import add_upr_reviews, upr_review_dates
from uprkit.templating import render as render_template
from uprkit.training.handouts import export_handouts
from uprkit.training.lab_profile import write_profile
from uprkit.training.offline_pack import KIT_COPY_IGNORE
from uprkit.training.pack_notes import NOTES, note
from uprkit.workshop.roster import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

AGENDA_DAYS = (3, 5, 10)
ROSTER_HEADER = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS) + "\n"  # what `workshop init` reads
_ROW = re.compile(
    r"^\|\s*(\d+)\s*\|\s*(\d{1,2}:\d{2})\s*[–-]\s*(\d{1,2}:\d{2})\s*\|(.*)\|(.*)\|\s*$"
)
_LESSON = re.compile(r"^(\d{2})\s")
_CODE = re.compile(r"`([a-z_]+)`")


@dataclass(frozen=True)
class AgendaItem:
    """One line of a workshop agenda."""

    day: int
    start: str
    end: str
    activity: str
    notes: str = ""
    lesson: str | None = None  # notebook stem in course/, e.g. "01-un-human-rights-system"
    assignment: str | None = None  # assignment name in solutions/, e.g. "recommendations"


@dataclass(frozen=True)
class WorkshopPack:
    """What ``build_workshop_pack`` made."""

    root: Path
    country: str
    language: str
    days: int
    agenda: tuple[AgendaItem, ...]
    notebooks: tuple[Path, ...]
    notes: tuple[str, ...]


def load_agenda(
    days: int, *, guide: Path | None = None, root: Path | None = None, language: str = "en"
):
    """The 3-, 5- or 10-day agenda, read from the tables of course/facilitator-guide.md.

    In another language the activities and notes come from the guide's translation (the same
    rows of the same tables); the lessons and assignments are found in the English.
    """
    if days not in AGENDA_DAYS:
        raise WorkshopError(f"no {days}-day agenda; choose --days 3, --days 5 or --days 10")
    root = root or kit_root()
    guide = guide or root / "course" / "facilitator-guide.md"
    if not guide.exists():
        raise WorkshopError(f"{guide} is missing: the agendas are read from its tables")
    lessons = {p.stem[:2]: p.stem for p in (root / "course").glob("[0-9][0-9]-*.ipynb")}
    assignments = {p.name for p in (root / "solutions").iterdir() if p.is_dir()}
    items, inside = [], False
    translated = _translated_rows(guide, language)
    for line in guide.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.strip().lower() == f"## {days}-day agenda"
            continue
        match = _ROW.match(line) if inside else None
        if not match:
            continue
        day, start, end, activity, notes = match.groups()
        activity, notes = activity.strip(), notes.strip()
        number = _LESSON.match(activity)
        named = [a for a in _CODE.findall(activity) if a in assignments]
        shown_activity, shown_notes = translated.get(line, (activity, notes))
        items.append(
            AgendaItem(
                day=int(day),
                start=start,
                end=end,
                activity=shown_activity,
                notes=shown_notes,
                lesson=lessons.get(number.group(1)) if number else None,
                assignment=named[0] if named else None,
            )  # fmt: skip
        )
    if not items:
        raise WorkshopError(
            f"{guide}: no '## {days}-day agenda' table (| Day | Time | What | Notes |) found"
        )
    return tuple(items)


def _translated_rows(guide: Path, language: str) -> dict[str, tuple[str, str]]:
    """English agenda row -> (activity, notes) from the guide's catalog in ``language``."""
    if check_language(language) == "en":
        return {}
    rows = {}
    for english, translation in read_translations(
        document_catalog_path(guide, language), language
    ).items():
        pairs = zip(english.splitlines(), translation.splitlines(), strict=False)
        for source, target in pairs:
            found, shown = _ROW.match(source), _ROW.match(target)
            if found and shown:
                rows[source] = (shown.group(4).strip(), shown.group(5).strip())
    return rows


def build_workshop_pack(
    dest: str | Path,
    *,
    country: str,
    language: str,
    days: int,
    ratifications: str | Path | None = None,
    today: date | None = None,
    handouts: bool = False,
    pdf: bool = False,
) -> WorkshopPack:
    """Make ``dest`` (new or empty) a workshop pack for ``country`` in ``language``.

    ``handouts`` adds printable HTML handouts of the agenda's lessons (PDF too with ``pdf``,
    where Chromium is installed); it runs every lesson once, so it takes a minute.
    """
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise WorkshopError(f"{dest} already holds files; give a new or empty folder for the pack")
    language = check_language(language)
    # A name in any of the kit's languages ("Mexique", "المكسيك"); to_iso3 explains a miss.
    iso3 = state_code_of(country) or to_iso3(country)
    state_name = _state_name(iso3, language, load_states())
    root = kit_root()
    agenda = load_agenda(days, root=root, language=language)
    today = today or date.today()
    notes: list[str] = []
    # Build beside the destination and move it in place at the end: a failure leaves nothing.
    final = dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest = Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=final.parent))
    try:
        made = _fill_pack(dest, root, agenda, iso3, state_name, language, days, today,
                          ratifications, handouts, pdf, notes)  # fmt: skip
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    if final.exists():
        final.rmdir()  # checked empty above
    dest.rename(final)
    made = [final / path.relative_to(dest) for path in made]
    notes_in_english = tuple(str(note) for note in notes)
    return WorkshopPack(final, iso3, language, days, agenda, tuple(made), notes_in_english)


def _fill_pack(dest, root, agenda, iso3, state_name, language, days, today, ratifications,
               handouts, pdf, notes) -> list[Path]:  # fmt: skip
    for folder in ("datasets", "grading"):
        shutil.copytree(root / folder, dest / folder, ignore=KIT_COPY_IGNORE)
    made = _localise_notebooks(root, dest, agenda, language, notes)
    write_localised_documents(language, dest / "course")  # guide, glossary, set-up notes
    write_localised_data_documents(language, dest / "datasets")  # the data's README and cards
    _write_country_folder(dest / "country", iso3, state_name, language, today, ratifications, notes)
    _write_agenda(dest, agenda, language, made)
    (dest / "roster-template.csv").write_text(ROSTER_HEADER, encoding="utf-8")
    _write_certificate(dest / "certificate-template.html", language)
    # JupyterLab without nbgrader's instructor tools, its menus in the workshop's language
    write_profile(dest / "lab-profile" / "participants", "participants", language)
    if handouts:
        lessons = [root / "course" / f"{i.lesson}.ipynb" for i in agenda if i.lesson]
        made_handouts = export_handouts(
            dest / "handouts", list(dict.fromkeys(lessons)), language=language, pdf=pdf
        )
        notes.extend(note(text) for text in made_handouts.notes)
    _write_readme(dest, iso3, state_name, language, days, notes)
    return made


def _localise_notebooks(root, dest, agenda, language, notes) -> list[Path]:
    made = []
    lessons = list(dict.fromkeys(i.lesson for i in agenda if i.lesson))
    assignments = list(dict.fromkeys(i.assignment for i in agenda if i.assignment))
    jobs = [(root / "course" / f"{s}.ipynb", dest / "course" / f"{s}.ipynb") for s in lessons]
    for name in assignments:
        for kind in ("exercises", "solutions"):
            source = root / kind / name / f"{name}.ipynb"
            if source.exists():
                jobs.append((source, dest / kind / name / f"{name}.ipynb"))
            else:
                notes.append(note(NOTES["not_in_kit"], file=f"{kind}/{name}/{name}.ipynb"))
    analyser_graded = [name for name in assignments if _graded_by_analyser(root, name)]
    if analyser_graded and language != "en":
        notes.append(note(NOTES["analyser"], assignments=", ".join(analyser_graded)))
    partly_english = []
    for source, target in jobs:
        result = build_localised_notebook(source, language)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(result.notebook, target)
        made.append(target)
        if result.untranslated and language != "en":
            partly_english.append(f"{target.relative_to(dest)} ({len(result.untranslated)})")
    if partly_english:
        notes.append(
            note(
                NOTES["partly_english"],
                language=LANGUAGE_NAMES[language],
                files=", ".join(partly_english),
            )
        )
    return made


def _graded_by_analyser(root: Path, assignment: str) -> bool:
    """Whether the assignment's tests run the recommendation analyser on answers."""
    source = root / "solutions" / assignment / f"{assignment}.ipynb"
    text = source.read_text(encoding="utf-8") if source.exists() else ""
    pattern = r"\b(assess|assess_column|classify_action|classify_actions)\("
    return re.search(pattern, text) is not None


def _state_name(iso3: str, language: str, states: pd.DataFrame) -> str:
    """The State's name in the pack's language (CLDR through Babel), else its UN English name."""
    row = states.set_index("iso3").loc[iso3]
    return Locale(language).territories.get(row["iso2"], row["name"])


def _lesson_title(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for line in cell.source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


def _write_agenda(dest: Path, agenda, language: str, made: list[Path]) -> None:
    _ = gettext(language)
    titles = {p.stem: _lesson_title(p) for p in made if p.parent.name == "course"}
    rows = []
    for item in agenda:
        what = titles.get(item.lesson, item.activity) if item.lesson else item.activity
        rows.append({"day": item.day, "start": item.start, "end": item.end, "activity": what,
                     "notes": item.notes, "lesson": item.lesson or "",
                     "assignment": item.assignment or ""})  # fmt: skip
    pd.DataFrame(rows).to_csv(dest / "agenda.csv", index=False, encoding="utf-8")
    days = [(day, [r for r in rows if r["day"] == day]) for day in sorted({r["day"] for r in rows})]
    text = render_template(
        __package__, "agenda.md.j2", _=_, days=days, direction=text_direction(language)
    )
    (dest / "agenda.md").write_text(text, encoding="utf-8")


def _write_country_folder(folder, iso3, state_name, language, today, ratifications, notes) -> None:
    folder.mkdir(parents=True)
    recommendations = load_recommendations()
    received = recommendations[recommendations["state_under_review"] == iso3]
    received.to_csv(folder / f"recommendations-{iso3}.csv", index=False, encoding="utf-8")
    if received.empty:
        notes.append(note(NOTES["no_recommendations"], state=iso3))
    calendar = _build_calendar(iso3, today, ratifications, notes)
    calendar.to_csv(folder / f"treaty-calendar-{iso3}.csv", index=False, encoding="utf-8")
    readme = render_template(
        __package__,
        "country-README.md.j2",
        _=gettext(language),
        state_name=state_name,
        iso3=iso3,
        received=len(received),
        # the README's UPR date is the calendar's, so that the two never disagree
        upr_review=_next_upr_review(calendar, today, gettext(language)),
        direction=text_direction(language),
        language=language,
    )
    (folder / "README.md").write_text(readme, encoding="utf-8")


def _next_upr_review(calendar: pd.DataFrame, today: date, _) -> str | None:
    """The first Working Group review on or after ``today`` in the calendar, as the README says it
    (a review projected 4.5 years after the last known one is UNCONFIRMED)."""
    reviews = calendar[
        (calendar["mechanism"] == "UPR")
        & calendar["step"].str.startswith("Working Group review")
        & (calendar["date"] >= today)
    ]
    if reviews.empty:
        return None
    first = reviews.iloc[0]  # the calendar is sorted by date
    projected = first["status"] == UNCONFIRMED
    return first["date"].isoformat() + (_(" (UNCONFIRMED, projected)") if projected else "")


def _build_calendar(iso3, today, ratifications, notes):
    """The treaty-body calendar (with the UPR beside it) for the next five years."""
    end = date(today.year + 5, today.month, 1)
    in_force = {}
    if ratifications:
        table = import_ratifications(ratifications).data
        treaties = load_treaties()
        core = set(treaties.loc[treaties["kind"] == "treaty", "code"])  # protocols have no calendar
        mine = table[
            (table["iso3"] == iso3) & (table["status"] == "party") & table["treaty"].isin(core)
        ]
        in_force = {
            row.treaty: row.ratification_date
            for row in mine.itertuples()
            if pd.notna(row.ratification_date)
        }
        notes.append(note(NOTES["ratification_dates"]))
    else:
        notes.append(note(NOTES["no_ratifications"]))
    frame = build_reporting_calendar(in_force, start=today, end=end)
    return add_upr_reviews(frame, upr_review_dates(iso3), start=today, end=end)


def _write_certificate(path: Path, language: str) -> None:
    page = render_template(
        __package__,
        "certificate.html.j2",
        _=gettext(language),
        language=language,
        direction=text_direction(language),
        name="",
        place="",
        start="",
        end="",
        trainer="",
    )
    path.write_text(page, encoding="utf-8")


def _write_readme(dest, iso3, state_name, language, days, notes) -> None:
    readme = render_template(
        __package__,
        "pack-README.md.j2",
        _=gettext(language),
        state_name=state_name,
        iso3=iso3,
        language=language,
        language_name=LANGUAGE_NAMES[language],
        direction=text_direction(language),
        days=days,
        notes=[note.in_language(language) for note in notes],
    )
    (dest / "README.md").write_text(readme, encoding="utf-8")
    settings = {"country": iso3, "language": language, "days": days}
    (dest / "workshop-pack.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
