"""Matrix files: XLSX and CSV round trips without loss; what Excel and partners save read back."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook

from uprkit.errors import InputFileError
from uprkit.simulations.followup import Status, check_matrix, matrix_from_kit, read_matrix
from uprkit.simulations.followup.files import write_matrix, write_table


@pytest.fixture(scope="module")
def filled() -> pd.DataFrame:
    """Kenya's matrix with what a coalition writes: accents, Arabic, a line break, leading zeros."""
    matrix = matrix_from_kit(state="KEN", cycle=4).matrix
    matrix.loc[0, ["responsible_institution", "cso_lead", "status"]] = [
        "Ministère de la Justice", "Réseau des défenseurs – Nairobi", Status.IN_PROGRESS.value
    ]  # fmt: skip
    matrix.loc[1, ["evidence", "evidence_date", "evidence_source", "indicators"]] = [
        "Bill tabled;\nsecond reading pending «2026»", "2026-11-30", "Hansard, p. 12", "0042"
    ]  # fmt: skip
    matrix.loc[2, ["next_step", "due_date", "status"]] = [
        "لقاء مع الوزارة", "2027-03-01", Status.REGRESSED.value
    ]  # fmt: skip
    return matrix


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_loses_nothing(filled, tmp_path, suffix):
    path = write_matrix(filled, tmp_path / f"ken{suffix}")
    back = read_matrix(path)
    pd.testing.assert_frame_equal(back, filled.reset_index(drop=True), check_dtype=False)
    assert check_matrix(back).empty


def test_csv_is_utf8_with_a_byte_order_mark_for_excel(filled, tmp_path):
    raw = write_matrix(filled, tmp_path / "ken.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfrecommendation_id,")
    assert "Ministère".encode() in raw


def test_xlsx_offers_the_statuses_as_a_drop_down_and_keeps_numbers(filled, tmp_path):
    book = load_workbook(write_matrix(filled, tmp_path / "ken.xlsx"))
    sheet = book["matrix"]
    assert [s.value for s in Status] == [r[0].value for r in book["statuses"].iter_rows(min_row=2)]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "statuses!" in validation.formula1
    assert isinstance(sheet["C2"].value, int)  # the cycle, not a number stored as text


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
def test_a_csv_excel_saved_with_semicolons_and_another_encoding_reads_back(
    filled, tmp_path, encoding
):
    latin = filled.iloc[:2].copy()  # Arabic has no place in these encodings
    path = tmp_path / "from-excel.csv"
    path.write_bytes(latin.to_csv(index=False, sep=";", lineterminator="\r\n").encode(encoding))
    back = read_matrix(path)
    pd.testing.assert_frame_equal(back, latin.reset_index(drop=True), check_dtype=False)
    assert "semicolon-separated" in back.attrs["reading"]


def test_dates_a_spreadsheet_stored_as_dates_come_back_as_iso_text(filled, tmp_path):
    path = write_matrix(filled, tmp_path / "ken.xlsx")
    book = load_workbook(path)
    book["matrix"]["S3"] = dt.datetime(2026, 11, 30)  # evidence_date, as Excel types it
    book.save(path)
    assert read_matrix(path).loc[1, "evidence_date"] == "2026-11-30"


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(filled, tmp_path):
    path = tmp_path / "gaps.csv"
    text = filled.iloc[:3].to_csv(index=False).splitlines()
    text.insert(2, "," * (len(filled.columns) - 1))  # an emptied row 3
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    back = read_matrix(path)
    assert len(back) == 3 and back.attrs["lines"] == [2, 4, 5]
    back.loc[2, "status"] = "finished"
    assert check_matrix(back)["row"].tolist() == [5]


def test_what_is_not_a_matrix_file_is_named(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        read_matrix(tmp_path / "missing.xlsx")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputFileError, match="empty.csv: the file is empty"):
        read_matrix(tmp_path / "empty.csv")
    with pytest.raises(InputFileError, match="expected a name ending in .xlsx or .csv"):
        write_table(pd.DataFrame({"a": ["1"]}), tmp_path / "matrix.ods")
    with pytest.raises(InputFileError, match="missing column.*status"):
        write_matrix(pd.DataFrame({"recommendation_id": ["1"]}), tmp_path / "m.csv")
