"""datasets/ is a valid Frictionless Data Package, and every resource has a data card."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import frictionless
import pytest

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def _errors(report) -> list:
    return report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_datapackage_validates_with_frictionless():
    report = frictionless.validate(str(DATASETS / "datapackage.json"))
    assert report.valid, _errors(report)[:20]


def test_every_csv_is_a_resource_with_a_card():
    package = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    paths = {resource["path"] for resource in package["resources"]}
    assert paths == {p.name for p in DATASETS.glob("*.csv")}  # datasets/demo/ is not part of it
    for resource in package["resources"]:
        card = DATASETS / "cards" / f"{resource['name']}.md"
        assert card.is_file(), f"missing data card {card}"
        text = card.read_text(encoding="utf-8")
        assert "Source" in text and "2026" in text, card
    recommendations_card = (DATASETS / "cards" / "recommendations.md").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in recommendations_card and "NOT UN RECORDS" in recommendations_card
    assert "UNCONFIRMED" in (DATASETS / "cards" / "limits.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("resource", "old", "new", "error_type"),
    [
        ("states.csv", ",WEOG\n", ",Western Group\n", "constraint-error"),
        ("reviews.csv", "48,SVN,", "48,SVX,", "foreign-key"),
        ("limits.csv", "addendum_words,2675,", "addendum_words,many,", "type-error"),
    ],
)
def test_validation_catches_a_broken_copy(tmp_path, resource, old, new, error_type):
    """The schemas are strict enough to fail: a bad group, a dangling state code, a non-number."""
    copy = tmp_path / "datasets"
    shutil.copytree(DATASETS, copy, ignore=shutil.ignore_patterns("demo", "*.py", "__pycache__"))
    text = (copy / resource).read_text(encoding="utf-8")
    assert old in text
    (copy / resource).write_text(text.replace(old, new, 1), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any(error_type in str(error[3]) for error in _errors(report)), _errors(report)
