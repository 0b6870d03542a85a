"""Lesson 15's checks: consent, verification, identifying details, on the fictional case file."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.data.practice import load_incident_key, load_incidents
from uprkit.errors import DataError
from uprkit.simulations.documentation import (
    Use,
    allowed_use,
    check_incidents,
    check_paragraph,
    count_usable,
    find_identifying_details,
    verification_level,
)


@pytest.mark.parametrize(
    ("consent", "scope", "withdrawn", "use"),
    [
        ("none", "named", False, Use.NONE),
        ("written", "internal only", False, Use.NONE),
        ("oral", "anonymous statistics", False, Use.COUNT),
        ("written", "anonymous case", False, Use.DESCRIBE),
        ("written", "named", False, Use.NAME),
        ("written", "named", True, Use.NONE),  # withdrawal ends every use
    ],
)
def test_allowed_use_follows_consent_and_withdrawal(consent, scope, withdrawn, use):
    assert allowed_use(consent, scope, withdrawn=withdrawn) is use


def test_unknown_consent_words_are_refused_with_the_choices():
    with pytest.raises(DataError, match="expected one of: none, written, oral"):
        allowed_use("yes", "named", withdrawn=False)
    with pytest.raises(DataError, match="internal only, anonymous statistics"):
        allowed_use("oral", "public", withdrawn=False)


@pytest.mark.parametrize(
    ("kinds", "independent", "level"),
    [
        (("victim testimony", "medical record"), 2, "corroborated"),
        (("witness testimony", "media report"), 1, "single source"),  # the site repeated him
        (("official document",), 1, "single source"),
        (("media report",), 1, "unverified"),
        (("media report", "media report"), 2, "unverified"),  # two papers, no first-hand source
        ((), 0, "unverified"),
    ],
)
def test_verification_levels(kinds, independent, level):
    assert verification_level(kinds, independent) == level


def test_more_independent_sources_than_sources_is_an_error():
    with pytest.raises(DataError, match="cannot be more independent sources than sources"):
        verification_level(("victim testimony",), 2)
    with pytest.raises(DataError, match="unknown source kind"):
        verification_level(("rumour",), 1)


def test_identifying_patterns_and_case_details_are_found_in_order():
    text = (
        "On 2025-03-02 Lina Okoro, aged 34, of 14 Quay Street (phone +999 555 0142, "
        "lina@example.org, ID number 12345678) was evicted in 2025."
    )
    kinds = [(f.kind, f.text) for f in find_identifying_details(text, ["Lina Okoro"])]
    assert kinds == [
        ("detail from the case key", "Lina Okoro"),
        ("exact age", "aged 34"),
        ("street address", "14 Quay Street"),
        ("telephone number", "+999 555 0142"),
        ("e-mail address", "lina@example.org"),
        ("ID number", "ID number 12345678"),
    ]


def test_dates_years_and_counts_are_not_mistaken_for_details():
    text = "Between 2024-01-01 and 2025-08-31 we documented 12 evictions in three districts."
    assert find_identifying_details(text) == []
    # a case detail is matched as a whole word, in any case, never inside another word
    assert [f.text for f in find_identifying_details("TAMSA and Tamsanga", ["Tamsa"])] == ["TAMSA"]


def test_the_fictional_case_file_gives_the_expected_verdicts():
    checked = check_incidents(load_incidents(), load_incident_key()).set_index("incident_id")
    assert checked.loc["INC-04", "use"] == Use.NONE.value  # consent withdrawn
    assert "withdrawn" in checked.loc["INC-04", "problems"]
    assert checked.loc["INC-10", "use"] == Use.NONE.value  # internal only
    assert checked.loc["INC-06", "verification"] == "unverified"  # a newspaper only
    assert checked.loc["INC-09", "verification"] == "single source"
    assert "Lina Okoro" in checked.loc["INC-02", "problems"]
    assert (
        "aged 16" in checked.loc["INC-08", "problems"]
        and "Tamsa" in checked.loc["INC-08", "problems"]
    )
    assert "+999 555 0142" in checked.loc["INC-03", "problems"]  # named, but not the phone
    clean = checked[checked["problems"] == ""].index.tolist()
    assert clean == ["INC-01", "INC-05", "INC-07", "INC-11"]


def test_counts_leave_out_what_may_not_be_used():
    checked = check_incidents(load_incidents(), load_incident_key())
    counts = count_usable(checked).set_index("violation")
    assert counts.loc["forced eviction"].tolist() == [4, 4]
    assert counts.loc["arbitrary detention"].tolist() == [1, 1]  # INC-06 and INC-10 left out
    assert "ill-treatment in custody" in counts.index  # INC-12; INC-04 withdrawn
    assert counts["usable"].sum() == 9


def test_a_table_without_the_consent_columns_is_refused():
    with pytest.raises(DataError, match="consent"):
        check_incidents(pd.DataFrame({"incident_id": ["X"], "summary": ["..."]}))


def test_paragraph_check_names_details_and_missing_parts():
    key = load_incident_key()
    good = (
        "12. Between February and July 2025 our network documented 4 forced evictions in the "
        "Harbour district, each corroborated by at least two independent sources. We recommend "
        "that the Government halt evictions while appeals are pending."
    )
    check = check_paragraph(good, key)
    assert check.safe and check.missing == ()
    bad = check_paragraph("Resident Joseph Ade of Tamsa told us about the bulldozers.", key)
    assert not bad.safe
    assert [f.text for f in bad.findings] == ["Joseph Ade", "Tamsa"]
    assert len(bad.missing) == 4
    with pytest.raises(DataError, match="must be text"):
        check_paragraph(None)  # type: ignore[arg-type]


def test_the_checker_widget_shows_details_and_missing_parts():
    from uprkit.widgets.documentation import show_paragraph_checker

    checker = show_paragraph_checker(load_incident_key(), "Joseph Ade of Tamsa lost his home.")
    checker.check_button.click()
    assert "Joseph Ade" in checker.details.value and "uprkit-error" in checker.details.value
    assert "a recommendation" in checker.missing.value
    checker.text.value = (
        "In 2025 we documented 4 evictions; we recommend a moratorium on evictions."
    )
    checker.check_button.click()
    assert "No identifying details" in checker.details.value
    assert "Still missing" not in checker.missing.value
    checker.text.value = "  "
    checker.check_button.click()
    assert "empty" in checker.details.value
