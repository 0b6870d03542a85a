"""Which States take part in a dialogue, and their names.

Names and codes are resolved by the kit's one State-name resolver, :func:`uprkit.data.to_iso3`
(aliases, accents, mojibake); this module only checks that the State is in the table the
simulation was given and keeps English short names at hand for the report.

>>> import pandas as pd
>>> states = pd.DataFrame({"iso3": ["KEN", "TUR"], "name": ["Kenya", "Türkiye"]})
>>> resolve_state("Turkey", states), name_of("KEN", states)
('TUR', 'Kenya')
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import pandas as pd

from uprkit.data import fold_accents, load_observer_states, load_states, to_iso3
from uprkit.errors import UnknownStateError
from uprkit.i18n import _

__all__ = ["alphabetical_key", "load_default_states", "name_of", "resolve_state", "state_names"]


def load_default_states() -> pd.DataFrame:
    """The 193 UN members (iso3, name, regional_group) and the 2 observer States, which may also
    take the floor (no regional group: they are never drawn for the troika). From uprkit.data."""
    members = load_states()
    observers = load_observer_states()[["iso3", "name"]]
    frame = pd.concat([members, observers], ignore_index=True)
    frame["regional_group"] = pd.Categorical(
        frame["regional_group"], categories=members["regional_group"].cat.categories
    )
    return frame


def resolve_state(
    value: str, states: pd.DataFrame, *, names: Mapping[str, str] | None = None
) -> str:
    """Turn a name or code into an ISO3 code in ``states``; unknown ones list close matches.

    ``names`` is ``state_names(states)`` when the caller already has it (loops over delegations).
    """
    names = state_names(states) if names is None else names
    code = to_iso3(str(value))  # raises UnknownStateError with close matches
    if code in names:
        return code
    # a real State, but not in the (smaller) table this simulation was given
    text = str(value).strip()
    choices = list(names) + list(states["name"])
    close = difflib.get_close_matches(text, choices, n=4, cutoff=0.6)
    hint = _("; did you mean {names}?").format(names=", ".join(close)) if close else ""
    raise UnknownStateError(
        _(
            "unknown State “{value}”: not one of the {count} States in the list{hint} (use an "
            "ISO3 code such as KEN or an English short name such as Kenya)"
        ).format(value=value, count=len(names), hint=hint)
    )


def alphabetical_key(text: str) -> str:
    """Lower-case, no accents: the key of English alphabetical order ("Türkiye" ~ "Turkiye")."""
    return fold_accents(str(text)).strip()


def state_names(states: pd.DataFrame) -> dict[str, str]:
    """ISO3 → English short name (plain dict: loops over delegations stay fast)."""
    return dict(zip(states["iso3"].tolist(), states["name"].astype(str).tolist(), strict=True))


def name_of(code: str, states: pd.DataFrame) -> str:
    """The English short name of ``code`` (the code itself if unknown). In a loop, build
    ``state_names(states)`` once, or use ``Dialogue.names``."""
    return state_names(states).get(code, code)
