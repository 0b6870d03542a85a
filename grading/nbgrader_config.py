# nbgrader settings for a uprkit workshop course. Helper code copies this file into each
# workshop's course/ folder; it is the only place where uprkit uses traitlets (STYLE.md, point 6).
c = get_config()  # noqa: F821  (nbgrader provides get_config when it reads this file)

c.CourseDirectory.course_id = "uprkit"

# Participants see "..." placeholders, in the style of Data 8 homework, not a raise statement:
# an untouched answer is a plain Ellipsis, and the check cells explain what is missing.
c.ClearSolutions.code_stub = {"python": "# YOUR ANSWER HERE\n..."}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE (replace this line with your answer)"

# Per-cell limit: the assignments only call uprkit on small tables, so 60 s is generous.
# A timed-out cell is interrupted and the notebook goes on (engineering notes, trap 8).
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60
# The kernel-shutdown stall of ipykernel 7.4 costs ~3 s on 1 run in 10 (engineering notes, trap 2).
c.Execute.shutdown_kernel = "immediate"
c.ExecutePreprocessor.shutdown_kernel = "immediate"
c.Execute.interrupt_on_timeout = True

# Hidden tests are checked against the release; a deleted test cell comes back from the
# gradebook instead of silently scoring "needs manual grade" (engineering notes, trap 6).
c.OverwriteCells.add_missing_cells = True

# Participants' notebooks are graded as they were handed in: no late penalty in a workshop.
c.LateSubmissionPlugin.penalty_method = "none"

# Feedback pages never show hidden tests.
c.ClearHiddenTests.enforce_metadata = True
