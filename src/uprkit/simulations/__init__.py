"""The simulations: pure functions over the kit's data, shown by the widgets in uprkit.widgets.

Layer: imports uprkit.data, uprkit.recommendations and uprkit.i18n, never the workshop, grading,
reports, widgets or the CLI (the contracts are in pyproject.toml, checked by ``lint-imports``).
"""
