"""Practice material for the documentation and shadow-report lessons (15 and 16).

Three CSVs of the data package: ``practice_sources.csv`` (the guidance the two lessons cite
that the fact sheet does not cover, each with its status and address), and a FICTIONAL case
file for the exercise of lesson 15: ``incidents_fictional.csv`` (incident records kept under
pseudonyms) and ``incident_key_fictional.csv`` (the key from each pseudonym to the details that
would identify the person; in real work this key lives apart from the records, encrypted).

>>> incidents = load_incidents()
>>> first = incidents.iloc[0]
>>> first.incident_id, first.pseudonym, int(first.independent_sources)
('INC-01', 'Defender A', 3)
>>> load_incident_key()["Resident B"]
('Lina Okoro', '14 Quay Street')
"""

from __future__ import annotations

from uprkit.data._kit_files import categorical, pd, read_table
from uprkit.errors import DataError

__all__ = [
    "CONSENT_SCOPES",
    "CONSENTS",
    "SOURCE_KINDS",
    "load_incident_key",
    "load_incidents",
    "load_practice_sources",
]

CONSENTS = ("none", "written", "oral")
# What the person agreed to, from the narrowest to the widest use.
CONSENT_SCOPES = ("internal only", "anonymous statistics", "anonymous case", "named")
SOURCE_KINDS = (
    "victim testimony",
    "witness testimony",
    "medical record",
    "official document",
    "court record",
    "lawyer's statement",
    "photograph",
    "media report",
)


def load_practice_sources() -> pd.DataFrame:
    """The guidance lessons 15 and 16 cite beyond the fact sheet, indexed by ``key``.

    Columns: key, title, publisher, year, url, status (CONFIRMED / DERIVED / UNCONFIRMED),
    used_for (what the lessons take from it).
    """
    sources = read_table("practice_sources.csv")
    return sources.set_index("key", drop=False).rename_axis(None)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def load_incidents() -> pd.DataFrame:
    """The FICTIONAL incident records of lesson 15 (a made-up country, made-up people).

    Columns: incident_id, date (datetime), district, violation, pseudonym, summary,
    source_kinds (tuple of kinds from ``SOURCE_KINDS``), independent_sources (int), consent
    (categorical ``CONSENTS``), consent_scope (categorical ``CONSENT_SCOPES``, ordered),
    consent_withdrawn (bool).
    """
    incidents = read_table("incidents_fictional.csv")
    incidents["date"] = pd.to_datetime(incidents["date"])
    incidents["source_kinds"] = incidents["source_kinds"].map(_split)
    for row in incidents.itertuples():
        unknown = set(row.source_kinds) - set(SOURCE_KINDS)
        if unknown:
            raise DataError(
                f"incidents_fictional.csv, {row.incident_id}: unknown source kind(s) "
                f"{sorted(unknown)}; expected one of: {', '.join(SOURCE_KINDS)}"
            )
    incidents["independent_sources"] = incidents["independent_sources"].astype(int)
    incidents["consent"] = categorical(incidents["consent"], CONSENTS)
    incidents["consent_scope"] = pd.Categorical(
        incidents["consent_scope"], categories=list(CONSENT_SCOPES), ordered=True
    )
    incidents["consent_withdrawn"] = incidents["consent_withdrawn"].str.lower().eq("true")
    return incidents


def load_incident_key() -> dict[str, tuple[str, ...]]:
    """Pseudonym → the details that identify the person (names, places, numbers) in the case."""
    key = read_table("incident_key_fictional.csv")
    return {row.pseudonym: _split(row.identifying_details) for row in key.itertuples()}
