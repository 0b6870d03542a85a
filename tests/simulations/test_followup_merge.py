"""Merging partners' copies: one change is taken, two different changes are kept for a person."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.errors import InputFileError
from uprkit.simulations.followup import (
    check_matrix,
    matrix_from_kit,
    merge_files,
    merge_matrices,
    read_matrix,
    write_matrix,
)


@pytest.fixture
def base() -> pd.DataFrame:
    return matrix_from_kit(state="KEN", cycle=4).matrix


def _ids(base, *rows):
    return [base.loc[r, "recommendation_id"] for r in rows]


def test_a_change_made_by_one_partner_is_taken(base):
    a, b = base.copy(), base.copy()
    a.loc[0, ["status", "evidence"]] = ["in progress", "Bill tabled"]
    b.loc[1, "cso_lead"] = "Coalition B"
    result = merge_matrices([a, b], names=["a.xlsx", "b.xlsx"], base=base)
    assert result.matrix.loc[0, "status"] == "in progress"
    assert result.matrix.loc[0, "evidence"] == "Bill tabled"
    assert result.matrix.loc[1, "cso_lead"] == "Coalition B"
    assert result.conflicts.empty and result.problems.empty
    assert check_matrix(result.matrix).empty


def test_two_partners_changing_one_cell_differently_keep_both_versions(base):
    a, b, c = base.copy(), base.copy(), base.copy()
    a.loc[2, "status"], b.loc[2, "status"] = "implemented", "regressed"
    a.loc[2, "evidence"] = "Law adopted"  # only A wrote evidence: taken
    result = merge_matrices([a, b, c], names=["a.xlsx", "b.csv", "c.xlsx"], base=base)
    row = result.matrix.loc[2]
    assert row["status"] == "not started", "the value before stays until a person decides"
    assert row["evidence"] == "Law adopted"
    assert row["conflict"].startswith("partners disagree on status")
    conflicts = result.conflicts
    assert conflicts[["file", "row", "value", "value_before"]].values.tolist() == [
        ["a.xlsx", 4, "implemented", "not started"],
        ["b.csv", 4, "regressed", "not started"],
    ]
    assert set(conflicts["recommendation_id"]) == set(_ids(base, 2))


def test_without_a_base_an_untouched_starting_value_is_not_a_change(base):
    a, b = base.copy(), base.copy()
    a.loc[0, "status"] = "in progress"  # B still says "not started", as the kit made it
    result = merge_matrices([a, b], names=["a.xlsx", "b.xlsx"])
    assert result.matrix.loc[0, "status"] == "in progress" and result.conflicts.empty


def test_a_deleted_recommendation_is_kept_and_reported(base):
    a, b = base.copy(), base.drop(index=[3]).reset_index(drop=True)
    a.loc[3, "status"] = "in progress"
    result = merge_matrices([a, b], names=["a.xlsx", "b.xlsx"], base=base)
    assert len(result.matrix) == len(base)
    assert result.matrix.loc[3, "status"] == "in progress"
    (problem,) = result.problems.itertuples()
    assert (problem.file, problem.value) == ("b.xlsx", _ids(base, 3)[0])
    assert "deleted in this copy" in problem.problem


def test_a_row_deleted_by_every_partner_is_kept_from_the_base(base):
    short = base.drop(index=[0]).reset_index(drop=True)
    result = merge_matrices([short, short], names=["a", "b"], base=base)
    assert result.matrix["recommendation_id"].tolist() == base["recommendation_id"].tolist()
    assert "deleted in every copy" in result.problems.loc[0, "problem"]


def test_a_row_added_by_a_partner_is_kept_and_reported(base):
    extra = base.iloc[[0]].assign(recommendation_id="NEW-1", recommendation="A new one")
    a = pd.concat([base, extra], ignore_index=True)
    result = merge_matrices([a, base], names=["a.xlsx", "b.xlsx"], base=base)
    assert result.matrix["recommendation_id"].iloc[-1] == "NEW-1"
    assert "added by this partner" in result.problems.loc[0, "problem"]


def test_one_row_updated_twice_in_one_copy_is_a_conflict(base):
    twice = pd.concat([base, base.iloc[[0]].assign(status="implemented")], ignore_index=True)
    twice.loc[0, "status"] = "in progress"
    result = merge_matrices([twice], names=["shared.xlsx"], base=base)
    assert result.conflicts["row"].tolist() == [2, len(base) + 2]


def test_merge_files_writes_conflicts_beside_the_matrix(base, tmp_path):
    a, b = base.copy(), base.copy()
    a.loc[0, "status"], b.loc[0, "status"] = "implemented", "regressed"
    paths = [write_matrix(a, tmp_path / "a.xlsx"), write_matrix(b, tmp_path / "b.csv")]
    shared = write_matrix(base, tmp_path / "base.xlsx")
    merge_files(tmp_path / "merged.xlsx", paths, base=shared)
    sheets = pd.read_excel(tmp_path / "merged.xlsx", sheet_name=None, dtype=str, engine="calamine")
    assert {"matrix", "conflicts", "merge-problems"} <= set(sheets)
    assert sheets["conflicts"]["value"].tolist() == ["implemented", "regressed"]
    merged = read_matrix(tmp_path / "merged.xlsx")
    assert merged.loc[0, "conflict"].startswith("partners disagree on status")
    merge_files(tmp_path / "merged.csv", paths, base=shared)
    assert (tmp_path / "merged.conflicts.csv").exists()
    assert (tmp_path / "merged.problems.csv").exists()


def test_a_copy_of_another_states_matrix_is_refused(base, tmp_path):
    other = matrix_from_kit(state="NGA", cycle=4).matrix
    paths = [write_matrix(base, tmp_path / "ken.csv"), write_matrix(other, tmp_path / "nga.csv")]
    with pytest.raises(InputFileError, match=r"nga.csv: is the matrix of NGA cycle 4, but ken.csv"):
        merge_files(tmp_path / "out.csv", paths)
    assert not (tmp_path / "out.csv").exists()
