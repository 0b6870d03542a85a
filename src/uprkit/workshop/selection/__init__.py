"""Choosing a cohort from applications: the selection rubric, scores, and the explained pick."""
