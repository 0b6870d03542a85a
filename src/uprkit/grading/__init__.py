"""Grading participants' work: autograde (parallel, sandboxed), nbgrader's steps, feedback, rubrics.

``autograde`` runs a grading; ``workers`` (the parent's side) hands notebooks to ``executor``
processes, which run them in ``sandbox``; ``nbgrader_steps`` are nbgrader's own steps before and
after execution; ``feedback`` writes the participants' pages (``feedback_page`` is what they
read); ``rubric_sheets`` the trainers' grading of written answers; ``checks`` the helpers of the
assignments' check cells; ``prose`` the ``%%answer`` cells that hold answers written as text.

Kept empty on purpose: a participant's kernel imports ``uprkit.grading.checks`` and must not pay
for nbgrader's import.
"""
