"""ipywidgets front ends of the simulations, one module per simulation.

Each module has a ``show(...)`` that returns a ready-to-display widget; every result it shows is
also reachable by calling the library functions directly (uprkit.simulations.dialogue,
uprkit.simulations.workbench, uprkit.simulations.stakeholders,
uprkit.simulations.treaty_reporting). Errors are shown inside the widget, in plain words.

    from uprkit.widgets import dialogue
    dialogue.show(state_under_review="KEN")
"""
