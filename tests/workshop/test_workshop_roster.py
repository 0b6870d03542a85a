"""The roster reader: every bad roster is refused with the file, the line and the valid choices."""

from __future__ import annotations

import pytest

from uprkit.errors import RosterError
from uprkit.workshop.roster import Gender, Region, check_participant_id, load_roster

HEADER = "participant_id,name,gender,region\n"


def write(tmp_path, text, *, encoding="utf-8", name="roster.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_good_roster_gives_one_row_per_participant_with_categoricals(tmp_path, kit_root):
    roster = load_roster(kit_root / "tests" / "fixtures" / "roster.csv")
    assert len(roster) == 14
    assert roster["participant_id"].is_unique
    assert list(roster.columns[:4]) == ["participant_id", "name", "gender", "region"]
    assert set(roster["region"].cat.categories) == {r.value for r in Region}
    assert set(roster["gender"].cat.categories) == {g.value for g in Gender}
    assert "ليلى حداد" in set(roster["name"])


def test_region_enum_matches_the_shared_contract():
    assert [r.value for r in Region] == [
        "Africa",
        "Asia-Pacific",
        "Middle East and North Africa",
        "Latin America and the Caribbean",
        "Eastern Europe",
    ]


def test_a_byte_order_mark_and_stray_case_are_accepted(tmp_path):
    path = write(tmp_path, "\ufeff" + HEADER + "p1,Ana,Woman,africa\n")
    roster = load_roster(path)
    assert roster.loc[0, "gender"] == "woman" and roster.loc[0, "region"] == "Africa"


def test_duplicate_ids_name_both_lines(tmp_path):
    path = write(tmp_path, HEADER + "p1,Ana,woman,Africa\np2,Bo,man,Africa\np1,Cy,man,Africa\n")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    message = str(info.value)
    assert info.value.line == 4 and "duplicate participant_id 'p1'" in message
    assert "line 2" in message and str(path) in message


def test_excels_semicolons_and_a_line_pasted_twice_are_read(tmp_path):
    text = (
        "\ufeffparticipant_id;name;gender;region;organisation\r\n"
        "p1;Dupont, Amélie;woman;Africa;ONG A\r\n"
        "p2;José Pérez;man;Latin America and the Caribbean;\r\n"
        "p1;Dupont, Amélie;woman;Africa;ONG A\r\n"
    )
    roster = load_roster(write(tmp_path, text))
    assert roster["participant_id"].tolist() == ["p1", "p2"]
    assert roster.loc[0, "name"] == "Dupont, Amélie" and roster.loc[0, "organisation"] == "ONG A"


def test_missing_columns_are_listed_with_the_expected_ones(tmp_path):
    path = write(tmp_path, "participant_id,name\np1,Ana\n")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    message = str(info.value)
    assert "missing required column(s) gender, region" in message
    assert "expected participant_id, name, gender, region" in message and info.value.line == 1


def test_a_non_utf8_file_says_where_and_how_to_fix_it(tmp_path):
    path = write(tmp_path, HEADER + "p1,Ana,woman,Africa\np2,José,man,Africa\n", encoding="latin-1")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    message = str(info.value)
    assert info.value.line == 3 and "byte 0xe9" in message and "UTF-8" in message
    assert "Save As" in message


@pytest.mark.parametrize("bad_id", ["amina diallo", "p/1", "ليلى", "-p1", "x" * 65])
def test_ids_that_nbgrader_cannot_use_are_refused(tmp_path, bad_id):
    path = write(tmp_path, HEADER + f"{bad_id},Ana,woman,Africa\n")
    with pytest.raises(RosterError, match="invalid participant_id") as info:
        load_roster(path)
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("column", "row", "valid"),
    [
        ("gender", "p1,Ana,female,Africa", "'woman', 'man', 'non-binary', 'undisclosed'"),
        ("region", "p1,Ana,woman,Europe", "'Africa', 'Asia-Pacific'"),
    ],
)
def test_bad_gender_or_region_lists_the_valid_values(tmp_path, column, row, valid):
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert f"unknown {column}" in str(info.value) and valid in str(info.value)


def test_wrong_number_of_values_and_empty_rosters(tmp_path):
    with pytest.raises(RosterError, match="has 3 values"):
        load_roster(write(tmp_path, HEADER + "p1,Ana,woman\n"))
    with pytest.raises(RosterError, match="no participants"):
        load_roster(write(tmp_path, HEADER, name="empty.csv"))
    with pytest.raises(RosterError, match="no such file"):
        load_roster(tmp_path / "absent.csv")


def test_check_participant_id_accepts_plain_ids():
    assert check_participant_id("p-01_a") is None
    assert "ASCII" in check_participant_id("é1")
