"""Reports on a coalition's follow-up matrix: a mid-term draft, a dashboard, a dialogue brief.

``uprkit followup report MATRIX --kind midterm|dashboard|brief --language fr --out DIR`` calls
:func:`build_followup_report`: papermill runs ``grading/templates/followup_<kind>.ipynb`` over the
matrix's tables, in English, French, Spanish or Arabic (right to left), and the page is exported
to self-contained HTML. People named in the matrix are pseudonymised unless the trainer asks for
names (:mod:`.people`). The parts: :mod:`.tables` (the numbers), :mod:`.page` (the HTML),
:mod:`.labels` (the words, translated through the kit's catalogs), :mod:`.build` (the run).
"""

from uprkit.reports.followup.build import (
    FOLLOWUP_REPORT_KINDS,
    build_followup_report,
    report_file_name,
)
from uprkit.reports.followup.page import read_report_tables, render_followup_page
from uprkit.reports.followup.people import find_people, pseudonymise_people, read_people_file
from uprkit.reports.followup.tables import (
    ACTION_STATUSES,
    action_shares,
    cluster_sections,
    load_baseline,
    priorities,
    status_counts,
)

__all__ = [
    "ACTION_STATUSES",
    "FOLLOWUP_REPORT_KINDS",
    "action_shares",
    "build_followup_report",
    "cluster_sections",
    "find_people",
    "load_baseline",
    "priorities",
    "pseudonymise_people",
    "read_people_file",
    "read_report_tables",
    "render_followup_page",
    "report_file_name",
    "status_counts",
]
