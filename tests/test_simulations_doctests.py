"""The tiny examples in the simulation modules' docstrings run and stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "uprkit.simulations.dialogue",
    "uprkit.simulations.dialogue.rules",
    "uprkit.simulations.dialogue.states",
    "uprkit.simulations.dialogue.responses",
    "uprkit.simulations.dialogue.statements",
    "uprkit.simulations.dialogue.report",
    "uprkit.simulations.workbench",
    "uprkit.simulations.stakeholders",
    "uprkit.simulations.treaty_reporting",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no example"
    assert result.failed == 0
