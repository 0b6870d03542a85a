"""assess and the column functions: SMART elements, issues, tips; columns equal scalar calls."""

from __future__ import annotations

import pandas as pd
import pytest

from uprkit.errors import DataError
from uprkit.recommendations import (
    SMART_ELEMENTS,
    Assessment,
    assess,
    assess_column,
    classify_action,
    classify_actions,
    find_issues,
)

SMART_TEXT = (
    "Amend the Penal Code before its next review to criminalise marital rape, so that the number "
    "of convictions can be tracked, with the Ministry of Justice training judges, for women and "
    "girls, in line with CEDAW article 16"
)
VAGUE_TEXT = "Take measures to improve the situation"


def test_a_smart_recommendation_shows_all_six_elements():
    result = assess(SMART_TEXT)
    assert isinstance(result, Assessment)
    assert result.found == SMART_ELEMENTS
    assert result.missing == ()
    assert result.action.category == 5


def test_a_vague_recommendation_misses_them_and_gets_one_tip_per_gap():
    result = assess(VAGUE_TEXT)
    assert result.found == ()
    assert set(result.missing) == set(SMART_ELEMENTS)
    tips = " ".join(result.suggestions)
    assert "'take' leaves the step open" in tips
    for hint in ("countable", "deadline", "who must act", "who should benefit", "standard"):
        assert hint in tips


@pytest.mark.parametrize(
    ("text", "element"),
    [
        ("Raise the share of women in parliament to 30 % by 2028", "measurable target"),
        ("Set the minimum age of marriage at 18 years", "measurable target"),
        ("Publish disaggregated data on school enrolment", "measurable target"),
        ("Ratify OPCAT within two years", "time frame"),
        ("Adopt the bill before the next universal periodic review", "time frame"),
        ("Adopt a time-bound plan on child labour", "time frame"),
        ("Ensure that the police investigate every complaint", "responsible actor"),
        ("Ask Parliament to pass the bill on domestic violence", "responsible actor"),
        ("Protect human rights defenders and journalists", "rights-holders concerned"),
        ("Provide shelters for asylum-seekers", "rights-holders concerned"),
        ("Bring its law into line with the Paris Principles", "treaty or standard cited"),
        (
            "Implement the concluding observations of the Human Rights Committee",
            "treaty or standard cited",
        ),
    ],
)
def test_each_element_is_found_in_a_hand_written_example(text, element):
    assert element in assess(text).found


def test_as_soon_as_possible_is_called_out_as_no_deadline():
    result = assess("Adopt the bill on refugees as soon as possible")
    assert "time frame" in result.missing
    assert any("not a deadline" in tip for tip in result.suggestions)


def test_two_actions_in_one_recommendation_get_the_split_tip():
    result = assess("Ratify the Convention on Migrant Workers and adopt a law on asylum")
    assert any("split it" in tip for tip in result.suggestions)
    assert not any("split it" in tip for tip in assess("Sign and ratify the CRPD").suggestions)


def test_issues_come_from_the_kit_taxonomy():
    assert find_issues("Abolish the death penalty and ratify the Second Optional Protocol") == (
        "death_penalty",
        "international_instruments",
    )
    assert "womens_rights" in assess("Criminalise female genital mutilation").issues
    assert "torture" in assess("Prevent ill-treatment in police custody").issues
    assert assess("").issues == ()


def test_empty_and_portuguese_texts_get_one_honest_suggestion():
    assert assess("  ").suggestions == ("Paste the text of one recommendation.",)
    portuguese = assess("Adotar medidas para garantir os direitos das crianças")
    assert portuguese.action.category is None
    assert portuguese.found == ()
    assert "English version" in portuguese.suggestions[0]


def test_assess_refuses_a_non_string():
    with pytest.raises(DataError):
        assess(42)


TEXTS = [
    SMART_TEXT,
    VAGUE_TEXT,
    "Continue its efforts to reduce poverty",
    "Consider ratifying the ICRMW",
    "Seek technical assistance from OHCHR",
    "Ratify the Convention against Torture by 2027",
    "",
    "Ratifier la Convention contre la torture",
    "Thank you, Madam President",
    VAGUE_TEXT,  # a duplicate: analysed once, reported twice
]


def test_classify_actions_equals_classify_action_row_by_row():
    series = pd.Series(TEXTS, index=[f"r{i}" for i in range(len(TEXTS))])
    table = classify_actions(series)
    assert list(table.columns) == ["action_category", "decisive_words", "explanation"]
    assert str(table["action_category"].dtype) == "Int64"
    assert list(table.index) == list(series.index)
    for text, row in zip(TEXTS, table.itertuples(), strict=True):
        expected = classify_action(text)
        category = None if pd.isna(row.action_category) else int(row.action_category)
        assert category == expected.category
        assert row.decisive_words == expected.decisive_words
        assert row.explanation == expected.explanation


def test_assess_column_equals_assess_row_by_row():
    data = pd.DataFrame({"id": range(len(TEXTS)), "recommendation": TEXTS})
    table = assess_column(data, "recommendation")
    assert list(data.columns) == ["id", "recommendation"]  # the input is not changed
    for element in SMART_ELEMENTS:
        assert str(table[element].dtype) == "boolean"
    for text, (_, row) in zip(TEXTS, table.iterrows(), strict=True):
        expected = assess(text)
        assert tuple(e for e in SMART_ELEMENTS if row[e] is True) == expected.found
        assert row["found_issues"] == "; ".join(expected.issues)
        category = None if pd.isna(row["action_category"]) else int(row["action_category"])
        assert category == expected.action.category
        assert row["explanation"] == expected.action.explanation


UNREAD_TEXTS = [
    "",
    "   ",
    "Abolir a pena de morte até 2027",
    "Отменить смертную казнь до 2027 года",
]


def test_unread_texts_get_missing_smart_columns_not_false():
    texts = ["Ratify the Convention against Torture by 2027", *UNREAD_TEXTS]
    table = assess_column(pd.DataFrame({"text": texts}), "text")
    read, unread = table.iloc[0], table.iloc[1:]
    assert bool(read["time frame"]) and read["action_category"] == 5
    for element in SMART_ELEMENTS:
        assert str(table[element].dtype) == "boolean"
        assert unread[element].isna().all(), element
    # A trainer filtering "time frame missing" counts only the rows that were read.
    assert int((table["time frame"] == False).sum()) == 0  # noqa: E712
    assert unread["action_category"].isna().all()
    explanations = unread["explanation"].tolist()
    assert "empty" in explanations[0] and "empty" in explanations[1]
    assert "written in Portuguese" in explanations[2]
    assert "script the analyser does not read" in explanations[3]


def test_french_spanish_and_arabic_texts_in_a_column_are_read_in_their_language():
    texts = [
        "Ratifier la Convention contre la torture d'ici 2027",
        "Abolir la pena de muerte antes de 2027.",
        "التصديق على اتفاقية مناهضة التعذيب بحلول عام 2027",
    ]
    table = assess_column(pd.DataFrame({"text": texts}), "text")
    assert table["action_category"].tolist() == [5, 5, 5]
    assert table["time frame"].tolist() == [True, True, True]
    assert table["explanation"][0].startswith("Catégorie 5")
    assert table["explanation"][1].startswith("Categoría 5")
    assert table["explanation"][2].startswith("الفئة 5")


def test_missing_values_in_a_column_are_empty_texts_but_numbers_are_errors():
    table = classify_actions(pd.Series(["Ratify CAT", None, float("nan")]))
    assert table["action_category"].tolist()[0] == 5
    assert table["action_category"].isna().tolist() == [False, True, True]
    with pytest.raises(DataError, match="row 1"):
        classify_actions(pd.Series(["Ratify CAT", 12]))
    with pytest.raises(DataError, match="Series"):
        classify_actions(["Ratify CAT"])


def test_assess_column_names_the_available_columns_and_refuses_to_overwrite():
    data = pd.DataFrame({"text": ["Ratify CAT"], "action_category": [5]})
    with pytest.raises(DataError, match=r"'Text'.*columns are: 'text', 'action_category'"):
        assess_column(data, "Text")
    with pytest.raises(DataError, match="prefix"):
        assess_column(data, "text")
    table = assess_column(data, "text", prefix="analyser_")
    assert table["action_category"].tolist() == [5]  # the human label is kept
    assert table["analyser_action_category"].tolist() == [5]


def test_a_text_without_a_verb_is_still_checked_for_smart_elements():
    result = assess("Women's rights by 2030: a national priority")
    assert result.action.category is None
    assert "time frame" in result.found and "rights-holders concerned" in result.found
    assert result.suggestions[0].startswith("Start with one verb")
