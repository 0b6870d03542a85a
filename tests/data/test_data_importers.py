"""Importers on the real exports (../shared, via ``real_data``) and on bad files made here."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.data import (
    RECOMMENDATION_COLUMNS,
    load_issues,
    load_recommendations,
    load_reviews,
    load_states,
    to_iso3,
)
from uprkit.data.importers import (
    PROBLEM_COLUMNS,
    RATIFICATION_COLUMNS,
    import_ratifications,
    import_sdg_explorer,
    import_upr_info,
)
from uprkit.errors import InputFileError

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def _upr_info_file(tmp_path, rows, *, name="export.csv", encoding="mac_roman", newline="\r"):
    path = tmp_path / name
    path.write_bytes(newline.join([HEADER, *rows]).encode(encoding))
    return path


# ---------------------------------------------------------------------------- UPR Info, real data


@pytest.fixture(scope="module")
def upr_info(real_data):
    return import_upr_info(real_data / "upr_info_sessions_1-20")


@pytest.mark.shared
def test_upr_info_export_is_read_whole_and_normalised(upr_info):
    data, problems = upr_info.data, upr_info.problems
    assert list(data.columns) == list(RECOMMENDATION_COLUMNS)
    assert list(problems.columns) == list(PROBLEM_COLUMNS)
    # README: 38,948 rows in the five session files; 8 come from "(Unknown)".
    assert len(data) == 38_948 - 8
    assert data["response"].value_counts().to_dict() == {"supported": 28_890 - 8, "noted": 10_058}
    assert data["action_category"].dtype == "Int64" and data["action_category"].notna().all()
    assert data["action_category"].value_counts().sort_index().tolist() == [
        578,
        6_621,
        3_277,
        15_417,
        13_047,
    ]  # README 579/6,624/3,278/15,419/13,048 less the 8 "(Unknown)" rows
    assert data["state_under_review"].nunique() == 193
    assert set(data["session"]) == set(range(1, 21))
    assert set(data.loc[data["session"] <= 12, "cycle"]) == {1}
    assert set(data.loc[data["session"] >= 13, "cycle"]) == {2}
    assert data["recommendation_id"].is_unique and not data["illustrative"].any()
    assert set(data["recommending_state"]) >= {"VAT", "PSE"}
    assert set(data.loc[data["recommending_state"] == "VAT", "recommending_group"]) == {"Observer"}
    assert not data["text"].str.endswith(" ").any()  # trailing spaces of the export removed
    # Sessions per file: 17-20.csv holds sessions 18-20 despite its name.
    assert set(data.loc[data["recommendation_id"].str.startswith("17-20.csv:"), "session"]) == {
        18,
        19,
        20,
    }


@pytest.mark.shared
def test_upr_info_names_and_issues_are_mapped_to_the_kit(upr_info, real_data):
    data = upr_info.data
    raw = pd.read_csv(
        real_data / "upr_info_sessions_1-20" / "1-5.csv",
        encoding="mac_roman",
        lineterminator="\r",
        dtype=str,
        keep_default_na=False,
    )
    first = data[data["recommendation_id"].str.startswith("1-5.csv:")].reset_index(drop=True)
    kept = raw[raw["From"] != "&#40;Unknown&#41;"].reset_index(drop=True)
    assert len(first) == len(kept)
    names = dict(zip(kept["To"], first["state_under_review"], strict=True))
    names.update(zip(kept["From"], first["recommending_state"], strict=True))
    assert names["Macedonia FYR"] == "MKD" and names["Republic of Congo"] == "COG"
    assert names["Cote d'Ivoire"] == "CIV" and names["Turkey"] == "TUR"
    assert names["Democratic Republic of Congo"] == "COD" and names["DPR Korea"] == "PRK"
    everywhere = set(data["state_under_review"])
    assert {"SWZ", "KNA", "ATG", "STP", "VCT", "TTO"} <= everywhere
    issue_ids = set(load_issues()["issue"])
    used = {i for value in data["issues"] for i in value.split("; ") if i}
    assert used == issue_ids  # all 54 UPR Info labels understood
    multi = kept["Issue"].str.contains(",")
    assert (first.loc[multi, "issues"].str.count("; ") >= 1).all()


@pytest.mark.shared
def test_upr_info_real_export_is_read_as_mac_roman(upr_info):
    assert len(upr_info.encodings) == 6
    assert all(how.startswith("Mac Roman") for _, how in upr_info.encodings)
    assert "read as Mac Roman" in upr_info.summary()


@pytest.mark.shared
def test_upr_info_problems_are_reported_with_reasons(upr_info, real_data):
    problems = upr_info.problems
    unknown = problems[problems["column"] == "From"]
    assert len(unknown) == 8 and unknown["reason"].str.contains("'(Unknown)'", regex=False).all()
    assert not problems["row_kept"].any()
    assert (problems["line"] >= 2).all()
    # voluntary.csv: 947 voluntary pledges, none of them a recommendation.
    pledges = problems[problems["source"] == "voluntary.csv"]
    assert len(pledges) == 947 and pledges["reason"].str.contains("voluntary pledge").all()
    # the line numbers point at the right rows of the file
    row = unknown.iloc[0]
    lines = (real_data / "upr_info_sessions_1-20" / row["source"]).read_bytes().split(b"\r")
    assert b"&#40;Unknown&#41;" in lines[row["line"] - 1]


@pytest.mark.shared
def test_kit_groups_agree_with_the_cc0_reference_list(real_data):
    reference = pd.read_csv(real_data / "un_regional_groups" / "un-regional-groups.csv")
    pairs = set(zip(reference["Code"], reference["Region"], strict=True))
    states = load_states()
    assert set(reference["Code"]) == set(states["iso3"])
    assert all((r.iso3, r.regional_group) in pairs for r in states.itertuples())


@pytest.mark.shared
def test_kit_calendar_agrees_with_the_real_sessions_1_to_20(real_data):
    """reviews.csv was written from the fact sheet; UPR Info's data say who was reviewed when."""
    real = pd.read_csv(real_data / "upr_calendar" / "sessions.csv", keep_default_na=False)
    real["iso3"] = real["To"].map(to_iso3)
    kit = load_reviews()
    for session in sorted(set(kit["session"]) & set(real["Session"])):
        ours = set(kit.loc[kit["session"] == session, "iso3"])
        theirs = set(real.loc[real["Session"] == session, "iso3"])
        # UPR Info also lists South Sudan in session 11 (its first review, 2011).
        assert ours == theirs - ({"SSD"} if session == 11 else set()), session


# ---------------------------------------------------------------------------- UPR Info, bad files


def test_upr_info_reads_a_small_file_and_reports_unknown_states(tmp_path):
    path = _upr_info_file(
        tmp_path,
        [
            'Swaziland,Africa,AU,"Ratify the CAT, soon. ",Fran\x8dois-Land,WEOG,,Accepted,5,'
            "Torture and other CID treatment,12",
            "Cote d'Ivoire,Africa,AU,Continue its efforts,Turkey,WEOG,,Rejected,2,"
            '"Justice,Women\'s rights",6',
            "Narnia,WEOG,,Adopt a law,France,WEOG,,Accepted,5,Justice,6",
            "France,WEOG,,Consider a law,Spain,WEOG,,Partially accepted,3,Justice,6",
            "France,WEOG,,Adopt a law,Spain,WEOG,,Noted,9,Justice,6",
            "France,WEOG,,Adopt a plan,Spain,WEOG,,Noted,,Made-up issue,77",
            "France,WEOG,,Adopt a plan,Spain,WEOG,,Supported,,Made-up issue,7",
        ],
        encoding="latin-1",
    )  # 0x8D is "ç" in Mac Roman
    result = import_upr_info(path)
    data, problems = result.data, result.problems
    assert data["state_under_review"].tolist() == ["CIV", "FRA"]
    assert data["response"].astype(str).tolist() == [
        "noted",
        "supported",
    ]  # Rejected is read as noted
    assert data["issues"].tolist() == ["justice; womens_rights", ""]
    assert data["action_category"].isna().tolist() == [False, True]
    reasons = problems.groupby("line")["reason"].agg(" | ".join)
    assert "unknown state 'François-Land'" in reasons[2]
    assert "unknown state 'Narnia'" in reasons[4]
    assert "partially" in reasons[5]
    assert "unknown action category '9'" in reasons[6]
    assert "unknown session '77'" in reasons[7]
    assert "unknown issue label(s) 'Made-up issue'" in reasons[7]  # both faults of line 7
    assert "unknown issue label(s) 'Made-up issue'" in reasons[8]
    assert problems.set_index("line").at[8, "row_kept"]
    assert "Narnia" in result.summary() and "2 rows imported" in result.summary()
    assert [name for name, _ in result.encodings] == ["export.csv"]
    assert result.encodings[0][1].startswith("Mac Roman")
    short = result.summary(max_reasons=2).splitlines()
    assert len(short) == 5 and "read as Mac Roman" in short[1] and "4 other reasons" in short[-1]


FRENCH_ROW = "France,WEOG,,Ensure équité in access to écoles,Spain,WEOG,,Accepted,5,Justice,6"


@pytest.mark.parametrize(
    ("encoding", "newline", "reported"),
    [
        ("cp1252", "\n", "Windows-1252"),
        ("cp1252", "\r\n", "Windows-1252"),
        ("mac_roman", "\r", "Mac Roman"),
        ("mac_roman", "\n", "Mac Roman"),
    ],
)
def test_upr_info_tells_windows_1252_from_mac_roman(tmp_path, encoding, newline, reported):
    path = _upr_info_file(tmp_path, [FRENCH_ROW], encoding=encoding, newline=newline)
    result = import_upr_info(path)
    assert result.data["text"].tolist() == ["Ensure équité in access to écoles"]
    assert result.encodings[0][1].startswith(reported)
    assert f"read as {reported}" in result.summary()


def test_upr_info_asks_for_the_encoding_when_the_bytes_cannot_tell(tmp_path):
    # 0x92 is "’" in Windows-1252 and "í" in Mac Roman: "State’s" and "Stateís" both read.
    row = "France,WEOG,,Protect the State\x92s courts,Spain,WEOG,,Accepted,5,Justice,6"
    path = tmp_path / "export.csv"
    path.write_bytes("\n".join([HEADER, row]).encode("latin-1"))
    with pytest.raises(InputFileError) as info:
        import_upr_info(path)
    message = str(info.value)
    assert "export.csv" in message and "Mac Roman or Windows-1252" in message
    assert "--encoding mac-roman or --encoding cp1252" in message
    forced = import_upr_info(path, encoding="cp1252")
    assert forced.data["text"].tolist() == ["Protect the State’s courts"]
    assert forced.encodings == (("export.csv", "Windows-1252 (as asked)"),)
    with pytest.raises(InputFileError, match="unknown encoding 'klingon'.*mac-roman"):
        import_upr_info(path, encoding="klingon")
    with pytest.raises(InputFileError, match="cannot be read as utf-8: byte 0x92"):
        import_upr_info(path, encoding="utf-8")


def test_upr_info_reports_every_fault_of_a_row(tmp_path):
    path = _upr_info_file(
        tmp_path, ["France,WEOG,,Adopt a law,Spain,WEOG,,Maybe,9,Justice,abc"], encoding="utf-8"
    )
    problems = import_upr_info(path).problems
    assert problems["line"].tolist() == [2, 2, 2]
    assert problems["column"].tolist() == ["Response", "Session", "Action"]
    assert "unknown response 'Maybe'" in problems["reason"].iloc[0]
    assert "unknown session 'abc'" in problems["reason"].iloc[1]
    assert "unknown action category '9'" in problems["reason"].iloc[2]


def test_upr_info_accepts_utf8_with_windows_line_ends(tmp_path):
    path = _upr_info_file(
        tmp_path,
        ["Côte d'Ivoire,Africa,,Adopt a law,Türkiye,WEOG,,Supported,5,Justice,41"],
        encoding="utf-8",
        newline="\r\n",
    )
    data = import_upr_info(path).data
    assert data.loc[0, ["state_under_review", "recommending_state", "cycle"]].tolist() == [
        "CIV",
        "TUR",
        4,
    ]


def test_upr_info_refuses_a_file_that_is_not_the_export(tmp_path):
    other = tmp_path / "roster.csv"
    other.write_text("participant_id,name,gender,region\np1,A,woman,Africa\n", encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        import_upr_info(other)
    message = str(info.value)
    assert "roster.csv" in message and "not a UPR Info database export" in message
    assert "Text, From, Response, Action, Issue, Session" in message


def test_upr_info_refuses_empty_files_and_empty_folders(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty.csv: the file is empty"):
        import_upr_info(empty)
    folder = tmp_path / "nothing"
    folder.mkdir()
    with pytest.raises(InputFileError, match="no \\*.csv files"):
        import_upr_info(folder)
    with pytest.raises(InputFileError, match="no such file"):
        import_upr_info(tmp_path / "missing.csv")


def test_imported_rows_concatenate_with_the_illustrative_corpus(tmp_path):
    path = _upr_info_file(tmp_path, ["Kenya,Africa,,Adopt a law,Spain,WEOG,,Accepted,5,Justice,49"])
    both = pd.concat([load_recommendations(), import_upr_info(path).data], ignore_index=True)
    assert isinstance(both["response"].dtype, pd.CategoricalDtype)
    assert both["illustrative"].sum() == len(both) - 1


# ---------------------------------------------------------------------------- SDG-HR Explorer


@pytest.mark.shared
def test_sdg_explorer_export_is_read_and_normalised(real_data):
    result = import_sdg_explorer(real_data / "sdg_hr_explorer_upr")
    data, problems = result.data, result.problems
    assert len(data) == 19_600 + 34_075
    assert data["response"].value_counts().to_dict() == {"supported": 39_596, "noted": 14_079}
    assert data["state_under_review"].nunique() == 193
    assert set(data["cycle"]) == {1, 2} and data["action_category"].isna().all()
    assert set(data.columns) >= set(RECOMMENDATION_COLUMNS) | {"sdg_goals", "sdg_targets"}
    assert (data["sdg_goals"] == "").sum() == 24_079
    goals = {g for value in data["sdg_goals"] for g in value.split("; ") if g}
    assert goals <= {str(n) for n in range(1, 18)} and "16" in goals
    assert not data["affected_groups"].str.contains("LGBTIC|girlsChildren").any()
    # 2nd-cycle sessions all come from the kit's calendar; the 1st cycle only where it is known.
    assert data.loc[data["cycle"] == 2, "session"].between(13, 26).all()
    # 61 texts lost accented letters upstream: kept, and reported.
    assert len(problems) == 61 and problems["row_kept"].all()
    assert problems["reason"].str.contains("U\\+FFFD").all()


def test_sdg_explorer_refuses_another_workbook(tmp_path):
    import openpyxl

    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Country", "Score"])
    book.active.append(["Kenya", 3])
    book.save(path)
    with pytest.raises(
        InputFileError, match="other.xlsx: this is not an SDG-Human Rights Data Explorer export"
    ) as info:
        import_sdg_explorer(path)
    assert "found sheet 'Sheet' (first row: Country, Score)" in str(info.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(InputFileError, match="broken.xlsx: not a readable Excel workbook"):
        import_sdg_explorer(broken)


# ---------------------------------------------------------------------------- ratifications


@pytest.mark.shared
def test_ratifications_from_the_world_politics_datalab_files(real_data):
    result = import_ratifications(real_data / "treaty_ratification" / "world_politics_datalab")
    data = result.data
    assert list(data.columns) == list(RATIFICATION_COLUMNS)
    counts = data.groupby(["treaty", "status"], observed=True).size()
    assert (
        counts["ICCPR", "party"],
        counts["ICCPR", "signatory"],
        counts["ICCPR", "not party"],
    ) == (174, 6, 13)
    assert (counts["CPED", "party"], counts["CPED", "signatory"], counts["CPED", "not party"]) == (
        68,
        43,
        82,
    )
    assert counts["ICRMW", "party"] == 57 and data["treaty"].nunique() == 18
    assert "NAM" in set(data.loc[data["treaty"] == "ICCPR", "iso3"])  # iso2 "NA" is not missing
    assert data.loc[(data["status"] == "party"), "ratification_year"].notna().all()
    # Montserrat is no UN member; Zimbabwe's OP-CEDAW row says "state party" with flag 0, no year.
    problems = result.problems
    dropped = problems[~problems["row_kept"]].set_index("value")["reason"]
    assert sorted(dropped.index) == ["Montserrat", "state party"]
    assert "not a UN member" in dropped["Montserrat"] and "contradict" in dropped["state party"]
    flagged = problems[problems["row_kept"]]  # flag 0 but status and year say party (e.g. Brazil)
    assert len(flagged) == 5 and flagged["reason"].str.contains("read as party").all()
    brazil = data[(data["treaty"] == "CRC-OP-IC") & (data["iso3"] == "BRA")]
    assert brazil[["status", "ratification_year"]].astype(str).values.tolist() == [
        ["party", "2017"]
    ]


@pytest.mark.shared
def test_ratifications_from_untc_and_the_ohchr_dashboard_agree(real_data):
    folder = real_data / "treaty_ratification"
    untc = import_ratifications(folder / "untc_merged" / "updated_merged_tables.csv")
    dashboard = import_ratifications(
        folder / "ohchr_dashboard" / "UnderlyingData_ICESCR_OHCHR_23_04_2026.xls"
    )
    assert {"CIV", "TUR"} <= set(untc.data["iso3"])  # mojibake names resolved
    assert set(untc.problems["value"]) == {"Cook Islands", "Niue", "European Union"}
    assert set(dashboard.problems["value"]) == {"Cook Islands", "Niue", "European Union"}
    assert untc.problems["reason"].str.contains("not a UN member or observer state").all()
    assert (dashboard.data["status"] == "party").sum() == 173
    assert dashboard.data["treaty"].unique().tolist() == ["ICESCR"]
    assert set(untc.data["action"].dropna()) == {"ratification", "accession", "succession"}
    icescr = untc.data[untc.data["treaty"] == "ICESCR"].set_index("iso3")["ratification_date"]
    both = dashboard.data.set_index("iso3")["ratification_date"].dropna()
    common = both.index.intersection(icescr.dropna().index)
    assert (icescr[common] == both[common]).sum() >= 171


def test_ratifications_say_what_an_unrelated_workbook_holds(tmp_path):
    import openpyxl

    path = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    book.active.append(["Item", "Cost"])
    book.active.append(["Venue", 300])
    book.create_sheet("Notes")
    book.save(path)
    with pytest.raises(InputFileError) as info:
        import_ratifications(path)
    message = str(info.value)
    assert "budget.xlsx" in message and "empty" not in message.split("found")[0]
    assert "expected the OHCHR dashboard's underlying data" in message
    assert (
        "sheet 'Budget' (first row: Item, Cost)" in message and "sheet 'Notes' (empty)" in message
    )


def test_ratifications_refuse_unknown_tables_and_treaties(tmp_path):
    wrong = tmp_path / "hr_status_magna_carta.csv"
    wrong.write_text(
        "iso2,member,state party,year ratification or accession,signatory,status\n"
        "KE,Kenya,1,1972,0,state party\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match="unknown treaty 'magna_carta'.*ICCPR"):
        import_ratifications(wrong)
    other = tmp_path / "scores.csv"
    other.write_text("country,score\nKenya,3\n", encoding="utf-8")
    with pytest.raises(
        InputFileError, match="scores.csv: this is not a ratification table.*missing column"
    ):
        import_ratifications(other)
    good = tmp_path / "hr_status_cat.csv"
    good.write_text(
        "iso2,member,state party,year ratification or accession,signatory,status\n"
        "KE,Kenya,1,1997,0,state party\nXX,Atlantis,0,,0,no action\n"
        "FR,Kenya,1,1997,0,state party\n",
        encoding="utf-8",
    )
    result = import_ratifications(good)
    assert result.data["iso3"].tolist() == ["KEN"]
    assert result.problems["value"].tolist() == ["Atlantis", "FR"]


# ---------------------------------------------------------------------------- CLI


def test_cli_imports_writes_csv_and_problems_and_never_overwrites(tmp_path):
    source = _upr_info_file(
        tmp_path,
        [
            "Kenya,Africa,,Adopt a law,Spain,WEOG,,Accepted,5,Justice,49",
            "Kenya,Africa,,Adopt a law,Atlantis,WEOG,,Accepted,5,Justice,49",
        ],
    )
    out = tmp_path / "out" / "recs.csv"
    runner = CliRunner()
    result = runner.invoke(main, ["data", "import", "upr-info", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 rows imported, 1 problems" in result.output and "Atlantis" in result.output
    assert pd.read_csv(out)["state_under_review"].tolist() == ["KEN"]
    assert pd.read_csv(out.with_name("recs.problems.csv"))["value"].tolist() == ["Atlantis"]
    again = runner.invoke(main, ["data", "import", "upr-info", str(source), "--out", str(out)])
    assert again.exit_code != 0 and "already exists" in again.output
    forced = runner.invoke(
        main, ["data", "import", "upr-info", str(source), "--out", str(out), "--force"]
    )
    assert forced.exit_code == 0, forced.output


def test_cli_reports_the_encoding_and_accepts_encoding(tmp_path):
    source = _upr_info_file(tmp_path, [FRENCH_ROW], encoding="cp1252", newline="\r\n")
    runner = CliRunner()
    result = runner.invoke(main, ["data", "import", "upr-info", str(source)])
    assert result.exit_code == 0, result.output
    assert "1 rows imported, 0 problems" in result.output
    assert "read as Windows-1252 (told from the bytes" in result.output
    forced = runner.invoke(
        main, ["data", "import", "upr-info", str(source), "--encoding", "mac-roman"]
    )
    assert forced.exit_code == 0 and "read as Mac Roman (as asked)" in forced.output
    workbook = runner.invoke(
        main, ["data", "import", "sdg-explorer", str(source), "--encoding", "cp1252"]
    )
    assert workbook.exit_code == 2 and "--encoding applies to CSV files" in workbook.output


def test_cli_reports_a_wrong_file_in_one_line(tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["data", "import", "upr-info", str(other)])
    assert result.exit_code != 0
    assert "notes.csv: this is not a UPR Info database export" in result.output
    assert "Traceback" not in result.output
    bad_kind = CliRunner().invoke(main, ["data", "import", "uprinfo", str(other)])
    assert bad_kind.exit_code == 2 and "upr-info" in bad_kind.output
