"""Cohort selection: scores, balance rules, lock-ins, relaxations, applications file checks."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.errors import DataError, InputFileError, WorkshopError
from uprkit.workshop.selection.cohort import (
    PARTICIPANT_REGIONS,
    describe_selection,
    load_applications,
    load_selection_rubric,
    score_application,
    select_cohort,
)

AS_OF = date(2026, 11, 23)
COUNTRY = {
    "Africa": "KEN",
    "Asia-Pacific": "NPL",
    "Middle East and North Africa": "LBN",
    "Latin America and the Caribbean": "PRY",
    "Eastern Europe": "GEO",
}
HEADER = [
    "application_id", "name", "gender", "region", "country", "years_experience",
    "follow_up", "organisation_reach", "organisation",
]  # fmt: skip
FOLLOW_UPS = ("none", "willing", "written plan")
REACHES = ("community", "national", "regional", "international")


def make_rows(n=40, *, woman_every=2, africa_every=3):
    """A fictional, fully deterministic set of applications (no randomness needed)."""
    rows = []
    for i in range(n):
        region = "Africa" if i % africa_every == 0 else PARTICIPANT_REGIONS[i % 5]
        rows.append(
            [f"A{i:03d}", f"Person {i}", "woman" if i % woman_every == 0 else "man", region,
             COUNTRY[region], (i * 7) % 9, FOLLOW_UPS[(i * 5) % 3], REACHES[(i * 3) % 4],
             f"Org {i}"]
        )  # fmt: skip
    return rows


def write_csv(path: Path, rows, header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def rubric():
    return load_selection_rubric()


@pytest.fixture
def applications(tmp_path, rubric):
    return load_applications(write_csv(tmp_path / "applications.csv", make_rows()), rubric)


def test_the_default_cohort_is_balanced_full_and_explained(applications, rubric):
    selection = select_cohort(applications, rubric, size=20, as_of=AS_OF)
    assert selection.size == 20
    assert selection.women >= 10
    assert all(2 <= n <= 8 for n in selection.by_region.values()), selection.by_region
    assert selection.relaxations == ()
    assert all(d.reason and d.picked for d in selection.picks)
    assert selection.non_picks and not any(d.picked for d in selection.non_picks)
    assert {d.application_id for d in selection.picks}.isdisjoint(
        d.application_id for d in selection.non_picks
    )


def test_selection_is_deterministic(applications, rubric):
    first = select_cohort(applications, rubric, size=20, as_of=AS_OF)
    again = select_cohort(applications.sample(frac=1, random_state=4), rubric, size=20, as_of=AS_OF)
    assert first == again


def test_balance_picks_say_whom_they_overtook(tmp_path, rubric):
    # The ten best applicants are all men from Africa: women and other regions must move up.
    rows = make_rows(30)
    for i in range(10):
        rows[i][2], rows[i][3], rows[i][4] = "man", "Africa", "KEN"
        rows[i][5], rows[i][6], rows[i][7] = 9, "written plan", "regional"
    apps = load_applications(write_csv(tmp_path / "a.csv", rows), rubric)
    selection = select_cohort(apps, rubric, size=14, as_of=AS_OF)
    assert selection.women == 7 and selection.by_region["Africa"] == 5  # 14 x 0.4, rounded down
    assert min(selection.by_region.values()) == 2
    reasons = " ".join(d.reason for d in selection.picks)
    assert "Picked ahead of" in reasons and "to reach at least 7 women" in reasons
    passed = [d for d in selection.non_picks if "ranked above people who were" in d.reason]
    assert passed, describe_selection(selection)
    assert any("Africa already had its maximum of 5 places" in d.reason for d in passed)


def test_too_few_women_is_an_error_unless_relaxed(tmp_path, rubric):
    apps = load_applications(
        write_csv(tmp_path / "a.csv", make_rows(30, woman_every=5)), rubric
    )  # 6 women
    with pytest.raises(WorkshopError, match=r"only 6 women applied .* needs at least 10") as err:
        select_cohort(apps, rubric, size=20, as_of=AS_OF)
    assert "--relax" in str(err.value) and "--size 12" in str(err.value)
    relaxed = select_cohort(apps, rubric, size=20, as_of=AS_OF, relax=True)
    assert relaxed.women == 6 and relaxed.size == 20
    assert any("only 6 women applied" in r for r in relaxed.relaxations)


def test_a_thin_region_is_stated_and_its_applicant_picked(tmp_path, rubric):
    rows = [r for r in make_rows(40) if r[3] != "Eastern Europe"]
    rows.append(["E1", "Only one", "man", "Eastern Europe", "GEO", 0, "none", "community", "X"])
    apps = load_applications(write_csv(tmp_path / "a.csv", rows), rubric)
    selection = select_cohort(apps, rubric, size=20, as_of=AS_OF)
    assert "E1" in selection.cohort_ids
    assert any("Eastern Europe (1)" in r for r in selection.relaxations)


def test_lock_in_and_lock_out_win_over_scores(applications, rubric):
    base = select_cohort(applications, rubric, size=20, as_of=AS_OF)
    best, worst = base.picks[0].application_id, base.non_picks[-1].application_id
    locked = select_cohort(
        applications, rubric, size=20, as_of=AS_OF, lock_in=(worst,), lock_out=(best,)
    )
    assert worst in locked.cohort_ids and best not in locked.cohort_ids
    reasons = {d.application_id: d.reason for d in locked.picks + locked.non_picks}
    assert reasons[worst].startswith("Locked in by the trainer")
    assert reasons[best].startswith("Locked out by the trainer")
    assert locked.women >= 10


def test_bad_lock_ids_are_named(applications, rubric):
    with pytest.raises(DataError, match="ZZZ: no such application_id"):
        select_cohort(applications, rubric, size=20, as_of=AS_OF, lock_in=("ZZZ",))
    with pytest.raises(DataError, match="both locked in and locked out"):
        select_cohort(applications, rubric, size=20, lock_in=("A001",), lock_out=("A001",))


def test_locked_in_men_that_break_the_women_rule_need_relax(applications, rubric):
    men = tuple(applications[applications["gender"] == "man"]["application_id"][:6])
    with pytest.raises(WorkshopError, match="with the locked-in people"):
        select_cohort(applications, rubric, size=8, as_of=AS_OF, lock_in=men)
    relaxed = select_cohort(applications, rubric, size=8, as_of=AS_OF, lock_in=men, relax=True)
    assert set(men) <= set(relaxed.cohort_ids) and relaxed.women == 2


def test_the_next_review_counts_most_inside_the_best_window(rubric):
    row = {"application_id": "X", "country": "KEN", "years_experience": 2,
           "follow_up": "willing", "organisation_reach": "national"}  # fmt: skip
    soon = score_application(row, rubric, next_review=date(2027, 12, 1), as_of=AS_OF)
    far = score_application(row, rubric, next_review=date(2031, 1, 1), as_of=AS_OF)
    unknown = score_application(row, rubric, next_review=None, as_of=AS_OF)
    assert soon.marks["next_review"] == 1.0 and "best moment" in soon.reasons["next_review"]
    assert far.total < soon.total and "far away" in far.reasons["next_review"]
    assert unknown.marks["next_review"] == rubric.unknown_review_mark
    # weights 3:3:2:2 scaled to 100; experience 2/4, review 1, follow-up 0.5, reach 0.8
    assert soon.total == pytest.approx(15 + 30 + 10 + 16)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((3, 2, "female"), "gender 'female' is not one of: woman, man, non-binary"),
        ((2, 3, "Europe"), "region 'Europe' is not one of: Africa, Asia-Pacific"),
        ((5, 5, "many"), "years_experience 'many' is not a number"),
        ((4, 6, "maybe"), "follow_up 'maybe' is not one of: none, willing, written plan"),
        ((2, 0, "A000"), "application_id 'A000' is repeated (first on line 2)"),
        ((1, 4, "Kenya"), "'Kenya' is not a three-letter ISO code"),
    ],
)
def test_bad_rows_name_the_file_line_and_choices(tmp_path, rubric, change, message):
    rows = make_rows(6)
    index, column, value = change
    rows[index][column] = value
    path = write_csv(tmp_path / "apps.csv", rows)
    with pytest.raises(InputFileError, match=re.escape(message)) as err:
        load_applications(path, rubric)
    assert err.value.line == index + 2  # the header is line 1
    assert str(path) in str(err.value)


def test_missing_columns_and_bad_rubric_are_explained(tmp_path, rubric):
    path = write_csv(tmp_path / "apps.csv", [r[:3] for r in make_rows(3)], header=HEADER[:3])
    with pytest.raises(InputFileError, match="missing column.*region, country"):
        load_applications(path, rubric)
    bad = tmp_path / "rubric.toml"
    bad.write_text("[weights]\nexperience = 1\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="missing setting 'next_review'"):
        load_selection_rubric(bad)


def test_a_trainer_rubric_changes_the_ranking(tmp_path, applications, rubric):
    text = load_selection_rubric.__globals__["default_rubric_path"]().read_text(encoding="utf-8")
    only_reach = (
        text.replace("experience = 3 ", "experience = 0 ")
        .replace("next_review = 3 ", "next_review = 0 ")
        .replace("follow_up = 2 ", "follow_up = 0 ")
    )
    path = tmp_path / "reach.toml"
    path.write_text(only_reach, encoding="utf-8")
    reach_rubric = load_selection_rubric(path)
    assert reach_rubric.weights == {"experience": 0, "next_review": 0, "follow_up": 0, "reach": 2}
    top = select_cohort(applications, reach_rubric, size=20, as_of=AS_OF).picks[0]
    assert (
        applications.set_index("application_id").loc[top.application_id, "organisation_reach"]
        == "regional"
    )


def test_cli_writes_a_roster_and_explains_the_same_way_twice(tmp_path):
    apps = write_csv(tmp_path / "apps.csv", make_rows())
    out, report = tmp_path / "cohort.csv", tmp_path / "why.txt"
    args = ["cohort", "select", str(apps), "--size", "20", "--as-of", "2026-11-23"]
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "Proposed cohort: 20 people" in result.output and "Person" not in result.output
    assert "KEN's next UPR review is in 34 months (Oct 2029, projected" in result.output
    roster = out.read_text(encoding="utf-8").splitlines()
    assert roster[0] == "participant_id,name,gender,region,country,organisation,email,language"
    assert len(roster) == 21
    assert report.read_text(encoding="utf-8") == CliRunner().invoke(main, args).output


def test_cli_reports_impossible_rules_without_a_traceback(tmp_path):
    apps = write_csv(tmp_path / "apps.csv", make_rows(30, woman_every=5))
    result = CliRunner().invoke(main, ["cohort", "select", str(apps), "--size", "20"])
    assert result.exit_code != 0
    assert "Error: The cohort rules cannot all be met: only 6 women applied" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("woman_every", [2, 3])
@pytest.mark.parametrize("africa_every", [4, 5, 7])
@pytest.mark.parametrize("size", [10, 15, 20])
def test_the_balance_rules_hold_across_many_pools(
    tmp_path, rubric, woman_every, africa_every, size
):
    rows = make_rows(45, woman_every=woman_every, africa_every=africa_every)
    apps = load_applications(write_csv(tmp_path / "a.csv", rows), rubric)
    selection = select_cohort(apps, rubric, size=size, as_of=AS_OF)
    assert selection.size == size and selection.relaxations == ()
    assert selection.women * 2 >= size
    cap = int(size * rubric.max_region_share)
    assert all(2 <= n <= cap for n in selection.by_region.values()), selection.by_region
    # Nobody outside the cohort outranks a pick unless a stated rule kept them out.
    lowest_merit = min(d.rank for d in selection.picks if d.reason.startswith("Picked on score"))
    for decision in selection.non_picks:
        if decision.rank < lowest_merit:
            assert "ranked above people who were" in decision.reason


def test_women_all_in_one_full_region_is_an_error_unless_relaxed(tmp_path, rubric):
    # Every woman applied from Africa, which may take at most 4 of 10 places.
    apps = load_applications(write_csv(tmp_path / "a.csv", make_rows(40, africa_every=2)), rubric)
    with pytest.raises(WorkshopError, match="with these applicants, .*reach 5 women"):
        select_cohort(apps, rubric, size=10, as_of=AS_OF)
    relaxed = select_cohort(apps, rubric, size=10, as_of=AS_OF, relax=True)
    assert relaxed.women == 4 and relaxed.relaxations


def test_country_names_are_read_through_the_kit_state_list(tmp_path, rubric):
    from uprkit.data import to_iso3

    rows = make_rows(4)
    rows[0][4], rows[1][4] = "Kenya", "Côte d'Ivoire"
    apps = load_applications(write_csv(tmp_path / "a.csv", rows), rubric, to_iso3=to_iso3)
    assert list(apps["country"][:2]) == ["KEN", "CIV"]
    rows[2][4] = "Narnia"
    with pytest.raises(InputFileError, match="line 4: country: unknown state 'Narnia'"):
        load_applications(write_csv(tmp_path / "b.csv", rows), rubric, to_iso3=to_iso3)


def test_application_ids_must_work_as_participant_ids(tmp_path, rubric):
    rows = make_rows(3)
    rows[1][0] = "A 1/x"
    with pytest.raises(InputFileError, match="line 3: application_id 'A 1/x' may only contain"):
        load_applications(write_csv(tmp_path / "a.csv", rows), rubric)


def test_next_reviews_come_from_the_kit_calendar_or_are_projected():
    from uprkit.workshop.selection.cohort import NextReview, find_next_reviews

    reviews = find_next_reviews(date(2026, 11, 23))
    assert len(reviews) == 193
    # Syria is in review group G14: session 54, projected for early 2027 in the kit's calendar.
    assert reviews["SYR"] == NextReview(date(2027, 1, 1), projected=False)
    # Kenya was reviewed at session 49 (28 Apr 2025): next one 4.5 years later, projected.
    assert reviews["KEN"] == NextReview(date(2029, 10, 1), projected=True)
    row = {"application_id": "X", "country": "KEN", "years_experience": 1,
           "follow_up": "none", "organisation_reach": "community"}  # fmt: skip
    score = score_application(row, load_selection_rubric(), next_review=reviews["KEN"], as_of=AS_OF)
    assert "projected 4.5 years after its last review" in score.reasons["next_review"]


def test_quoted_fields_with_line_breaks_keep_line_numbers_right(tmp_path, rubric):
    path = tmp_path / "a.csv"
    rows = make_rows(3)
    rows[0][8] = "Org with\na two-line name"
    rows[2][2] = "female"
    write_csv(path, rows)
    with pytest.raises(InputFileError) as err:
        load_applications(path, rubric)
    assert err.value.line == 5  # header 1, first record 2-3, second 4, third 5


def test_extra_values_and_other_encodings_are_refused(tmp_path, rubric):
    path = write_csv(tmp_path / "a.csv", make_rows(3))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",Nairobi, Kenya"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="line 3: 2 more value"):
        load_applications(path, rubric)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(HEADER).encode() + "\nA1,José,man".encode("latin-1"))
    with pytest.raises(InputFileError, match="not UTF-8 text"):
        load_applications(latin, rubric)
