"""Transcripts: one certificate per participant, each in its own file, showing only their rows.

A transcript may be handed to the person it is about, so it never holds anything about anyone
else: its tables are that person's own scores and knowledge checks, and its file is named by
their pseudonym (by their name only when the trainer asks for names). Making one person's
transcript again replaces only that person's files.

This module uses only the tables, their exports and the rendering;
:func:`uprkit.reports.build.build_report` dispatches ``kind="transcript"`` here, never the other
way round.
"""

from __future__ import annotations

import re
import time
from collections import Counter

from uprkit.errors import UprkitError, WorkshopError
from uprkit.reports.exports import export_tables, remove_cohort_exports
from uprkit.reports.rendering import ReportResult, render_template, report_template
from uprkit.reports.tables import GRADED, CohortTables, collect_cohort_tables
from uprkit.reports.words import person_language, report_language
from uprkit.workshop.privacy import PSEUDONYM_FILE, ensure_pseudonyms
from uprkit.workshop.roster import load_roster

__all__ = ["transcript_tables", "transcript_file_names", "build_transcripts"]


def transcript_tables(tables: CohortTables, person: str) -> CohortTables:
    """One participant's own rows (scores, knowledge checks, what could not be graded) and
    nothing about anyone else: a transcript may be handed to that person.

    ``person`` is their ``participant_id`` when the tables keep it (with names), else their
    pseudonym: two people may share a name, never an id.
    """

    def own(frame):
        column = "participant_id" if "participant_id" in frame else "participant"
        return frame[frame[column] == person].reset_index(drop=True)

    def nothing(frame):
        return frame.iloc[0:0]

    return CohortTables(
        scores=own(tables.scores),
        learning_gains=own(tables.learning_gains),
        ratings=nothing(tables.ratings),
        open_answers=nothing(tables.open_answers),
        follow_up=nothing(tables.follow_up),
        participation=nothing(tables.participation),
        not_graded=own(tables.not_graded),
    )


def transcript_file_names(labels: dict[str, str]) -> dict[str, str]:
    """participant_id → the file name (without suffix) of their transcript, from their label.

    Labels that would give the same file name (two people called the same, or names that differ
    only in case or punctuation) get the participant id added, so that one person's transcript
    never overwrites another's.

    >>> transcript_file_names({"p1": "Amina Yusuf", "p2": "amina yusuf", "p3": "Participant 07"})
    {'p1': 'Amina-Yusuf-p1', 'p2': 'amina-yusuf-p2', 'p3': 'Participant-07'}
    """
    stems = {pid: re.sub(r"[\W_]+", "-", str(label)).strip("-") for pid, label in labels.items()}
    stems = {pid: stem or pid for pid, stem in stems.items()}
    taken = Counter(stem.casefold() for stem in stems.values())
    return {
        pid: stem if taken[stem.casefold()] == 1 else f"{stem}-{pid}" for pid, stem in stems.items()
    }


def _choose_participants(participant, labels, scores, roster_path) -> list[str]:
    """The participant ids whose transcripts to make, from an id, a label, or "all"."""
    if participant is None:
        raise UprkitError(
            "a transcript is for one participant: give --participant with their participant id, "
            "or --participant all for everyone with a graded assignment"
        )
    key = "participant_id" if "participant_id" in scores else "participant"

    def found_in(rows):
        return [pid for pid in labels if (pid if key == "participant_id" else labels[pid]) in rows]

    if participant == "all":
        chosen = found_in(set(scores.loc[scores["status"] == GRADED, key]))
        if not chosen:
            raise UprkitError(f"nobody in {roster_path} has a graded assignment yet; grade first")
        return chosen
    same_label = [pid for pid, label in labels.items() if label == participant]
    chosen = [participant] if participant in labels else same_label
    if len(chosen) == 1:
        if chosen[0] not in found_in(set(scores[key])):
            raise UprkitError(f"{participant!r} has nothing in the gradebook yet; grade first")
        return chosen
    raise UprkitError(
        f"no participant {participant!r} in {roster_path}; give a participant_id from the "
        f"roster (e.g. {', '.join(list(labels)[:3])}) or all"
    )


def build_transcripts(
    ws, participant: str | None = "all", *, with_names: bool = False, language: str | None = None
) -> tuple[ReportResult, ...]:
    """Write transcripts into ``<workshop>/reports/transcript/``, one file per participant.

    ``participant`` is a participant id (or the pseudonym, or with names the name) or "all" for
    everyone with a graded assignment. Each file is named by pseudonym (by name only
    ``with_names``); its tables hold that person's own rows and nothing about anyone else.
    Running it again replaces only the transcripts of the people chosen. A transcript is in its
    participant's roster ``language`` when the roster gives one, else in ``language``, else in
    the workshop's (:func:`uprkit.reports.words.report_language`).
    """
    started = time.perf_counter()
    output_dir = ws.reports_dir / ("transcript" + ("-with-names" if with_names else ""))
    tables = collect_cohort_tables(ws, with_names=with_names)
    roster = load_roster(ws.roster_path)
    pseudonyms = ensure_pseudonyms(ws.root, roster["participant_id"])
    ids = list(roster["participant_id"])
    names = dict(zip(ids, roster["name"], strict=True))
    labels = {pid: names[pid] if with_names else pseudonyms[pid] for pid in ids}
    default = report_language(ws, language)
    spoken = dict(zip(ids, roster["language"], strict=True)) if "language" in roster else {}
    chosen = _choose_participants(participant, labels, tables.scores, ws.roster_path)
    file_names = transcript_file_names(labels)
    if not with_names and len(set(labels.values())) < len(ids):
        raise WorkshopError(f"{ws.root / PSEUDONYM_FILE} gives two people the same pseudonym")
    remove_cohort_exports(output_dir / "tables")
    template = report_template("transcript")
    results = []
    for pid in chosen:
        tables_dir = output_dir / "tables" / file_names[pid]
        own = transcript_tables(tables, pid if with_names else labels[pid])
        written = export_tables(own, tables_dir, workbook="transcript_tables.xlsx")
        parameters = {
            "tables_dir": str(tables_dir),
            "workshop_name": ws.name,
            "with_names": with_names,
            "participant": labels[pid],
            "language": person_language(spoken.get(pid), default),
        }
        html = render_template(template, output_dir, parameters, name=file_names[pid])
        results.append(ReportResult(html, written, round(time.perf_counter() - started, 2)))
        started = time.perf_counter()
    return tuple(results)
