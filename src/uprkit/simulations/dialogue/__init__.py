"""The Working Group interactive dialogue of the UPR: rules, statements, the draft report, cohort mode."""
