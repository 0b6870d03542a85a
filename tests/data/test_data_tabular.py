"""The one tabular reader: encodings told from the bytes, cross-checked with charset-normalizer."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import uprkit.data.tabular
from uprkit.data.tabular import decode_bytes, excel_engine, read_table
from uprkit.errors import InputFileError

NOTES = Path("notes.csv")


def test_doctests_of_the_tabular_module_pass():
    result = doctest.testmod(uprkit.data.tabular)
    assert result.attempted >= 2 and result.failed == 0


@pytest.mark.parametrize(
    ("encoding", "newline", "reported"),
    [
        ("cp1252", "\r\n", "Windows-1252"),
        ("mac_roman", "\r", "Mac Roman"),
        ("mac_roman", "\n", "Mac Roman"),  # the letters alone tell it
    ],
)
def test_the_letter_rule_and_charset_normalizer_agree(encoding, newline, reported):
    raw = newline.join(["text", "Ensure équité in access to écoles", ""]).encode(encoding)
    text, how = decode_bytes(NOTES, raw)
    assert "Ensure équité in access to écoles" in text
    assert how.startswith(f"{reported} (told from the bytes") and "charset-normalizer" in how


def test_utf8_and_an_asked_encoding_are_not_second_guessed():
    assert decode_bytes(NOTES, "\ufeffCôte".encode())[1] == "UTF-8"
    assert decode_bytes(NOTES, "Côte".encode("cp1252"), "cp1252")[1] == "Windows-1252 (as asked)"


@pytest.mark.parametrize(
    ("text", "codec", "suggested"),
    [
        ("Ελλάδα: να επικυρώσει τη Σύμβαση κατά των βασανιστηρίων", "cp1253", "cp1253"),
        ("Обеспечить права детей в Российской Федерации", "cp1251", ""),
    ],
)
def test_a_reading_charset_normalizer_rules_out_is_refused(text, codec, suggested):
    with pytest.raises(InputFileError) as info:
        decode_bytes(NOTES, f"text\n{text}\n".encode(codec))
    message = str(info.value)
    assert message.startswith("notes.csv: is not UTF-8") and "charset-normalizer" in message
    assert "pass --encoding cp1252 or --encoding " + suggested in message
    assert decode_bytes(NOTES, f"text\n{text}\n".encode(codec), codec)[0] == f"text\n{text}\n"


def test_bytes_that_read_equally_well_two_ways_are_refused():
    with pytest.raises(InputFileError, match="--encoding mac-roman or --encoding cp1252"):
        decode_bytes(NOTES, b"text\nProtect the State\x92s courts\n")


def test_read_table_refuses_options_of_the_other_kind(tmp_path):
    csv = tmp_path / "recs.csv"
    csv.write_text("text\nRatify CAT\n", encoding="utf-8")
    table, how = read_table(csv)
    assert table["text"].tolist() == ["Ratify CAT"] and how == "UTF-8"
    with pytest.raises(InputFileError, match="has no sheets"):
        read_table(csv, sheet="Recs")
    assert excel_engine() == "calamine"


@pytest.mark.shared
def test_the_real_upr_info_exports_are_mac_roman_by_both_checks(real_data):
    for path in sorted((real_data / "upr_info_sessions_1-20").glob("*.csv")):
        _, how = decode_bytes(path, path.read_bytes())
        assert how.startswith("Mac Roman") and "charset-normalizer" in how, (path.name, how)
