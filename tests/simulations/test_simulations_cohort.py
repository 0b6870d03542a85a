"""Cohort mode of the dialogue and the trainer command ``uprkit simulate dialogue``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from simulation_fixtures import make_recommendations, make_states
from uprkit.cli import main
from uprkit.errors import InputFileError, SimulationError
from uprkit.simulations.dialogue import (
    assign_delegations,
    plan_dialogue,
    read_statements_csv,
    read_statements_notebooks,
    run_cohort_dialogue,
)

SPEAKERS = ["DEU", "FRA", "URY", "ZAF", "NOR", "JPN"]


@pytest.fixture
def dialogue():
    return plan_dialogue(
        "KEN",
        registered=SPEAKERS,
        seed=3,
        session=49,
        states=make_states(),
        recommendations=make_recommendations(),
    )


def test_assignment_is_by_lot_and_reproducible(dialogue):
    first = assign_delegations(["p01", "p02", "p03"], dialogue, seed=1)
    assert first == assign_delegations(["p01", "p02", "p03"], dialogue, seed=1)
    assert len(set(first.values())) == 3 and set(first.values()) <= set(SPEAKERS)
    with pytest.raises(SimulationError, match="7 participants but only 6 delegations"):
        assign_delegations([f"p{i}" for i in range(7)], dialogue, seed=1)
    with pytest.raises(SimulationError, match="twice: p01"):
        assign_delegations(["p01", "p01"], dialogue, seed=1)


def test_cohort_statements_from_csv_with_problems_listed(tmp_path, dialogue):
    path = tmp_path / "statements.csv"
    path.write_text(
        "participant_id,delegation,statement\n"
        "p01,Germany,We recommend that Kenya establish an independent NHRI by 2026.\n"
        "p02,France,Thank you Mr President. We welcome the delegation.\n"
        "p03,Atlantis,Ratify the CAT.\n"
        'p04,Uruguay,"Ratify the OPCAT by 2027; adopt a law on defenders."\n',
        encoding="utf-8",
    )
    outcome = run_cohort_dialogue(dialogue, read_statements_csv(path), seed=2)
    problems = "\n".join(outcome.problems)
    assert "line 3" in problems and "no recommendation in it" in problems
    assert "line 4" in problems and "Atlantis" in problems
    table = outcome.table.set_index("participant_id")
    assert list(table.index) == ["p01", "p04"]
    assert table.loc["p04", "recommendations"] == 2
    assert (table["supported"] + table["noted"] + table["other"] == table["recommendations"]).all()
    assert "[statement written by a participant]" in outcome.report.to_text()
    assert "name" not in outcome.table.columns  # pseudonymous ids only


def test_cohort_refuses_a_statement_for_another_delegation(tmp_path, dialogue):
    path = tmp_path / "s.csv"
    path.write_text(
        "participant_id,delegation,statement\np01,FRA,Ratify the CAT.\n", encoding="utf-8"
    )
    outcome = run_cohort_dialogue(
        dialogue, read_statements_csv(path), seed=1, assignments={"p01": "DEU"}
    )
    assert "p01 was assigned DEU, not FRA" in outcome.problems[0]


def test_csv_with_wrong_columns_names_them(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("country,text\nDEU,Ratify\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="line 1: missing column.*delegation, statement"):
        read_statements_csv(path)
    with pytest.raises(InputFileError, match="not found"):
        read_statements_csv(tmp_path / "missing.csv")


def test_statements_from_notebooks(tmp_path, dialogue):
    for participant, body in (
        ("p01", "Delegation: Norway\nRatify the CAT by 2027."),
        ("p02", "Norway\nno delegation line"),
    ):
        folder = tmp_path / participant / "dialogue"
        folder.mkdir(parents=True)
        cell = {"cell_type": "markdown", "metadata": {"tags": ["statement"]}, "source": body}
        (folder / "dialogue.ipynb").write_text(
            json.dumps({"cells": [cell], "nbformat": 4, "nbformat_minor": 5, "metadata": {}})
        )
    with pytest.raises(InputFileError, match="Delegation: <State>"):
        read_statements_notebooks(tmp_path)
    (tmp_path / "p02").rename(tmp_path.parent / "p02-moved")
    found = read_statements_notebooks(tmp_path)
    assert [(s.participant_id, s.delegation) for s in found] == [("p01", "Norway")]
    outcome = run_cohort_dialogue(dialogue, found, seed=1)
    assert outcome.problems == ()
    assert outcome.dialogue.statement_of("NOR").recommendations == ("Ratify the CAT by 2027.",)


def test_cli_writes_the_report(tmp_path):
    args = ["simulate", "dialogue", "--state", "KEN", "--registered", "80", "--seed", "1"]
    args += ["--session", "49"]
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "80 delegations, 1 min 45 s each" in result.output
    page = out.read_text(encoding="utf-8")
    assert "II. Conclusions and/or recommendations" in page and "Kenya" in page
    again = tmp_path / "again.html"
    CliRunner().invoke(main, [*args, "--out", str(again)])
    assert again.read_text(encoding="utf-8") == page  # same seed, same report


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--state", "Kenia"], "close matches: Kenya"),
        (["--state", "KEN", "--registered", "300"], "at most 194 States"),
        (["--state", "KEN", "--registered", "0"], "list of speakers is empty"),
    ],
)
def test_cli_bad_input_gives_one_clear_line(tmp_path, args, message):
    result = CliRunner().invoke(
        main, ["simulate", "dialogue", *args, "--out", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_cli_assign_then_cohort_round(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\n"
        "p01,Amina K.,woman,Africa\n"
        "p02,Luis R.,man,Latin America and the Caribbean\n"
        "p03,Sara T.,undisclosed,Asia-Pacific\n",
        encoding="utf-8",
    )
    assignments = tmp_path / "assignments.csv"
    base = ["--state", "KEN", "--registered", "40", "--seed", "5"]
    result = CliRunner().invoke(
        main, ["simulate", "assign", *base, "--roster", str(roster), "--out", str(assignments)]
    )
    assert result.exit_code == 0, result.output
    rows = assignments.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "participant_id,delegation,delegation_name" and len(rows) == 4
    assert "Amina" not in assignments.read_text(encoding="utf-8")  # ids only, never names
    again = CliRunner().invoke(
        main, ["simulate", "assign", *base, "--roster", str(roster), "--out", str(assignments)]
    )
    assert again.exit_code == 1 and "nothing is overwritten" in again.output

    given = dict(row.split(",")[:2] for row in rows[1:])
    statements = tmp_path / "statements.csv"
    statements.write_text(
        "participant_id,delegation,statement\n"
        f"p01,{given['p01']},We recommend that Kenya ratify the OPCAT by 2027.\n"
        f"p02,{given['p02']},We welcome the delegation.\n"
        f"p03,{given['p01']},Adopt a law on defenders.\n",
        encoding="utf-8",
    )
    out = tmp_path / "cohort.html"
    result = CliRunner().invoke(
        main,
        [
            "simulate",
            "cohort",
            *base,
            "--statements",
            str(statements),
            "--assignments",
            str(assignments),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 participants' statements used, 2 problem(s)" in result.output
    assert "no recommendation in it" in result.output
    assert f"p03 was assigned {given['p03']}, not {given['p01']}" in result.output
    table = out.with_suffix(".csv").read_text(encoding="utf-8").splitlines()
    assert table[0] == "participant_id,delegation,recommendations,supported,noted,other"
    assert table[1].startswith("p01,") and len(table) == 2
    assert "Ratify the OPCAT by 2027" in out.read_text(encoding="utf-8")
