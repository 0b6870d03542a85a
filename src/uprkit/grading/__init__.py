"""Grading participants' work: autograde (parallel, sandboxed), nbgrader's steps, feedback, rubrics.

Kept empty on purpose: a participant's kernel imports ``uprkit.grading.checks`` and must not pay
for nbgrader's import.
"""
