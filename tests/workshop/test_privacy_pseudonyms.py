"""Pseudonyms are stable, random and extendable; reports drop identifying columns; small groups
merge."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.errors import InputFileError
from uprkit.workshop.privacy import (
    MERGED_GROUP,
    PSEUDONYM_FILE,
    ensure_pseudonyms,
    load_pseudonyms,
    merge_small_groups,
    pseudonymise,
)


def test_pseudonyms_are_written_once_and_reused(tmp_path):
    first = ensure_pseudonyms(tmp_path, ["p01", "p02", "p03"])
    assert sorted(first.values()) == ["Participant 01", "Participant 02", "Participant 03"]
    assert load_pseudonyms(tmp_path) == first
    assert ensure_pseudonyms(tmp_path, ["p03", "p01", "p02"]) == first


def test_a_late_participant_gets_a_new_number_and_nobody_else_changes(tmp_path):
    first = ensure_pseudonyms(tmp_path, ["p01", "p02"], seed=1)
    second = ensure_pseudonyms(tmp_path, ["p01", "p02", "p09"], seed=1)
    assert {k: second[k] for k in first} == first
    assert second["p09"] == "Participant 03"


def test_the_key_is_random_not_the_roster_order(tmp_path):
    ids = [f"p{i:03d}" for i in range(1, 41)]
    mapping = ensure_pseudonyms(tmp_path, ids, seed=7)
    in_order = [f"Participant {i:02d}" for i in range(1, 41)]
    assert [mapping[i] for i in ids] != in_order
    assert sorted(mapping.values()) == in_order


def test_a_damaged_key_file_is_reported_with_its_path(tmp_path):
    (tmp_path / PSEUDONYM_FILE).write_text("id,alias\np01,x\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="participant_id,pseudonym"):
        load_pseudonyms(tmp_path)


def test_pseudonymise_drops_names_organisations_and_ids():
    table = pd.DataFrame(
        {
            "participant_id": ["p01", "p02"],
            "name": ["فاطمة الزهراء", "José Ramírez"],
            "organisation": ["A", "B"],
            "country": ["MAR", "COL"],
            "score": [3.0, 4.0],
        }
    )
    out = pseudonymise(table, {"p01": "Participant 02", "p02": "Participant 01"})
    assert list(out.columns) == ["participant", "score"]
    assert out["participant"].tolist() == ["Participant 02", "Participant 01"]
    named = pseudonymise(table, {"p01": "x", "p02": "y"}, with_names=True)
    assert named["participant"].tolist() == ["فاطمة الزهراء", "José Ramírez"]


def test_pseudonymise_refuses_a_participant_without_a_pseudonym():
    with pytest.raises(KeyError, match="ensure_pseudonyms"):
        pseudonymise(pd.DataFrame({"participant_id": ["p01"]}), {})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["a"] * 3 + ["b"] * 3, ["a"] * 3 + ["b"] * 3),
        (["a"] * 4 + ["b", "c", "d"], ["a"] * 4 + [MERGED_GROUP] * 3),
        # a merged group of 2 would still single people out: the next smallest group joins it
        (["a"] * 5 + ["b"] * 3 + ["c", "d"], ["a"] * 5 + [MERGED_GROUP] * 5),
    ],
)
def test_merge_small_groups_leaves_no_group_under_three(values, expected):
    merged = merge_small_groups(pd.Series(values))
    assert merged.tolist() == expected
    assert merged.value_counts().min() >= 3


def test_missing_values_count_as_undisclosed():
    merged = merge_small_groups(pd.Series(["y", None, "y", None, None, "y"]), min_size=3)
    assert merged.tolist() == ["y", "undisclosed", "y", "undisclosed", "undisclosed", "y"]
