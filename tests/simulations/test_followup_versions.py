"""Saving a follow-up matrix: the version replaced is kept, the write is atomic, and a file changed
on disk meanwhile is merged with every disagreement kept (issue 17 items 2 and 4)."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.data import load_recommendations
from uprkit.errors import InputFileError
from uprkit.simulations.followup import (
    build_matrix,
    changes_between,
    last_saved_version,
    read_matrix,
    save_matrix,
    write_matrix,
)
from uprkit.simulations.followup.versions import conflicts_path, versions_folder


@pytest.fixture(scope="module")
def kenya() -> pd.DataFrame:
    return build_matrix(load_recommendations(), state="KEN", cycle=4)


@pytest.fixture(params=["xlsx", "csv"])
def saved(request, kenya, tmp_path):
    return write_matrix(kenya, tmp_path / f"followup-KEN-cycle4.{request.param}")


def test_changes_name_each_cell_and_added_or_removed_rows(kenya):
    after = kenya.copy()
    after.loc[0, "status"] = "implemented"
    after.loc[1, "evidence_date"] = "2026-05-04"
    after = after.drop(index=2)
    changes = changes_between(kenya, after)
    rid = kenya["recommendation_id"]
    assert changes.values.tolist() == [
        [rid[0], "status", "not started", "implemented"],
        [rid[1], "evidence_date", "", "2026-05-04"],
        [rid[2], "(row removed)", "", ""],
    ]
    assert changes_between(kenya, kenya.copy()).empty


def test_a_save_keeps_the_version_it_replaces_and_leaves_no_temporary_file(saved):
    assert last_saved_version(saved) is None
    edited = read_matrix(saved)
    edited.loc[0, "status"] = "in progress"
    first = save_matrix(edited, saved, read_as=read_matrix(saved))
    assert first.kept_version == last_saved_version(saved)
    assert read_matrix(first.kept_version)["status"].iloc[0] == "not started"
    assert read_matrix(saved)["status"].iloc[0] == "in progress"
    edited.loc[0, "status"] = "implemented"
    second = save_matrix(edited, saved)
    assert second.kept_version != first.kept_version
    assert len(list(versions_folder(saved).iterdir())) == 2  # no earlier state overwritten
    assert read_matrix(last_saved_version(saved))["status"].iloc[0] == "in progress"
    assert sorted(p.name for p in saved.parent.iterdir()) == sorted(
        [saved.name, versions_folder(saved).name]
    )


def test_a_file_changed_on_disk_meanwhile_is_merged_and_nothing_is_lost(saved):
    read_as = read_matrix(saved)
    mine = read_as.copy()
    mine.loc[0, "status"] = "in progress"  # both change row 0 differently
    mine.loc[1, "evidence"] = "Budget line 2027 adopted"  # only I change row 1
    partner = read_as.copy()
    partner.loc[0, "status"] = "regressed"
    partner.loc[3, "next_step"] = "Meet the Ministry of Labour"  # only the partner, row 3
    save_matrix(partner, saved)

    result = save_matrix(mine, saved, read_as=read_as)

    assert result.merged
    merged = read_matrix(saved)
    assert merged.loc[1, "evidence"] == "Budget line 2027 adopted"
    assert merged.loc[3, "next_step"] == "Meet the Ministry of Labour"
    assert merged.loc[0, "status"] == "not started"  # undecided: the value before stays
    assert "status" in merged.loc[0, "conflict"]
    kept = pd.read_csv(conflicts_path(saved), dtype=str, encoding="utf-8-sig")
    assert sorted(kept["value"]) == ["in progress", "regressed"]
    assert read_matrix(last_saved_version(saved)).loc[0, "status"] == "regressed"


def test_an_unknown_file_type_is_refused(kenya, tmp_path):
    with pytest.raises(InputFileError, match=r"\.xlsx or \.csv"):
        save_matrix(kenya, tmp_path / "matrix.ods")
