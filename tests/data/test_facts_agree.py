"""Every number the kit teaches agrees with the fact sheet, status for status (issue 16).

``datasets/limits.csv`` is the one file of the numbers the kit teaches. Each row has a ``status``
(CONFIRMED / DERIVED / UNCONFIRMED), its ``source`` keys and ``fact_sheet`` anchors: verbatim
snippets of ``../shared/domain/facts.md`` (several joined by " || "). The tests check that

1. every anchor is in the fact sheet, and the row's value is written in the row or bullet it
   points at (so a changed number on either side fails);
2. the kit's status equals the fact sheet's (a CONFIRMED label on a value the fact sheet marks
   DERIVED or UNCONFIRMED fails); the one exception is weaker: a number the kit computed itself
   says DERIVED, with its method in a description that starts "DERIVED:", where the fact sheet's
   clause carries no flag (e.g. the 6.2-7.3 months between real deadlines and sessions);
3. the other tables that carry a status (treaties.csv, action_categories.csv, sessions.csv) and the
   code that maps Working Group sessions to Council sessions agree with those rows;
4. the lessons, the facilitator guide, the glossary and the assignments teach each number the way
   its row says: a clause that states it (``taught_as``) with a status word may not claim more
   than the row's status, and its paragraph must say what ``taught_with`` requires (45 s was
   "observed"; the HRC 58 shares name Nicaragua; the CCPR follow-up period is "UNCONFIRMED");
5. none of the mistakes the 2026-12-03 fact check found (E1-E9) comes back (``MISTAKES``).

The fact sheet is read through the ``shared_domain`` fixture: outside CI the tests skip with a
reason. ``test_the_checks_catch_*`` run the same checks on doctored copies, so a check that has
gone blind fails too.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from factsheet import (
    ANCHOR_SEPARATOR,
    FLAG,
    STRENGTH,
    blocks,
    lesson_clauses,
    status_of,
    weakest,
)

from uprkit.simulations.dialogue.report import hrc_session_for

KIT = Path(__file__).resolve().parents[2]
DATASETS = KIT / "datasets"
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 10: "ten", 14: "fourteen"}

# The mistakes found by the independent fact check (issue 16), as clauses that must not return.
# Each: (pattern over one clause of English teaching text, what is wrong).
MISTAKES = [
    (r"\bJun\w* 2012\s*[–-]\s*Nov\w* 2016", "E3: the 2nd cycle began on 21 May 2012 (WG 13)"),
    (
        r"45 s(econds)? when more than 160|160[^|]{0,60}\b45 s(econds)? each[^|]{0,40}÷",
        "E1: 45 s at China's review was observed; it does not follow from 140 ÷ n",
    ),
    (
        r"Human Rights Committee (now )?asks within \W*2 years|now 2 years for the Human Rights",
        "E2: the Human Rights Committee's follow-up period is UNCONFIRMED (its source says 3)",
    ),
    (
        r"online (system|portal)[^|]*\|[^|]*CONFIRMED \(2008|2008 rules?\)?:?[^|.;]*online system|"
        r"since the last review\)?\s*\|[^|]*2008",
        "E6: the 2008 rules: a maximum 4-year period, sent by e-mail (the portal came later)",
    ),
    (
        r"the troika and the secretariat circulate the draft",
        "since WG 21 only the recommendations are out ~48 h after the review",
    ),
]


def lesson_sources() -> dict[str, str]:
    """English teaching text: markdown and quiz code of lessons and assignments, guide, glossary."""
    texts = {}
    notebooks = sorted(KIT.glob("course/[0-9][0-9]-*.ipynb"))
    notebooks += sorted(KIT.glob("solutions/*/*.ipynb"))
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            texts[f"{path.relative_to(KIT)} cell {index}"] = cell.source
    for name in ("facilitator-guide.md", "glossary.md"):
        texts[f"course/{name}"] = (KIT / "course" / name).read_text(encoding="utf-8")
    return texts


def read_limits(folder: Path = DATASETS) -> pd.DataFrame:
    return pd.read_csv(folder / "limits.csv", dtype=str, keep_default_na=False)


def spellings(value: str, unit: str) -> list[str]:
    """How the fact sheet may write ``value`` ("2815" → "2,815"; 180 minutes → "3 hours")."""
    number = float(value)
    out = {value, f"{number:g}", f"{number:,.0f}" if number.is_integer() else f"{number:g}"}
    if number.is_integer() and int(number) in NUMBER_WORDS:
        out |= {NUMBER_WORDS[int(number)], NUMBER_WORDS[int(number)].capitalize()}
    if unit == "minutes" and number >= 60:
        hours = number / 60
        out |= {f"{hours:g} hour", f"{hours:g} h", f"{hours:g}h"}
        if hours == 1:
            out |= {"One hour", "one hour", "1 hour"}
    if unit == "seconds" and number >= 60:
        out.add(f"{int(number // 60)} min {int(number % 60)} s")
    if unit == "date":
        day = pd.Timestamp(value)
        out.add(f"{day.day} {day.strftime('%B')} {day.year}")
    return sorted(out)


def check_limits(limits: pd.DataFrame, fact_sheet: str) -> list[str]:
    """Anchors found, values written there, no status stronger than the fact sheet's."""
    sheet = blocks(fact_sheet)
    problems = []
    for row in limits.itertuples():
        anchors = [a for a in row.fact_sheet.split(ANCHOR_SEPARATOR) if a.strip()]
        if not anchors:
            problems.append(f"{row.key}: no fact_sheet anchor")
            continue
        statuses, places = [], []
        for anchor in anchors:
            status, rows = status_of(anchor, sheet)
            if status is None:
                problems.append(f"{row.key}: anchor not in the fact sheet: {anchor!r}")
                continue
            statuses.append(status)
            places += rows
        if not statuses:
            continue
        if not row.description.startswith("DERIVED:") and not any(
            re.search(rf"(?<![\d,.]){re.escape(s)}(?!\d|[,.]\d)", place)
            for s in spellings(row.value, row.unit)
            for place in places
        ):
            problems.append(f"{row.key}: value {row.value} is not written where its anchors point")
        sheet_status = weakest(statuses)
        stronger = STRENGTH[row.status] > STRENGTH[sheet_status]
        # weaker only where the kit computed the number itself and says how ("DERIVED: ...")
        explained = row.status == "DERIVED" and row.description.startswith("DERIVED:")
        if stronger or (row.status != sheet_status and not explained):
            problems.append(
                f"{row.key} = {row.value} {row.unit}: the kit says {row.status}, "
                f"the fact sheet {sheet_status} ({' / '.join(anchors)})"
            )
    return problems


def check_tables(limits: pd.DataFrame, folder: Path = DATASETS) -> list[str]:
    """treaties.csv, action_categories.csv and sessions.csv agree with limits.csv."""
    rows = limits.set_index("key")
    problems = []
    treaties = pd.read_csv(folder / "treaties.csv", dtype=str, keep_default_na=False)
    for treaty in treaties[treaties["kind"] == "treaty"].itertuples():
        key = f"treaty_periodicity_years_{treaty.code.lower()}"
        if not treaty.reporting_periodicity_years:
            continue
        if key not in rows.index:
            problems.append(f"treaties.csv {treaty.code}: no row {key} in limits.csv")
            continue
        want = (f"{float(rows.at[key, 'value']):g}", rows.at[key, "status"])
        have = (treaty.reporting_periodicity_years, treaty.periodicity_status)
        if have != want:
            problems.append(f"treaties.csv {treaty.code}: periodicity {have}, limits.csv {want}")
    categories = pd.read_csv(folder / "action_categories.csv", dtype=str, keep_default_na=False)
    for category in categories.itertuples():
        key = f"action_category_label_{category.category}"
        if key not in rows.index or rows.at[key, "status"] != category.label_status:
            want = rows.at[key, "status"] if key in rows.index else "no row"
            problems.append(
                f"action_categories.csv category {category.category} ({category.label}): "
                f"label_status {category.label_status}, limits.csv {want}"
            )
    sessions = pd.read_csv(folder / "sessions.csv", dtype=str).set_index("session")
    first = str(int(float(rows.at["cycle2_first_session", "value"])))
    start = pd.Timestamp(rows.at["cycle2_start_date", "value"]).date().isoformat()
    if sessions.at[first, "start_date"] != start or sessions.at[first, "cycle"] != "2":
        problems.append(f"sessions.csv: session {first} should open the 2nd cycle on {start}")
    return problems


def check_code(limits: pd.DataFrame) -> list[str]:
    """hrc_session_for applies the offsets of the hrc_adoption_offset_wg_* rows."""
    rows = limits.set_index("key")["value"]
    spans = {"27_35": range(27, 36), "36_40": range(36, 41), "41_on": range(41, 55)}
    problems = []
    for name, sessions in spans.items():
        offset = int(float(rows[f"hrc_adoption_offset_wg_{name}"]))
        wrong = [s for s in sessions if hrc_session_for(s) != s + offset]
        if wrong:
            problems.append(f"hrc_session_for: WG {wrong} should go to HRC n+{offset}")
    return problems


def check_teaching(limits: pd.DataFrame, texts: dict[str, str]) -> list[str]:
    """Each taught number: no stronger status word than its row, and the context it needs."""
    problems = []
    taught = limits[limits["taught_as"] != ""]
    for where, text in texts.items():
        for clause, paragraph in lesson_clauses(text):
            for pattern, why in MISTAKES:
                if re.search(pattern, clause):
                    problems.append(f"{where}: {why}: {clause[:140]!r}")
            for row in taught.itertuples():
                if not re.search(row.taught_as, clause):
                    continue
                flags = FLAG.findall(clause)
                said = max(flags, key=STRENGTH.__getitem__) if flags else None
                if said and STRENGTH[said] > STRENGTH[row.status]:
                    problems.append(
                        f"{where}: {row.key} is {row.status} in limits.csv but taught as "
                        f"{said}: {clause[:140]!r}"
                    )
                if row.taught_with and not re.search(row.taught_with, paragraph):
                    problems.append(
                        f"{where}: {row.key} must be taught with {row.taught_with!r}: "
                        f"{paragraph[:160]!r}"
                    )
    return problems


@pytest.fixture(scope="module")
def fact_sheet(shared_domain) -> str:
    return (shared_domain / "facts.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the kit as it is


@pytest.mark.shared
def test_every_number_agrees_with_the_fact_sheet(fact_sheet):
    problems = check_limits(read_limits(), fact_sheet)
    assert not problems, "\n".join(problems)


def test_status_tables_and_code_agree_with_limits():
    problems = check_tables(read_limits()) + check_code(read_limits())
    assert not problems, "\n".join(problems)


def test_lessons_teach_each_number_with_its_status_and_context():
    problems = check_teaching(read_limits(), lesson_sources())
    assert not problems, "\n".join(problems)


def test_every_taught_as_pattern_finds_its_number_in_the_lessons():
    """A pattern that matches nothing checks nothing: a lesson reworded must update its row."""
    clauses = [c for text in lesson_sources().values() for c, _ in lesson_clauses(text)]
    limits = read_limits()
    dead = [
        row.key
        for row in limits[limits["taught_as"] != ""].itertuples()
        if not any(re.search(row.taught_as, clause) for clause in clauses)
    ]
    assert not dead, f"taught_as matches no lesson text: {dead}"


def test_limits_rows_are_complete():
    limits = read_limits()
    assert limits["key"].is_unique
    assert set(limits["status"]) <= set(STRENGTH)
    assert (limits["source"] != "").all() and (limits["fact_sheet"] != "").all()
    for pattern in limits["taught_as"]:
        re.compile(pattern)  # a broken pattern would silently match nothing


# ---------------------------------------------------------------------------- doctored copies


@pytest.mark.shared
@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("national_report_weeks_before", "CONFIRMED"),  # E8: DERIVED (12-15 weeks)
        ("ccpr_follow_up_years", "CONFIRMED"),  # E2: UNCONFIRMED
        ("treaty_periodicity_years_icerd", "CONFIRMED"),  # E9: UNCONFIRMED list item 7
        ("action_category_label_4", "CONFIRMED"),  # E9: category 4 label UNCONFIRMED
        ("stakeholder_submission_words_individual", "CONFIRMED"),
        ("hrc_adoption_offset_wg_27_35", "CONFIRMED"),  # DERIVED from examples
        ("addendum_words", "UNCONFIRMED"),  # weaker without a reason: not what the sheet says
        ("hrc58_supported_percent", "DERIVED"),  # a DERIVED label needs a "DERIVED:" method
        ("upr_action_at_midterm_noted_percent", "DERIVED"),  # the follow-up baseline [UPRI-BEYOND]
        ("upr_implementation_fund_established_year", "UNCONFIRMED"),  # CONFIRMED in corrections
    ],
)
def test_the_checks_catch_a_wrong_status_in_the_data(fact_sheet, key, status):
    limits = read_limits()
    limits.loc[limits["key"] == key, "status"] = status
    assert any(p.startswith(key) for p in check_limits(limits, fact_sheet))


@pytest.mark.shared
def test_the_checks_catch_a_changed_fact_sheet(fact_sheet):
    weaker = fact_sheet.replace("**45 seconds each** (CONFIRMED)", "**45 seconds each** (DERIVED)")
    assert weaker != fact_sheet
    assert any("wg_speaking_seconds_observed" in p for p in check_limits(read_limits(), weaker))
    moved = fact_sheet.replace("**12–15 weeks before the review**", "**10–12 weeks before**")
    assert any("national_report_weeks_before" in p for p in check_limits(read_limits(), moved))
    limits = read_limits()
    limits.loc[limits["key"] == "addendum_words", "value"] = "2875"
    assert any("addendum_words: value" in p for p in check_limits(limits, fact_sheet))


def test_the_checks_catch_doctored_status_tables(tmp_path):
    for name in ("treaties.csv", "action_categories.csv", "sessions.csv", "limits.csv"):
        (tmp_path / name).write_bytes((DATASETS / name).read_bytes())
    treaties = (tmp_path / "treaties.csv").read_text(encoding="utf-8")
    (tmp_path / "treaties.csv").write_text(
        treaties.replace("1965,1969,1,2,UNCONFIRMED", "1965,1969,1,2,CONFIRMED"), encoding="utf-8"
    )
    categories = (tmp_path / "action_categories.csv").read_text(encoding="utf-8")
    (tmp_path / "action_categories.csv").write_text(
        categories.replace("make efforts,UNCONFIRMED,", "make efforts,CONFIRMED,"), encoding="utf-8"
    )
    problems = check_tables(read_limits(tmp_path), tmp_path)
    assert any("ICERD" in p for p in problems) and any("category 4" in p for p in problems)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (  # E5
            "| Deadline | roughly 6–8 months before the session | CONFIRMED pattern |",
            "stakeholder_deadline_months_before_min is DERIVED",
        ),
        (  # E6
            "| Format | numbered paragraphs; sent through the OHCHR online system | "
            "CONFIRMED (2008 rules) |",
            "E6",
        ),
        (  # E7
            "At the 47th session 69% were supported, 2% partially supported and 21% noted. "
            "Source: [UPRI-HRC58]",
            "must be taught with 'Nicaragua'",
        ),
        (  # E1
            "- Speaking time = 140 minutes ÷ number of delegations: about 1 min 45 s for 80, "
            "45 s when more than 160 register (Source: [AP-CHINA]).",
            "E1",
        ),
        (  # E1, the context
            "More than 160 States at China's review in January 2024, **45 seconds each**.",
            "must be taught with 'observ'",
        ),
        (  # E2
            "the Human Rights Committee now asks within **2 years**. Source: [CCPRC-FU]",
            "E2",
        ),
        ("| 2 | 13–26 | Jun 2012 – Nov 2016 | 14 |", "E3"),  # E3
        (  # E8, in a lesson
            "- the national report is due about **12 weeks before** the review;",
            "must be taught with '12[–-]15 weeks'",
        ),
        (
            "The first report came in 2010 (A/HRC/14/19). Source: [IHRC-REPR]",
            "must be taught with '1991'",  # reprisal reports go back before 2010
        ),
    ],
)
def test_the_checks_catch_a_doctored_lesson(text, what):
    problems = check_teaching(read_limits(), {"doctored": text})
    assert any(what in p for p in problems), problems
