"""What each report exports: a transcript per person holding only their own rows, never
overwriting anyone else's; a funder report holding only totals, as its HTML says."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from uprkit.errors import UprkitError
from uprkit.reports.build import build_report
from uprkit.reports.exports import load_tables
from uprkit.reports.tables import CohortTables

PLAN = "Brief the national human rights institution"


def _cohort():
    people = ["Participant 01", "Participant 02", "Participant 03"]
    return CohortTables(
        scores=pd.DataFrame(
            {
                "participant": people * 2,
                "assignment": ["recommendations"] * 3 + ["treaty_plan"] * 3,
                "skill": ["Drafting"] * 3 + ["Treaty"] * 3,
                "percent": [50.0, 70.0, 90.0, 80.0, None, None],
                "status": ["graded"] * 4 + ["not graded", "not submitted"],
            }
        ),
        learning_gains=pd.DataFrame(
            {"participant": people[:2], "pre": [20.0, 40.0], "post": [60.0, 50.0], "gain": [40, 10]}
        ),
        ratings=pd.DataFrame(
            {"participant": people, "lesson": ["upr_cycle"] * 3, "rating": [4, 5, 5]}
        ),
        open_answers=pd.DataFrame(
            {"participant": people[:1], "question": ["most_useful"], "answer": ["The role play"]}
        ),
        follow_up=pd.DataFrame(
            {"participant": people, "level": ["national"] * 3, "plan": [PLAN] * 3}
        ),
        participation=pd.DataFrame(
            {"breakdown": ["gender"], "group": ["other/merged"], "participants": [3]}
        ),
        not_graded=pd.DataFrame(
            {
                "participant": people[1:2],
                "assignment": ["treaty_plan"],
                "status": ["not graded"],
                "reason": ["x"],
            }
        ),
    )


def test_transcript_tables_hold_only_that_persons_rows():
    from uprkit.reports.transcripts import transcript_tables

    own = transcript_tables(_cohort(), "Participant 02")
    for name, frame in own.items():
        assert set(frame.get("participant", [])) <= {"Participant 02"}, name
    assert len(own.scores) == 2 and len(own.learning_gains) == 1 and len(own.not_graded) == 1
    assert own.participation.empty and own.follow_up.empty and own.open_answers.empty


def test_transcript_file_names_never_collide():
    from uprkit.reports.transcripts import transcript_file_names

    names = transcript_file_names(
        {
            "p1": "Amina Yusuf",
            "p2": "amina  yusuf",
            "p3": "../../etc",
            "p4": "Participant 07",
            "p5": "?",
        }
    )
    assert len(set(names.values())) == 5
    assert names["p4"] == "Participant-07" and names["p3"] == "etc" and names["p5"] == "p5"
    assert all("/" not in stem and not stem.startswith(".") for stem in names.values())


def test_funder_totals_name_nobody_and_quote_nobody():
    from uprkit.reports.statistics import summarise_for_funder

    funder = summarise_for_funder(_cohort())
    for name, frame in funder.items():
        assert "participant" not in frame.columns, name
        text = frame.to_csv()
        assert "Participant 0" not in text and PLAN not in text and "role play" not in text, name
    # 2 paired participants: a mean would be their own results, so it is left blank
    gains = funder.learning_gains.iloc[0]
    assert gains["paired"] == 2 and pd.isna(gains["mean gain"])
    by_skill = funder.scores_by_skill.set_index("skill")
    assert by_skill.loc["Drafting", "mean %"] == 70.0
    assert pd.isna(by_skill.loc["Treaty", "mean %"]) and by_skill.loc["Treaty", "not graded"] == 1
    assert funder.follow_up.set_index("level")["plans"].to_dict() == {
        "national": 3,
        "regional": 0,
        "UN": 0,
    }


def test_funder_ratings_of_a_lesson_rated_by_fewer_than_three_are_left_blank():
    import dataclasses

    from uprkit.reports.statistics import summarise_for_funder

    tables = dataclasses.replace(
        _cohort(),
        ratings=pd.DataFrame(
            {
                "participant": ["P1", "P2", "P3", "P1", "P2"],
                "lesson": ["upr_cycle", "upr_cycle", "upr_cycle", "treaty_bodies", "treaty_bodies"],
                "rating": [5, 4, 4, 2, 1],
            }
        ),
    )
    ratings = summarise_for_funder(tables).ratings.set_index("lesson")
    assert ratings.loc["upr_cycle", "count"] == 3 and ratings.loc["upr_cycle", "mean"] == 4.33
    assert ratings.loc["upr_cycle", 4] == 2
    assert ratings.loc["treaty_bodies", "count"] == 2  # how many rated it may be shown ...
    assert ratings.loc["treaty_bodies", [1, 2, "mean"]].isna().all()  # ... not what they said


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from reports_fixtures import make_graded_workshop

    return make_graded_workshop(tmp_path_factory.mktemp("privacy") / "ws", 3, seed=5)


def _texts(folder):
    """Every file a report wrote, as text (CSV, HTML, executed notebook, workbook cells)."""
    texts = {}
    for path in folder.rglob("*"):
        if path.suffix in {".csv", ".html", ".ipynb"}:
            texts[path] = path.read_text(encoding="utf-8-sig")
        elif path.suffix == ".xlsx":
            sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
            texts[path] = "\n".join(frame.to_csv() for frame in sheets.values())
    return texts


@pytest.mark.slow
def test_each_transcript_has_its_own_file_and_a_rerun_replaces_only_its_own(graded):
    from uprkit.workshop.privacy import load_pseudonyms

    ws, ids = graded
    first = build_report(ws, kind="transcript", participant=ids[0])
    second = build_report(ws, kind="transcript", participant=ids[1])
    pseudonyms = load_pseudonyms(ws.root)
    assert first.html != second.html
    assert first.html.name == pseudonyms[ids[0]].replace(" ", "-") + ".html"
    assert pseudonyms[ids[1]] in second.html.read_text(encoding="utf-8")
    second_before = second.html.read_text(encoding="utf-8")
    first.html.write_text("stale", encoding="utf-8")

    again = build_report(ws, kind="transcript", participant=ids[0])
    assert again.html == first.html and "stale" not in first.html.read_text(encoding="utf-8")
    assert second.html.read_text(encoding="utf-8") == second_before

    from uprkit.reports.transcripts import build_transcripts

    everyone = build_transcripts(ws, "all")
    assert sorted(r.html.name for r in everyone) == sorted(
        f"{pseudonyms[pid].replace(' ', '-')}.html" for pid in ids
    )


@pytest.mark.slow
def test_a_named_transcript_exports_nothing_about_anyone_else(graded):
    ws, ids = graded
    result = build_report(ws, kind="transcript", participant=ids[0], with_names=True)
    scores = load_tables(result.tables[0].parent).scores
    assert set(scores["participant_id"]) == {ids[0]}
    for path, text in _texts(ws.reports_dir / "transcript-with-names").items():
        for other in ids[1:]:
            number = int(other[1:])
            assert other not in text and f"Person Nº{number} " not in text, path
    assert result.html.name == "Person-Nº1-Ñandú.html"


@pytest.mark.slow
def test_the_funder_exports_only_totals(graded):
    from uprkit.reports.answers import read_evaluation_answers
    from uprkit.workshop.privacy import load_pseudonyms

    ws, ids = graded
    stale = ws.reports_dir / "funder" / "tables" / "scores.csv"  # left by an older uprkit
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("participant,score\nParticipant 01,3\n", encoding="utf-8")

    result = build_report(ws, kind="funder", with_names=True)
    words = set()
    for pid in ids:
        notebook = ws.submitted_dir(pid, "programme_evaluation") / "programme_evaluation.ipynb"
        answers = read_evaluation_answers(notebook)
        words |= {v.strip() for v in answers.values() if isinstance(v, str) and v.strip()}
    assert words  # the fixture wrote open answers and follow-up plans
    private = words | set(load_pseudonyms(ws.root).values()) | set(ids) | {"Ñandú", "Org 1"}
    texts = _texts(result.html.parent)
    assert {p.name for p in texts} >= {"funder_report.html", "follow_up.csv"}
    for path, text in texts.items():
        for secret in private:
            assert secret not in text, (path, secret)
    for path in result.tables:
        if path.suffix == ".csv":
            assert "participant," not in path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "only totals" in result.html.read_text(encoding="utf-8")
    assert not stale.exists()
    assert {p.name for p in result.tables} >= {"funder_tables.xlsx", "scores_by_skill.csv"}


@pytest.mark.slow
def test_cli_makes_every_graded_participants_transcript(graded):
    from uprkit.cli import main

    ws, ids = graded
    result = CliRunner().invoke(
        main, ["report", "-w", str(ws.root), "--kind", "transcript", "--participant", "all"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Transcript (") == len(ids)
    assert "Ñandú" not in result.output


@pytest.mark.slow
def test_a_transcript_needs_a_participant(graded):
    from uprkit.reports.transcripts import build_transcripts

    ws, _ = graded
    with pytest.raises(UprkitError, match="--participant all"):
        build_transcripts(ws, None)
    with pytest.raises(UprkitError, match="only chosen for a transcript"):
        build_report(ws, kind="cohort", participant="s001")
    with pytest.raises(UprkitError, match="no participant 'nobody'.*s001"):
        build_transcripts(ws, "nobody")
