"""Cohort reports: tables from the gradebook, papermill rendering, figures, transcripts, briefing."""
