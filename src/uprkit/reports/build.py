"""``build_report``: one report of a kind (cohort summary, transcript, funder report), end to end.

It reads the workshop into tables (:mod:`uprkit.reports.tables`), keeps what the kind is for
(the funder's totals from :mod:`uprkit.reports.statistics`, a transcript's own rows from
:mod:`uprkit.reports.transcripts`), exports them (:mod:`uprkit.reports.exports`) and renders the
papermill template over them (:mod:`uprkit.reports.rendering`).
"""

from __future__ import annotations

import time

from uprkit.errors import UprkitError
from uprkit.reports.exports import export_tables, remove_cohort_exports
from uprkit.reports.rendering import REPORT_KINDS, ReportResult, render_template, report_template
from uprkit.reports.statistics import summarise_for_funder
from uprkit.reports.tables import collect_cohort_tables
from uprkit.reports.transcripts import build_transcripts
from uprkit.reports.words import report_language

__all__ = ["build_report"]


def build_report(
    ws,
    *,
    kind: str = "cohort",
    with_names: bool = False,
    participant: str | None = None,
    language: str | None = None,
) -> ReportResult:
    """Build one report of ``kind`` (cohort, transcript, funder) into ``<workshop>/reports/``.

    ``language`` (en, fr, es, ar) is the report's; by default the workshop's
    (:func:`uprkit.reports.words.report_language`). Its tables stay in English (a data format).

    The funder report only shows and exports totals, so ``with_names`` does not apply to it. A
    transcript is one participant's (``participant``);
    ``uprkit.reports.transcripts.build_transcripts`` makes everyone's.
    """
    if kind not in REPORT_KINDS:
        raise UprkitError(f"unknown report kind {kind!r}; choose one of: {', '.join(REPORT_KINDS)}")
    if kind == "transcript":
        if participant in (None, "all"):
            raise UprkitError(
                "build_report makes one participant's transcript: give a participant id, "
                "or call uprkit.reports.transcripts.build_transcripts(ws, 'all') for everyone"
            )
        return build_transcripts(ws, participant, with_names=with_names, language=language)[0]
    if participant is not None:
        raise UprkitError(
            f"a participant ({participant!r}) is only chosen for a transcript (--kind "
            f"transcript); the {kind} report covers the whole cohort"
        )
    started = time.perf_counter()
    with_names = with_names and kind != "funder"
    output_dir = ws.reports_dir / (kind + ("-with-names" if with_names else ""))
    tables = collect_cohort_tables(ws, with_names=with_names)
    if kind == "funder":
        remove_cohort_exports(output_dir / "tables")
        funder = summarise_for_funder(tables)
        written = export_tables(funder, output_dir / "tables", workbook="funder_tables.xlsx")
    else:
        written = export_tables(tables, output_dir / "tables")
    parameters = {
        "tables_dir": str(output_dir / "tables"),
        "workshop_name": ws.name,
        "with_names": with_names,
        "language": report_language(ws, language),
    }
    html = render_template(report_template(kind), output_dir, parameters)
    return ReportResult(html, written, round(time.perf_counter() - started, 2))
