"""The online cohort on one machine: JupyterHub, nbgrader's exchange, the trainer's steps.

Issue 18.
"""
