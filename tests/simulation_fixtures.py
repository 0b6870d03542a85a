"""Small in-memory tables with the shared contract's columns, for the simulation tests.

States and groups are taken from the fact sheet (§7, DGACM lists); recommendation texts are
written for the tests (not real data).
"""

from __future__ import annotations

import pandas as pd

STATE_ROWS = [
    ("DZA", "Algeria", "African Group"),
    ("CPV", "Cabo Verde", "African Group"),
    ("KEN", "Kenya", "African Group"),
    ("ZAF", "South Africa", "African Group"),
    ("ZWE", "Zimbabwe", "African Group"),
    ("AFG", "Afghanistan", "Asia-Pacific Group"),
    ("JPN", "Japan", "Asia-Pacific Group"),
    ("THA", "Thailand", "Asia-Pacific Group"),
    ("TUR", "Türkiye", "WEOG"),
    ("SVN", "Slovenia", "Eastern European Group"),
    ("MKD", "North Macedonia", "Eastern European Group"),
    ("POL", "Poland", "Eastern European Group"),
    ("DOM", "Dominican Republic", "GRULAC"),
    ("CRI", "Costa Rica", "GRULAC"),
    ("URY", "Uruguay", "GRULAC"),
    ("DEU", "Germany", "WEOG"),
    ("FRA", "France", "WEOG"),
    ("NOR", "Norway", "WEOG"),
    ("CIV", "Côte d'Ivoire", "African Group"),
    ("BHS", "Bahamas", "GRULAC"),
]

GROUPS = ["African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG"]


def make_states() -> pd.DataFrame:
    frame = pd.DataFrame(STATE_ROWS, columns=["iso3", "name", "regional_group"])
    frame["regional_group"] = pd.Categorical(frame["regional_group"], categories=GROUPS)
    return frame


REC_ROWS = [
    (
        "r1",
        "KEN",
        "DEU",
        "WEOG",
        "Ratify the Optional Protocol to the Convention against Torture.",
        "international_instruments",
        5,
        "supported",
    ),
    (
        "r2",
        "KEN",
        "DEU",
        "WEOG",
        "Abolish the death penalty in law by 2027.",
        "death_penalty",
        5,
        "noted",
    ),
    (
        "r3",
        "KEN",
        "FRA",
        "WEOG",
        "Continue its efforts to combat gender-based violence.",
        "womens_rights",
        2,
        "supported",
    ),
    (
        "r4",
        "KEN",
        "URY",
        "GRULAC",
        "Consider ratifying the Convention on enforced disappearance.",
        "international_instruments",
        3,
        "noted",
    ),
    (
        "r5",
        "KEN",
        "ZAF",
        "African Group",
        "Strengthen the national human rights institution.",
        "nhri",
        4,
        "supported",
    ),
    (
        "r6",
        "SVN",
        "JPN",
        "Asia-Pacific Group",
        "Adopt a national action plan on Roma inclusion.",
        "minorities",
        5,
        "supported",
    ),
    (
        "r7",
        "SVN",
        "NOR",
        "WEOG",
        "Establish an independent police oversight body by 2026.",
        "detention",
        5,
        "supported",
    ),
    (
        "r8",
        "THA",
        "CRI",
        "GRULAC",
        "Take measures to protect human rights defenders.",
        "human_rights_defenders",
        4,
        "supported",
    ),
    (
        "r9",
        "THA",
        "POL",
        "Eastern European Group",
        "Investigate all allegations of torture.",
        "torture",
        5,
        "noted",
    ),
    (
        "r10",
        "KEN",
        "NOR",
        "WEOG",
        "Ratify the Optional Protocol to the Convention against Torture.",
        "international_instruments",
        5,
        "supported",
    ),
]


def make_recommendations() -> pd.DataFrame:
    frame = pd.DataFrame(
        REC_ROWS,
        columns=[
            "recommendation_id",
            "state_under_review",
            "recommending_state",
            "recommending_group",
            "text",
            "issues",
            "action_category",
            "response",
        ],
    )
    frame["session"] = 35
    frame["cycle"] = 3
    frame["action_category"] = frame["action_category"].astype("Int64")
    frame["response"] = pd.Categorical(frame["response"], categories=["supported", "noted"])
    return frame
