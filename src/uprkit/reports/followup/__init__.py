"""Reports on a coalition's follow-up matrix: a mid-term draft, a dashboard, a dialogue brief.

``uprkit followup report MATRIX --kind midterm|dashboard|brief --language fr --out DIR`` calls
:func:`build_followup_report`: papermill runs ``grading/templates/followup_<kind>.ipynb`` over the
matrix's tables, in English, French, Spanish or Arabic (right to left), and the page is exported
to self-contained HTML. People named in the matrix are pseudonymised unless the trainer asks for
names (:mod:`.people`). The parts: :mod:`.tables` (the numbers), :mod:`.page` (the HTML),
:mod:`.labels` (the words, translated through the kit's catalogs), :mod:`.build` (the run).
"""

from importlib import import_module

# Loaded on first use: a report's kernel imports only .page and .tables (~0.5 s), not the
# matrix reader, the checks and papermill that .build needs (~1.2 s more, `python -X importtime`).
_WHERE = {
    "FOLLOWUP_REPORT_KINDS": "build",
    "build_followup_report": "build",
    "report_file_name": "build",
    "read_report_tables": "page",
    "render_followup_page": "page",
    "find_people": "people",
    "pseudonymise_people": "people",
    "read_people_file": "people",
    "ACTION_STATUSES": "tables",
    "action_shares": "tables",
    "cluster_sections": "tables",
    "load_baseline": "tables",
    "priorities": "tables",
    "status_counts": "tables",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
