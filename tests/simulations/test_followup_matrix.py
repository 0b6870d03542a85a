"""The follow-up matrix: one row per recommendation, analyser columns, clusters with reasons."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.data import load_recommendations
from uprkit.errors import DataError, InputFileError, UnknownStateError
from uprkit.simulations.followup import (
    EDITABLE_COLUMNS,
    MATRIX_COLUMNS,
    Status,
    build_matrix,
    check_matrix,
    find_instrument,
    matrix_from_export,
    matrix_from_kit,
)


def _rows(*rows: tuple) -> pd.DataFrame:
    """Rows shaped like load_recommendations(): (id, to, from, session, text, issues, response)."""
    columns = ["recommendation_id", "state_under_review", "recommending_state", "session",
               "text", "issues", "response"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["cycle"] = 2
    return frame


JOINT = _rows(
    ("R1", "ARG", "FRA", 14, "Ratify the Convention against Torture.", "torture", "supported"),
    ("R2", "ARG", "ESP", 14, "Ratify the Convention against Torture ", "torture", "supported"),
    ("R3", "ARG", "CHL", 14, "Ratify the CAT by 2026.", "international_instruments", "noted"),
    (
        "R4",
        "ARG",
        "BRA",
        14,
        "Continue its efforts on education.",
        "right_to_education",
        "supported",
    ),
    ("R5", "URY", "BRA", 14, "Adopt a law on refugees.", "asylum_seekers_refugees", "supported"),
)


def test_co_sponsors_of_one_text_become_one_row_listing_every_state():
    matrix = build_matrix(JOINT, state="ARG", cycle=2)
    assert list(matrix.columns) == list(MATRIX_COLUMNS)
    assert matrix["recommendation_id"].tolist() == ["R1", "R3", "R4"]
    assert matrix.loc[0, "recommending_states"] == "FRA; ESP"
    assert matrix.map(lambda v: isinstance(v, str)).all().all(), "every cell is text"


def test_analyser_category_smart_elements_and_clusters_with_reasons():
    matrix = build_matrix(JOINT, state="ARG", cycle=2).set_index("recommendation_id")
    assert matrix.loc["R1", "action_category"] == "5"
    assert matrix.loc["R4", "action_category"] == "2"
    assert "time frame" in matrix.loc["R3", "smart_found"]
    assert "time frame" in matrix.loc["R1", "smart_missing"]
    # Two texts name the CAT with the same verb: one cluster, whose reason says why.
    assert matrix.loc["R1", "cluster"] == matrix.loc["R3", "cluster"] != matrix.loc["R4", "cluster"]
    assert matrix.loc["R1", "cluster_reason"] == "2 recommendations: 'ratify' + instrument CAT"
    assert "issue Right to education" in matrix.loc["R4", "cluster_reason"]


def test_editable_columns_start_empty_and_status_not_started():
    matrix = build_matrix(JOINT, state="Argentina", cycle="2")
    editable = [c for c in EDITABLE_COLUMNS if c != "status"]
    assert (matrix[editable] == "").all().all()
    assert set(matrix["status"]) == {Status.NOT_STARTED.value}
    assert check_matrix(matrix).empty


def test_sdg_targets_kept_and_analyser_issues_stand_in_where_the_source_has_none():
    rows = JOINT.assign(issues="", sdg_targets=["16.10", "16.1; 5.2", "", "4.1", ""])
    matrix = build_matrix(rows, state="ARG", cycle=2).set_index("recommendation_id")
    assert matrix.loc["R1", "sdg_targets"] == "16.10; 16.1; 5.2"
    assert matrix.loc["R4", "issues"] != ""  # found by the analyser in the text


def test_a_state_or_cycle_not_in_the_data_names_what_is_there():
    with pytest.raises(DataError, match=r"no recommendations to KEN in cycle 2.*ARG cycle 2 \(4\)"):
        build_matrix(JOINT, state="KEN", cycle=2)
    with pytest.raises(DataError, match="unknown cycle 5; expected 1, 2, 3 or 4"):
        build_matrix(JOINT, state="ARG", cycle=5)
    with pytest.raises(UnknownStateError):
        build_matrix(JOINT, state="Atlantis", cycle=2)


def test_from_the_kit_corpus_one_row_per_recommendation():
    build = matrix_from_kit(state="KEN", cycle=4)
    corpus = load_recommendations()
    assert len(build.matrix) == len(corpus.query("state_under_review == 'KEN' and cycle == 4"))
    assert "illustrative" in build.source
    assert check_matrix(build.matrix).empty


def test_a_missing_export_is_named(tmp_path):
    with pytest.raises(InputFileError, match="no such file or folder"):
        matrix_from_export(tmp_path / "nothing.csv", state="KEN", cycle=2)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ratify the Optional Protocol to the Convention against Torture", "CAT-OP"),
        ("Ratify OPCAT", "CAT-OP"),
        (
            "Accede to the Optional Protocol on the involvement of children in armed conflict",
            "CRC-OP-AC",
        ),  # fmt: skip
        (
            "Ratify the International Convention for the Protection of All Persons from Enforced "
            "Disappearance",
            "CPED",
        ),  # fmt: skip
        ("Withdraw its reservations to CEDAW", "CEDAW"),
        ("Guarantee the freedom of expression", ""),
    ],
)
def test_instruments_are_read_from_the_text(text, code):
    assert find_instrument(text) == code


# ------------------------------------------------------------------ real exports in ../shared


@pytest.mark.shared
def test_matrix_from_the_real_upr_info_export_for_one_state(real_data):
    export = real_data / "upr_info_sessions_1-20" / "14-17.csv"
    build = matrix_from_export(export, state="ARG", cycle=2)
    matrix = build.matrix
    # Independently of the kit: a plain read of the export (Mac Roman, bare CR, README §1).
    raw = pd.read_csv(
        export, encoding="mac_roman", lineterminator="\r", dtype=str, keep_default_na=False
    )
    mine = raw[raw["To"] == "Argentina"]
    texts = mine["Text"].str.split().str.join(" ").str.casefold().str.rstrip(" .")
    assert len(matrix) == (mine["Session"] + "|" + texts).nunique()
    assert matrix["recommending_states"].str.split("; ").map(len).sum() == len(mine)
    assert set(matrix["response"]) <= {"supported", "noted"}
    assert matrix["action_category"].isin(["1", "2", "3", "4", "5", ""]).all()
    assert matrix["cluster"].nunique() < len(matrix), "some recommendations ask the same thing"
    assert check_matrix(matrix).empty


@pytest.mark.shared
def test_matrix_from_the_real_sdg_explorer_export_carries_sdg_targets(real_data):
    build = matrix_from_export(
        real_data / "sdg_hr_explorer_upr" / "upr1.xlsx", state="AFG", cycle=1
    )
    matrix = build.matrix
    assert (matrix["sdg_targets"] != "").sum() > len(matrix) / 3
    assert matrix["sdg_targets"].str.contains(r"^\d+\.\w+", regex=True).any()
    assert check_matrix(matrix).empty


@pytest.mark.shared
def test_an_export_for_another_state_is_refused_with_what_it_holds(real_data):
    export = real_data / "upr_info_sessions_1-20" / "1-5.csv"
    with pytest.raises(DataError, match=r"1-5.csv: no recommendations to KEN in cycle 2"):
        matrix_from_export(export, state="KEN", cycle=2)
