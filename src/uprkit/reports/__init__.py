"""Reports on a workshop, one job per module.

- ``answers``: the programme evaluation's answers, read without running anyone's code
- ``tables``: the gradebook and the evaluation read into pseudonymised report tables
- ``statistics``: summaries of those tables, and the funder's totals
- ``exports``: the tables as CSV and XLSX, and read back by the report templates
- ``rendering``: papermill runs of ``grading/templates/`` exported to HTML
- ``transcripts``: one participant's own transcript per file
- ``build``: ``build_report``, one report of a kind end to end
- ``figures``: the plots the templates show
- ``briefing``: the participants' daily logs merged into the morning briefing
"""
