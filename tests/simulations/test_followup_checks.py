"""Checking a matrix: every fault named by file, row and column; nothing changed, nothing leaked."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.errors import InputFileError
from uprkit.simulations.followup import check_matrix, matrix_from_kit
from uprkit.simulations.followup.checks import WITHHELD, problems_summary, raise_on_problems


@pytest.fixture
def matrix() -> pd.DataFrame:
    return matrix_from_kit(state="KEN", cycle=4).matrix


def _faults(problems: pd.DataFrame) -> list[tuple]:
    return [(None if pd.isna(p.row) else p.row, p.column) for p in problems.itertuples()]


def test_a_fresh_matrix_is_valid(matrix):
    assert check_matrix(matrix).empty


def test_a_status_outside_the_list_names_the_row_and_the_choices(matrix):
    matrix.loc[3, "status"] = "Done!"
    (problem,) = check_matrix(matrix, source="ken.xlsx").itertuples()
    assert (problem.file, problem.row, problem.column) == ("ken.xlsx", 5, "status")
    assert (
        "'Done!' is not a status" in problem.problem
        and "'partially implemented'" in problem.problem
    )


@pytest.mark.parametrize("date", ["03/12/2026", "3 Dec 2026", "2026-13-01", "46000"])
def test_a_date_in_another_format_is_named_not_guessed(matrix, date):
    matrix.loc[0, "due_date"] = date
    (problem,) = check_matrix(matrix).itertuples()
    assert (problem.row, problem.column, problem.value) == (2, "due_date", date)
    assert "YYYY-MM-DD" in problem.problem
    assert matrix.loc[0, "due_date"] == date, "the check changes nothing"


def test_the_same_recommendation_twice_names_both_rows(matrix):
    doubled = pd.concat([matrix, matrix.iloc[[4]]], ignore_index=True)
    (problem,) = check_matrix(doubled).itertuples()
    assert (problem.row, problem.column) == (len(matrix) + 2, "recommendation_id")
    assert "row 6" in problem.problem


def test_missing_and_unknown_columns_and_empty_required_cells(matrix):
    table = matrix.drop(columns="cluster").assign(notes="ours")
    table.loc[1, "recommendation"] = ""
    table.loc[2, "action_category"] = "five"
    faults = _faults(check_matrix(table))
    assert faults == [
        (None, "cluster"),
        (None, "notes"),
        (3, "recommendation"),
        (4, "action_category"),
    ]


def test_a_row_pasted_from_another_states_matrix(matrix):
    matrix.loc[7, "state_under_review"] = "UGA"
    problems = check_matrix(matrix)
    assert _faults(problems) == [(9, "state_under_review")]
    assert "for state under review KEN" in problems.loc[0, "problem"]


def test_values_that_may_name_people_are_never_copied_into_the_problems(matrix):
    matrix.loc[0, ["evidence", "evidence_date"]] = ["Told by Amina W., 12 Oct", "12/10/2026"]
    matrix.loc[1, "cso_lead"] = "Joseph K."
    matrix.loc[1, "recommendation_id"] = matrix.loc[0, "recommendation_id"]
    problems = check_matrix(matrix)
    shown = problems.to_csv() + problems_summary(problems)
    assert "Amina" not in shown and "Joseph" not in shown
    assert "12/10/2026" in shown  # a date names nobody


def test_raise_on_problems_names_file_row_and_column(matrix):
    matrix.loc[5, "status"] = "half done"
    with pytest.raises(InputFileError, match=r"ken.csv, line 7: column status: 'half done'"):
        raise_on_problems(check_matrix(matrix), "ken.csv")
    raise_on_problems(check_matrix(matrix.iloc[:0]), "ken.csv")  # nothing to say


def test_withheld_marker_is_used_only_for_private_columns(matrix):
    matrix.loc[0, "conflict"] = "x"
    matrix.loc[0, "cycle"] = "four"
    problems = check_matrix(matrix)
    assert WITHHELD not in problems["value"].tolist()
    assert problems.loc[0, "value"] == "four"
