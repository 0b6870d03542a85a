"""The curated data loaders: columns, dtypes, closed vocabularies, state names, limits."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

import uprkit.data.loaders
import uprkit.data.states
import uprkit.data.text
from uprkit.data import (
    RECOMMENDATION_COLUMNS,
    REGIONAL_GROUPS,
    cycle_of_session,
    get_limit,
    load_action_categories,
    load_issues,
    load_limits,
    load_recommendations,
    load_reviews,
    load_sessions,
    load_states,
    load_treaties,
    regional_group_of,
    to_iso3,
)
from uprkit.errors import DataError, InputFileError, UnknownStateError

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("Côte d'Ivoire", "cote d'ivoire"),
        ("C\u006f\u0302te d'Ivoire", "cote d'ivoire"),  # decomposed, as macOS writes names
        ("TÜRKİYE", "turkiye"),
        ("ﬁnland", "finland"),  # a ligature (compatibility form)
        ("ليلى", "ليلى"),  # letters without marks are kept in every script
    ],
)
def test_fold_accents_drops_marks_and_case_only(typed, same_as):
    assert uprkit.data.text.fold_accents(typed) == same_as


# ---------------------------------------------------------------------------- states


def test_states_are_the_193_members_with_the_five_groups():
    states = load_states()
    assert len(states) == 193 and states["iso3"].is_unique and states["iso2"].is_unique
    assert isinstance(states["regional_group"].dtype, pd.CategoricalDtype)
    assert list(states["regional_group"].cat.categories) == list(REGIONAL_GROUPS)
    counts = states["regional_group"].value_counts().to_dict()
    assert counts == {
        "African Group": 54,
        "Asia-Pacific Group": 54,
        "Eastern European Group": 23,
        "GRULAC": 33,
        "WEOG": 29,
    }
    assert states.set_index("iso3").at["NAM", "iso2"] == "NA"  # not a missing value


def test_loaders_return_copies_so_callers_cannot_spoil_the_cache():
    states = load_states()
    states.loc[0, "name"] = "spoiled"
    assert load_states().loc[0, "name"] != "spoiled"


@pytest.mark.parametrize(
    ("spelling", "iso3"),
    [
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Macedonia FYR", "MKD"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("TГјrkiye", "TUR"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("CГґte d'Ivoire", "CIV"),
        ("CÃ´te d'Ivoire", "CIV"),
        ("St Kitts & Nevis", "KNA"),
        ("Saint Kitts And Nevis", "KNA"),
        ("St. Lucia", "LCA"),
        ("DPR Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Congo", "COG"),
        ("Republic of Congo", "COG"),
        ("Democratic Republic of Congo", "COD"),
        ("Congo, The Democratic Republic Of The", "COD"),
        ("Guinea-bissau", "GNB"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("gbr", "GBR"),
        ("gb", None),
        ("no", None),
        ("GBR", "GBR"),
        ("GB", "GBR"),
        ("NA", "NAM"),
        ("Holy See", "VAT"),
        ("Palestine", "PSE"),
        ("  Viet Nam ", "VNM"),
        ("Vietnam", "VNM"),
        ("Iran (Islamic Republic of)", "IRN"),
    ],
)
def test_to_iso3_reads_every_common_spelling(spelling, iso3):
    if iso3 is None:  # lower-case two-letter codes are words ("no"), not codes
        with pytest.raises(UnknownStateError):
            to_iso3(spelling)
    else:
        assert to_iso3(spelling) == iso3


def test_every_state_name_and_alias_maps_back_to_its_code():
    states = load_states()
    for row in states.itertuples():
        assert to_iso3(row.name) == row.iso3 and to_iso3(row.short_name) == row.iso3
    aliases = pd.read_csv(DATASETS / "state_aliases.csv", keep_default_na=False)
    assert aliases["alias"].map(to_iso3).tolist() == aliases["iso3"].tolist()


def test_unknown_state_error_names_the_value_and_close_matches():
    with pytest.raises(UnknownStateError) as info:
        to_iso3("Slovenija")
    message = str(info.value)
    assert "'Slovenija'" in message and "Slovenia" in message and "load_states" in message
    with pytest.raises(UnknownStateError, match="not a UN member or observer state"):
        to_iso3("Niue")
    with pytest.raises(UnknownStateError, match="empty"):
        to_iso3("")
    assert isinstance(info.value, KeyError) and isinstance(info.value, DataError)


@pytest.mark.parametrize("name", ["Korea", "korea", " KOREA "])
def test_bare_korea_is_ambiguous_and_names_both_states(name):
    with pytest.raises(UnknownStateError) as info:
        to_iso3(name)
    message = str(info.value)
    assert "ambiguous" in message and "KOR" in message and "PRK" in message
    assert to_iso3("South Korea") == "KOR" and to_iso3("North Korea") == "PRK"


def test_regional_group_of_members_and_observers():
    assert regional_group_of("TUR") == "WEOG"
    assert regional_group_of("KIR") == "Asia-Pacific Group"
    assert regional_group_of("PSE") == "Observer"
    with pytest.raises(UnknownStateError):
        regional_group_of("XXX")


# ---------------------------------------------------------------------------- calendar


def test_sessions_cover_four_cycles_with_dates_where_confirmed():
    sessions = load_sessions()
    assert sessions["session"].tolist() == list(range(1, 55))
    assert sessions.groupby("cycle")["session"].agg(["min", "max"]).values.tolist() == [
        [1, 12],
        [13, 26],
        [27, 40],
        [41, 54],
    ]
    assert sessions["cycle"].tolist() == [cycle_of_session(s) for s in sessions["session"]]
    assert str(sessions["start_date"].dtype).startswith("datetime64")
    held = sessions[sessions["status"] == "confirmed"]
    assert (held["end_date"] > held["start_date"]).all()
    assert ((held["end_date"] - held["start_date"]).dt.days.between(9, 14)).all()
    projected = sessions[sessions["status"] == "projected"]
    assert projected["session"].tolist() == [52, 53, 54] and projected["start_date"].isna().all()
    s41 = sessions.set_index("session").loc[41]
    assert (str(s41.start_date.date()), str(s41.end_date.date())) == ("2022-11-07", "2022-11-18")
    assert sessions.set_index("session").at[36, "start_date"] == pd.Timestamp("2020-11-02")


def test_reviews_put_every_state_once_in_cycles_two_and_three():
    reviews = load_reviews()
    reviews["cycle"] = reviews["session"].map(cycle_of_session)
    members = set(load_states()["iso3"])
    assert set(reviews["iso3"]) <= members
    for cycle in (2, 3):
        in_cycle = reviews[reviews["cycle"] == cycle]
        assert in_cycle["iso3"].is_unique and set(in_cycle["iso3"]) == members
    fourth = reviews[reviews["cycle"] == 4]
    assert members - set(fourth["iso3"]) == {"UKR", "SDN"}  # UNCONFIRMED in the fact sheet
    assert set(reviews.loc[reviews["session"] == 48, "iso3"]) >= {"SVN", "ITA", "EGY", "IRN"}
    assert reviews.loc[reviews["session"] == 17, "iso3"].eq("ISR").any()
    assert set(reviews.loc[reviews["session"] >= 52, "status"]) == {"projected"}


# ---------------------------------------------------------------------------- vocabularies


def test_treaties_are_nine_core_treaties_and_nine_protocols():
    treaties = load_treaties()
    assert len(treaties) == 18 and treaties["code"].is_unique
    core = treaties[treaties["kind"] == "treaty"]
    assert sorted(core["code"]) == sorted(
        ["ICERD", "ICCPR", "ICESCR", "CEDAW", "CAT", "CRC", "ICRMW", "CRPD", "CPED"]
    )
    protocols = treaties[treaties["kind"] == "optional protocol"]
    assert set(protocols["parent"]) <= set(core["code"])
    assert treaties["adopted"].dtype == "Int64"
    periodicity = treaties.set_index("code")["reporting_periodicity_years"]
    assert (periodicity["CRC"], periodicity["CEDAW"], periodicity["CRPD"]) == (5, 4, 4)
    status = treaties.set_index("code")["periodicity_status"]
    assert status["ICESCR"] == "UNCONFIRMED" and status["CRC"] == "CONFIRMED"


def test_action_categories_and_issues():
    categories = load_action_categories()
    assert categories["category"].tolist() == [1, 2, 3, 4, 5]
    assert categories.set_index("category").at[5, "label"] == "Specific action"
    assert "ratify" in categories.set_index("category").at[5, "verbs"].split("; ")
    assert categories.set_index("category").at[1, "label_status"] == "UNCONFIRMED"
    issues = load_issues()
    assert len(issues) == 54 and issues["issue"].is_unique and issues["label"].is_unique
    assert "death penalty" in issues.set_index("issue").at["death_penalty", "keywords"].split("; ")


# ---------------------------------------------------------------------------- corpus


def test_illustrative_corpus_is_varied_and_marked_illustrative():
    corpus = load_recommendations()
    assert list(corpus.columns) == list(RECOMMENDATION_COLUMNS)
    assert len(corpus) >= 300 and corpus["recommendation_id"].is_unique
    assert corpus["illustrative"].all() and corpus["source"].str.contains("illustrative").all()
    assert set(corpus["action_category"]) == {1, 2, 3, 4, 5}
    assert corpus["action_category"].dtype == "Int64"
    assert set(corpus["response"]) == {"supported", "noted"}
    assert 0.65 < (corpus["response"] == "supported").mean() < 0.85
    assert set(corpus["recommending_group"]) == set(REGIONAL_GROUPS)
    assert corpus["state_under_review"].nunique() >= 5
    assert (corpus["state_under_review"] != corpus["recommending_state"]).all()
    known_issues = set(load_issues()["issue"])
    used = {i for value in corpus["issues"] for i in value.split("; ")}
    assert used <= known_issues and len(used) >= 20
    # States under review are reviewed in that session according to the kit's calendar.
    reviews = set(zip(load_reviews()["session"], load_reviews()["iso3"], strict=True))
    pairs = set(zip(corpus["session"], corpus["state_under_review"], strict=True))
    assert pairs <= reviews
    # The recommending group is the recommending state's group.
    groups = load_states().set_index("iso3")["regional_group"].astype(str)
    assert (
        corpus["recommending_state"].map(groups) == corpus["recommending_group"].astype(str)
    ).all()


def _run_build_script(name: str, tmp_path: Path, monkeypatch) -> Path:
    """Run datasets/<name> against a copy of datasets/ and return the copy."""
    for csv in DATASETS.glob("*.csv"):
        (tmp_path / csv.name).write_bytes(csv.read_bytes())
    script = tmp_path / name
    script.write_text((DATASETS / name).read_text(encoding="utf-8"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"built_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_and_calendar_are_reproduced_by_their_build_scripts(tmp_path, monkeypatch):
    corpus = _run_build_script("build_corpus.py", tmp_path, monkeypatch)
    import csv

    with open(DATASETS / "states.csv", encoding="utf-8", newline="") as f:
        rows = corpus.build(list(csv.DictReader(f)))
    committed = pd.read_csv(DATASETS / "recommendations.csv", dtype=str, keep_default_na=False)
    assert pd.DataFrame(rows).astype(str).equals(committed)

    calendar = _run_build_script("build_calendar.py", tmp_path, monkeypatch)
    sessions = pd.read_csv(DATASETS / "sessions.csv", dtype=str, keep_default_na=False)
    assert pd.DataFrame(calendar.build_sessions()).astype(str).equals(sessions)
    reviews = pd.read_csv(DATASETS / "reviews.csv", dtype=str, keep_default_na=False)
    assert pd.DataFrame(calendar.build_reviews(to_iso3)).astype(str).equals(reviews)


# ---------------------------------------------------------------------------- limits


def test_limits_hold_the_procedural_numbers_with_status():
    limits = load_limits()
    assert limits["key"].is_unique
    assert get_limit("stakeholder_submission_words_individual") == 2815
    assert get_limit("stakeholder_submission_words_joint") == 5630
    assert limits.at["stakeholder_submission_words_individual", "status"] == "UNCONFIRMED"
    assert "OHCHR" in limits.at["stakeholder_submission_words_joint", "description"]
    assert (
        get_limit("wg_review_minutes"),
        get_limit("wg_state_under_review_minutes"),
        get_limit("wg_other_states_minutes"),
    ) == (210, 70, 140)
    assert get_limit("addendum_words") == 2675 and get_limit("wg_report_words") == 10700
    assert get_limit("national_report_words") == 10700
    assert not limits["overridden"].any()
    assert limits["source"].ne("").all()  # every number says where it comes from


def test_a_trainer_overrides_limits_from_a_toml_file(tmp_path):
    toml = tmp_path / "workshop.toml"
    toml.write_text(
        '[workshop]\nname = "x"\n\n[limits]\nstakeholder_submission_words_individual = 3000\n'
    )
    limits = load_limits(toml)
    row = limits.loc["stakeholder_submission_words_individual"]
    assert (row.value, row.status, row.overridden) == (3000.0, "TRAINER", True)
    assert "workshop.toml" in row.source
    assert get_limit("stakeholder_submission_words_individual") == 2815  # the file is unchanged
    plain = tmp_path / "plain.toml"
    plain.write_text('[workshop]\nname = "x"\n')
    assert not load_limits(plain)["overridden"].any()  # a workshop.toml without [limits]
    flat = tmp_path / "limits.toml"
    flat.write_text("addendum_words = 3000\n")
    assert load_limits(flat).at["addendum_words", "value"] == 3000


def test_bad_overrides_name_the_key_and_the_valid_choices(tmp_path):
    with pytest.raises(DataError, match="unknown limit 'word_limit'.*addendum_words"):
        load_limits({"word_limit": 5})
    with pytest.raises(DataError, match="must be a number"):
        load_limits({"addendum_words": "many"})
    with pytest.raises(InputFileError, match="no such file"):
        load_limits(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[limits\n")
    with pytest.raises(InputFileError, match="not valid TOML"):
        load_limits(broken)
    with pytest.raises(DataError, match="unknown limit"):
        get_limit("nope")


def test_unknown_session_number_is_refused():
    with pytest.raises(DataError, match="unknown UPR Working Group session 55"):
        cycle_of_session(55)


def test_no_ambiguous_name_is_also_a_known_spelling():
    """An ambiguous name is refused only when no spelling resolves it: keep it out of the lists."""
    from uprkit.data.states import AMBIGUOUS_NAMES, _state_index
    from uprkit.paths import datasets_dir

    _, names = _state_index(str(datasets_dir()))
    assert not set(AMBIGUOUS_NAMES) & set(names)
