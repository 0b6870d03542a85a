"""``uprkit analyse`` through click's CliRunner: the columns it adds and the errors it explains."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.recommendations import SMART_ELEMENTS


def _write(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_analyse_adds_category_explanation_and_smart_columns(tmp_path):
    source = _write(
        tmp_path / "recs.csv",
        {"id": [1, 2, 3], "recommendation": ["Ratify CAT by 2027", "Continue its efforts", ""]},
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        main, ["analyse", str(source), "--text-column", "recommendation", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "3 recommendations analysed" in result.output
    assert "not classified (see the explanation column): 1" in result.output
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table.columns[:2]) == ["id", "recommendation"]
    for column in ("action_category", "explanation", *SMART_ELEMENTS):
        assert column in table.columns
    assert table["action_category"].astype(str).tolist() == ["5", "2", ""]
    # The empty row was not read: its SMART cells are empty (unknown), not False.
    assert table["time frame"].tolist() == ["True", "False", ""]


def test_a_missing_column_lists_the_available_ones(tmp_path):
    source = _write(tmp_path / "recs.csv", {"id": [1], "Text": ["Ratify CAT"]})
    result = CliRunner().invoke(
        main, ["analyse", str(source), "--text-column", "text", "--out", str(tmp_path / "o.csv")]
    )
    assert result.exit_code != 0
    assert "no column 'text'" in result.output
    assert "'id', 'Text'" in result.output
    assert "recs.csv" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.csv").exists()


def test_an_existing_output_is_not_overwritten_without_force(tmp_path):
    source = _write(tmp_path / "recs.csv", {"text": ["Ratify CAT"]})
    out = tmp_path / "out.csv"
    out.write_text("graded work\n")
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "--force" in result.output
    assert out.read_text() == "graded work\n"
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0


def test_a_clash_with_existing_columns_suggests_a_prefix(tmp_path):
    source = _write(tmp_path / "recs.csv", {"text": ["Ratify CAT"], "action_category": ["5"]})
    out = tmp_path / "out.csv"
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "prefix" in result.output
    assert CliRunner().invoke(main, [*args, "--prefix", "analyser_"]).exit_code == 0
    assert "analyser_action_category" in pd.read_csv(out).columns


def test_a_file_in_another_encoding_gets_a_hint(tmp_path):
    # 0x92 is "’" in Windows-1252 and "í" in Mac Roman, and LF line ends say nothing: the kit
    # cannot tell. (Until analyse told encodings from the bytes, this test used a Mac Roman file
    # with bare CR line ends, which is now read: see the tests below.)
    source = tmp_path / "recs.csv"
    source.write_bytes("text\nProtect the State\x92s courts\n".encode("latin-1"))
    args = ["analyse", str(source), "--text-column", "text", "--out", str(tmp_path / "o.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "--encoding" in result.output
    result = CliRunner().invoke(main, [*args, "--encoding", "mac_roman"])
    assert result.exit_code == 0, result.output


FRENCH = "Garantir l'équité d'accès aux écoles en Côte d'Ivoire"


@pytest.mark.parametrize(
    ("encoding", "newline", "reported"),
    [("cp1252", "\r\n", "Windows-1252"), ("mac_roman", "\r", "Mac Roman")],
)
def test_analyse_tells_the_encoding_like_the_importers(tmp_path, encoding, newline, reported):
    source = tmp_path / "recs.csv"
    source.write_bytes(newline.join(["text", FRENCH, ""]).encode(encoding))
    out = tmp_path / "out.csv"
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"recs.csv read as {reported} (told from the bytes" in result.output
    assert "checked with charset-normalizer" in result.output
    assert pd.read_csv(out)["text"].tolist() == [FRENCH]


def test_analyse_reads_the_old_mac_roman_file_that_used_to_need_encoding(tmp_path):
    source = tmp_path / "recs.csv"
    source.write_bytes(
        "text\rRatify the Convention on the Rights of the Child in C\x8ete d'Ivoire\r".encode(
            "latin-1"
        )
    )  # 0x8E is "é" in Mac Roman, "Ž" in Windows-1252
    out = tmp_path / "out.csv"
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "read as Mac Roman" in result.output, result.output
    assert pd.read_csv(out)["text"].str.endswith("Céte d'Ivoire").all()


def test_analyse_encoding_option_wins_over_the_bytes(tmp_path):
    source = tmp_path / "recs.csv"
    source.write_bytes("\r\n".join(["text", FRENCH, ""]).encode("cp1252"))
    out = tmp_path / "out.csv"
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--encoding", "mac-roman"])
    assert result.exit_code == 0 and "read as" not in result.output, result.output
    assert pd.read_csv(out)["text"].tolist() == [FRENCH.encode("cp1252").decode("mac_roman")]
    utf8 = CliRunner().invoke(main, [*args, "--encoding", "utf-8", "--force"])
    assert utf8.exit_code != 0 and "cannot be read as utf-8: byte 0xe9" in utf8.output


def test_analyse_refuses_a_file_the_two_checks_disagree_on(tmp_path):
    source = tmp_path / "recs.csv"
    text = "Обеспечить права детей в Российской Федерации"
    source.write_bytes(f"text\n{text}\n".encode("cp1251"))  # Cyrillic: none of the three
    out = tmp_path / "out.csv"
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and not out.exists()
    message = " ".join(result.output.split())
    assert "recs.csv: is not UTF-8" in message and "charset-normalizer" in message
    assert "--encoding cp1252 or --encoding" in message
    forced = CliRunner().invoke(main, [*args, "--encoding", "cp1251"])
    assert forced.exit_code == 0, forced.output
    assert pd.read_csv(out)["text"].tolist() == [text]


def _workbook(path, sheets):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_analyse_reads_an_excel_workbook(tmp_path):
    source = _workbook(
        tmp_path / "explorer.xlsx",
        {
            "Explorer": [
                ["Recommendation", "Tekst"],
                ["Kenya", "Ratify CAT by 2027"],
                ["Chad", None],
            ]
        },
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        main, ["analyse", str(source), "--text-column", "Tekst", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "utf-8" not in result.output and "mac_roman" not in result.output
    table = pd.read_csv(out, keep_default_na=False)
    assert table["Recommendation"].tolist() == ["Kenya", "Chad"]
    assert table["action_category"].astype(str).tolist() == ["5", ""]


def test_analyse_asks_which_sheet_of_a_workbook_and_refuses_an_encoding(tmp_path):
    source = _workbook(
        tmp_path / "two.xlsx",
        {"Notes": [["About"], ["draft"]], "Recs": [["text"], ["Continue its efforts"]]},
    )
    out = tmp_path / "out.csv"
    args = ["analyse", str(source), "--text-column", "text", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and not out.exists()
    assert "two.xlsx: is an Excel workbook with sheets 'Notes', 'Recs'" in result.output
    assert "--sheet" in result.output and "utf-8" not in result.output
    assert "Traceback" not in result.output
    wrong = CliRunner().invoke(main, [*args, "--sheet", "Other"])
    assert "has no sheet 'Other'; its sheets are 'Notes', 'Recs'" in wrong.output
    assert CliRunner().invoke(main, [*args, "--sheet", "Recs"]).exit_code == 0
    encoded = CliRunner().invoke(
        main, [*args, "--sheet", "Recs", "--encoding", "cp1252", "--force"]
    )
    assert encoded.exit_code == 2 and "is an Excel workbook" in encoded.output
