"""The UN member and observer states: the tables, any spelling to ISO3, and regional groups.

``to_iso3`` reads plain rows (no pandas), so a participant's kernel that only checks a state
name stays light.

>>> load_states().shape[0]
193
>>> to_iso3("Swaziland"), to_iso3("Cote d'Ivoire"), to_iso3("TГјrkiye")
('SWZ', 'CIV', 'TUR')
"""

from __future__ import annotations

import difflib
import functools
import re

from uprkit.data._kit_files import categorical, pd, read_table, rows
from uprkit.data.text import fold_accents
from uprkit.errors import UnknownStateError
from uprkit.paths import datasets_dir

__all__ = [
    "REGIONAL_GROUPS",
    "load_observer_states",
    "load_state_aliases",
    "load_states",
    "regional_group_of",
    "to_iso3",
]

REGIONAL_GROUPS = (
    "African Group",
    "Asia-Pacific Group",
    "Eastern European Group",
    "GRULAC",
    "WEOG",
)


def load_states() -> pd.DataFrame:
    """The 193 UN member states: iso3, iso2, name (UN short name), short_name, regional_group.

    ``regional_group`` is a categorical of the five UN regional groups (fact sheet §7);
    Türkiye is listed under WEOG (where it counts for elections) and the United States under WEOG.
    """
    states = read_table("states.csv")
    states["regional_group"] = categorical(states["regional_group"], REGIONAL_GROUPS)
    return states


def load_observer_states() -> pd.DataFrame:
    """Non-member observer states that take part in the UPR (Holy See, State of Palestine)."""
    return read_table("observer_states.csv")


def load_state_aliases() -> pd.DataFrame:
    """Other spellings of state names (UPR Info, UNTC, former names, mojibake): alias, iso3."""
    return read_table("state_aliases.csv")


def _key(name: str) -> str:
    """A spelling-insensitive key: no accents, case, punctuation, '&' or 'St.' differences."""
    text = fold_accents(name).replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^st ", "saint ", text)
    text = re.sub(r" st ", " saint ", text)
    text = re.sub(r"^the ", "", text)
    return text


@functools.lru_cache(maxsize=4)
def _state_index(folder: str) -> tuple[dict[str, str], dict[str, str]]:
    """(code → iso3, name key → iso3) built from states, observers and aliases."""
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for table in ("states.csv", "observer_states.csv"):
        for row in rows(table, folder):
            codes[row["iso3"]] = row["iso3"]
            codes[row["iso2"]] = row["iso3"]
            names[_key(row["name"])] = row["iso3"]
            names[_key(row["short_name"])] = row["iso3"]
    for row in rows("state_aliases.csv", folder):
        names.setdefault(_key(row["alias"]), row["iso3"])
    return codes, names


def _repair_mojibake(name: str) -> list[str]:
    """Readings of ``name`` as UTF-8 text that was decoded with a wrong code page."""
    repaired = []
    for wrong in ("cp1251", "cp1252", "latin-1", "mac_roman"):
        try:
            fixed = name.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != name:
            repaired.append(fixed)
    return repaired


@functools.lru_cache(maxsize=4096)
def _to_iso3_cached(name_or_code: str, folder: str) -> str | None:
    codes, names = _state_index(folder)
    text = name_or_code.strip()
    # ISO2 codes only in capitals ("NA" is Namibia, "no" is not Norway); ISO3 in any case.
    if text in codes:
        return codes[text]
    if len(text) == 3 and text.upper() in codes:
        return codes[text.upper()]
    for candidate in (text, *_repair_mojibake(text)):
        iso3 = names.get(_key(candidate))
        if iso3:
            return iso3
    return None


# Entities that appear in treaty tables but are not UN member or observer states: named in the
# error so that a trainer is not pointed to a "close match" such as Niue → Niger.
NON_MEMBER_ENTITIES = {
    "cook islands": "self-governing in free association with New Zealand; party to some treaties",
    "niue": "self-governing in free association with New Zealand; party to some treaties",
    "european union": "a regional organisation; party to the CRPD",
    "montserrat": "a British overseas territory",
    "kosovo": "not a UN member state",
    "taiwan": "not a UN member state",
    "western sahara": "a non-self-governing territory",
}

# Names that stand for more than one state: refused with the candidates, never settled by a guess
# (so none of them may be a spelling in states.csv or state_aliases.csv).
AMBIGUOUS_NAMES = {
    "korea": ("KOR (Republic of Korea, South Korea)", "PRK (DPR Korea, North Korea)"),
}


def to_iso3(name_or_code: str) -> str:
    """The ISO3 code of a UN member or observer state, from any common spelling.

    Accepts ISO3/ISO2 codes, UN names, UPR Info and UNTC names, former names (Swaziland,
    Turkey, Macedonia FYR), accent-free and mojibake forms. Raises ``UnknownStateError`` with
    close matches when the name is not a state the kit knows; it never guesses.

    >>> to_iso3("Macedonia FYR"), to_iso3("St Kitts & Nevis"), to_iso3("CГґte d'Ivoire")
    ('MKD', 'KNA', 'CIV')
    """
    if not isinstance(name_or_code, str) or not name_or_code.strip():
        raise UnknownStateError(
            f"empty or missing state name {name_or_code!r}; expected a UN member state name or "
            "ISO3 code (see uprkit.data.load_states())"
        )
    folder = str(datasets_dir())
    iso3 = _to_iso3_cached(name_or_code, folder)
    if iso3 is None:  # why not, as precisely as the kit can say
        key = _key(name_or_code)
        candidates = AMBIGUOUS_NAMES.get(key)
        if candidates:
            raise UnknownStateError(
                f"ambiguous state name {name_or_code!r}: it could be {' or '.join(candidates)}; "
                "use the full name or the ISO3 code"
            )
        entity = NON_MEMBER_ENTITIES.get(key)
        if entity:
            raise UnknownStateError(
                f"{name_or_code!r} is not a UN member or observer state ({entity}); the kit "
                "covers the 193 member states and 2 observer states only"
            )
        display = {_key(row["name"]): row["name"] for row in rows("states.csv", folder)}
        close = difflib.get_close_matches(key, list(display), n=3, cutoff=0.6)
        hint = ", ".join(display[c] for c in close) if close else "none"
        raise UnknownStateError(
            f"unknown state {name_or_code!r}: not one of the 193 UN member states or the 2 "
            f"observer states; close matches: {hint}. Valid names are in "
            "uprkit.data.load_states() (add a spelling to datasets/state_aliases.csv if it is one)"
        )
    return iso3


@functools.lru_cache(maxsize=4)
def _groups(folder: str) -> dict[str, str]:
    groups = {row["iso3"]: row["regional_group"] for row in rows("states.csv", folder)}
    groups.update(
        dict.fromkeys((r["iso3"] for r in rows("observer_states.csv", folder)), "Observer")
    )
    return groups


def regional_group_of(iso3: str) -> str:
    """The UN regional group of a member state, or "Observer" for the Holy See and Palestine."""
    groups = _groups(str(datasets_dir()))
    if iso3 not in groups:
        raise UnknownStateError(
            f"unknown ISO3 code {iso3!r}; expected one of load_states().iso3 (or VAT, PSE)"
        )
    return groups[iso3]
