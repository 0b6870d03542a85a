"""Certificates of participation, one HTML page per person who handed in work.

A certificate is for the person, so it carries their name: it is written only when the trainer
asks (``uprkit report certificates``), into ``<workshop>/reports/certificates-with-names/``,
never into the pseudonymised reports. Each page is in the participant's own language when the
roster gives one (its optional ``language`` column), else in the workshop's; it prints on one
A4 page from any browser and loads nothing from the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from uprkit.errors import WorkshopError
from uprkit.i18n.messages import LANGUAGE_NAMES, gettext, text_direction
from uprkit.reports.words import person_language, report_language
from uprkit.templating import render as render_template
from uprkit.workshop.folder import replace_file
from uprkit.workshop.roster import load_roster

__all__ = ["CERTIFICATES_DIR", "Certificates", "certificate_file_name", "write_certificates"]

CERTIFICATES_DIR = "certificates-with-names"


@dataclass(frozen=True)
class Certificates:
    folder: Path
    files: tuple[Path, ...]
    without_work: tuple[str, ...]  # participant ids left out: nothing handed in


def certificate_file_name(participant_id: str, name: str) -> str:
    """A file name a trainer recognises, safe on every system.

    >>> certificate_file_name("p07", "Aïssatou Diallo / CSO")
    'p07-Aïssatou-Diallo-CSO.html'
    """
    words = re.findall(r"\w+", name)
    return "-".join([participant_id, *words]) + ".html"


def _took_part(ws, participant_id: str) -> bool:
    """Whether the participant handed in at least one assignment (nbgrader's submitted folder)."""
    folder = ws.course_dir / "submitted" / participant_id
    return folder.is_dir() and any(p.is_dir() for p in folder.iterdir())


def write_certificates(
    ws,
    *,
    place: str = "",
    start: str = "",
    end: str = "",
    trainer: str = "",
    language: str | None = None,
    everyone: bool = False,
) -> Certificates:
    """Write one certificate per participant who handed in work (``everyone``: per roster row).

    Each is in its person's roster ``language``, else in ``language``, else in the workshop's
    (``language`` in workshop.toml), else English: the same rule as feedback pages and
    transcripts (:func:`uprkit.reports.words.person_language`).

    Values left empty stay as ``{{place}}``-style blanks for the trainer to fill by hand.
    """
    if language is not None and language not in LANGUAGE_NAMES:
        raise WorkshopError(f"language {language!r}: choose one of {', '.join(LANGUAGE_NAMES)}")
    language = report_language(ws, language)
    roster = load_roster(ws.roster_path)
    folder = ws.reports_dir / CERTIFICATES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    files, left_out = [], []
    for row in roster.to_dict("records"):
        pid = row["participant_id"]
        if not everyone and not _took_part(ws, pid):
            left_out.append(pid)
            continue
        lang = person_language(row.get("language"), language)
        page = render_template(
            "uprkit.training",
            "certificate.html.j2",
            _=gettext(lang),
            language=lang,
            direction=text_direction(lang),
            name=row["name"],
            place=place,
            start=start,
            end=end,
            trainer=trainer,
        )
        path = folder / certificate_file_name(pid, row["name"])
        replace_file(path, page)
        files.append(path)
    return Certificates(folder, tuple(files), tuple(left_out))
