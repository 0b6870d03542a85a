"""Daily logs: checking, saving, reading, and merging them into briefing tables (no kernel)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from uprkit.errors import DataError, InputFileError, WorkshopError
from uprkit.reports.briefing import (
    LOG_FORMAT,
    Proceeding,
    briefing_tables,
    load_log,
    load_logs,
    make_log,
    render_observations_html,
    render_tasks_html,
    save_log,
)

PSEUDONYMS = {"P01": "Participant 07", "P02": "Participant 03"}


def amina_log(day="2026-11-23"):
    return make_log(
        "P01",
        day,
        name="Amina Diallo",
        observations=[
            ("Working Group review", "Many States raised press freedom.", "Kenya"),
            ("side event", "A side event on land rights."),
        ],
        tasks=[("Draft the press-freedom one-pager", "2026-11-24"), "Call the embassy"],
    )


def test_make_log_normalises_input():
    log = amina_log()
    assert log.day == date(2026, 11, 23)
    assert [o.proceeding for o in log.observations] == [
        Proceeding.WORKING_GROUP,
        Proceeding.SIDE_EVENT,
    ]
    assert log.observations[0].state == "Kenya"
    assert log.tasks[0].due == date(2026, 11, 24) and log.tasks[1].due is None


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (
            {"observations": [("Coffee break", "x")]},
            "unknown proceeding 'Coffee break'; choose one of: Working Group review",
        ),
        ({"observations": [("Other", "   ")]}, "text is empty"),
        (
            {"tasks": [("Write", "next Tuesday")]},
            "'next Tuesday' is not a date; write it as YYYY-MM-DD",
        ),
        ({}, "no observation and no task"),
    ],
)
def test_make_log_explains_bad_input(kwargs, words):
    with pytest.raises(DataError) as err:
        make_log("P01", "2026-11-23", **kwargs)
    assert words in str(err.value)


@pytest.mark.parametrize("participant_id", ["", "P 01", "../P01"])
def test_participant_id_must_be_a_plain_id(participant_id):
    with pytest.raises(DataError, match="participant id"):
        make_log(participant_id, "2026-11-23", tasks=["x"])


def test_save_and_load_round_trip(tmp_path):
    path = save_log(amina_log(), tmp_path)
    assert path.name == "2026-11-23_P01.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert (
        raw["format"] == LOG_FORMAT
        and raw["observations"][0]["proceeding"] == "Working Group review"
    )
    assert load_log(path) == amina_log()


def test_saving_twice_never_overwrites_silently(tmp_path):
    path = save_log(amina_log(), tmp_path)
    first = path.read_text(encoding="utf-8")
    changed = make_log("P01", "2026-11-23", tasks=["Only this now"])
    with pytest.raises(WorkshopError, match="already exists; pass replace=True"):
        save_log(changed, tmp_path)
    assert path.read_text(encoding="utf-8") == first
    save_log(changed, tmp_path, replace=True)
    assert load_log(path) == changed
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == first


def test_a_broken_file_names_the_file_and_line(tmp_path):
    bad = tmp_path / "2026-11-23_P09.json"
    bad.write_text('{\n  "format": "uprkit-daily-log/1",\n  "day": 2026-11-23\n}', encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        load_log(bad)
    assert err.value.line == 3 and str(bad) in str(err.value)


def test_load_logs_keeps_going_and_reports_every_problem(tmp_path):
    save_log(amina_log(), tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"format": "something else"}', encoding="utf-8")
    dup = amina_log()
    (tmp_path / "copy.json").write_text(
        (tmp_path / "2026-11-23_P01.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    read = load_logs(tmp_path)
    assert read.logs == (dup,)
    problems = dict(read.problems)
    assert set(problems) == {"broken.json", "other.json", "copy.json"}
    assert (
        problems["copy.json"] == "a second log of P01 for 2026-11-23; 2026-11-23_P01.json was used"
    )
    assert "not valid JSON" in problems["broken.json"]
    assert "expected 'uprkit-daily-log/1'" in problems["other.json"]


def test_load_logs_of_a_missing_folder(tmp_path):
    with pytest.raises(InputFileError, match="no such folder"):
        load_logs(tmp_path / "nope")


def test_briefing_tables_use_pseudonyms_and_the_latest_day():
    logs = [
        amina_log(),
        make_log("P02", "2026-11-23", observations=[("Other", "Met the NHRI.")]),
        make_log("P02", "2026-11-22", tasks=["Yesterday's task"]),
    ]
    day, observations, tasks = briefing_tables(logs, PSEUDONYMS)
    assert day == date(2026, 11, 23)
    assert set(observations["participant"]) == {"Participant 07", "Participant 03"}
    assert "Amina Diallo" not in observations.to_string() + tasks.to_string()
    assert "P01" not in observations.to_string() + tasks.to_string()
    # Grouped in the order of the closed vocabulary: Working Group first, Other last.
    assert list(observations["proceeding"]) == ["Working Group review", "Side event", "Other"]
    assert list(tasks["task"]) == ["Draft the press-freedom one-pager", "Call the embassy"]


def test_briefing_tables_with_names_and_a_chosen_day():
    logs = [amina_log(), make_log("P02", "2026-11-22", tasks=["Old task"])]
    _, observations, _ = briefing_tables(logs, PSEUDONYMS, with_names=True)
    assert set(observations["participant"]) == {"Amina Diallo"}
    day, observations, tasks = briefing_tables(logs, PSEUDONYMS, day="2026-11-22", with_names=True)
    assert observations.empty and list(tasks["participant"]) == ["P02"]  # no name given: the id
    with pytest.raises(
        DataError, match="no logs for 2026-11-20; days with logs: 2026-11-22, 2026-11-23"
    ):
        briefing_tables(logs, PSEUDONYMS, day="2026-11-20")


def test_html_is_escaped():
    log = make_log(
        "P01",
        "2026-11-23",
        observations=[("Other", "<script>alert(1)</script>")],
        tasks=["<b>bold</b>"],
    )
    _, observations, tasks = briefing_tables([log], PSEUDONYMS)
    assert "<script>" not in render_observations_html(observations)
    assert "&lt;b&gt;" in render_tasks_html(tasks)


def test_the_pseudonym_key_lives_in_the_workshop_or_beside_the_logs(tmp_path):
    from uprkit.reports.briefing.build import _key_folder

    loose = tmp_path / "logs"
    loose.mkdir()
    assert _key_folder(loose, None) == loose
    (tmp_path / "ws" / "briefing-logs").mkdir(parents=True)
    (tmp_path / "ws" / "workshop.toml").write_text("", encoding="utf-8")
    assert _key_folder(tmp_path / "ws" / "briefing-logs", None) == (tmp_path / "ws").resolve()
    assert _key_folder(loose, tmp_path / "elsewhere") == tmp_path / "elsewhere"


def test_a_folder_without_readable_logs_explains_why_before_any_kernel_starts(tmp_path):
    from uprkit.reports.briefing import build_briefing

    (tmp_path / "2026-11-23_P01.json").write_text("[]", encoding="utf-8")
    with pytest.raises(DataError) as err:
        build_briefing(tmp_path, tmp_path / "out.html")
    assert "no readable daily log" in str(err.value)
    assert "2026-11-23_P01.json: not a daily log" in str(err.value)
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "pseudonyms.csv").exists()
