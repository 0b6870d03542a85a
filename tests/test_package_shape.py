"""The package keeps the shape CONTRIBUTING.md describes: modules of one job, short functions.

Limits from ``../shared/STYLE.md`` ("one concept per module, about 100–400 lines") and issue 12
("no module over 400 lines and no function over 80 lines"). When one of these fails, split by job,
not by line count.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "uprkit"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def test_the_package_is_found():
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines; split it by job"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_is_over_80_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_name(path)}: " + "; ".join(long)


def test_no_flat_module_is_left_beside_the_layers():
    """Only the lowest layer (errors, paths, templating) and the package's files live at the top."""
    top = {p.name for p in PACKAGE.glob("*.py")}
    lowest = {"__init__.py", "__main__.py", "errors.py", "paths.py", "templating.py"}
    assert top <= lowest, sorted(top - lowest)


def test_every_docstring_example_in_the_package_is_collected():
    """Doctests run from the whole package (--doctest-modules over src/uprkit), never from a list
    of modules that a new module can be left out of."""
    options = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"
    ]
    assert "--doctest-modules" in options["addopts"].split()
    assert "src/uprkit" in options["testpaths"]
    with_examples = [p for p in MODULES if ">>> " in p.read_text(encoding="utf-8")]
    assert len(with_examples) >= 24
