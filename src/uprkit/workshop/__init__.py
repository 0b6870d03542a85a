"""A cohort's workshop: the folder and its gradebook, the roster, collecting, status, selection.

Layer: above the simulations, below grading. ``uprkit.workshop.folder`` (the folder contract)
imports nothing else of the kit but errors and paths.
"""
