"""The online cohort on one machine: JupyterHub, nbgrader's exchange and the trainer's steps (issue 18)."""
