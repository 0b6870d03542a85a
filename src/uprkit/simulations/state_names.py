"""The names of States in the participant's language.

CLDR names them in every language (``babel.Locale(...).territories``, found by ``iso2`` in
datasets/states.csv); in English the kit's own short names (datasets/states.csv) are used.
CLDR names are short names ("Royaume-Uni"), not the UN's formal ones.

>>> state_name("KEN", "fr"), state_name("GBR", "es"), state_name("XXX", "ar")
('Kenya', 'Reino Unido', 'XXX')
"""

from __future__ import annotations

import functools

from uprkit.data import load_states
from uprkit.i18n import current_language

__all__ = ["state_name", "state_names"]


@functools.cache
def _iso2() -> dict[str, str]:
    states = load_states()
    return dict(zip(states["iso3"].astype(str), states["iso2"].astype(str), strict=True))


@functools.cache
def _english_names() -> dict[str, str]:
    states = load_states()
    return dict(zip(states["iso3"].astype(str), states["name"].astype(str), strict=True))


def state_name(iso3: str, language: str | None = None) -> str:
    """The State's name in ``language`` (CLDR for fr/es/ar; datasets/states.csv in English)."""
    language = language or current_language()
    if language == "en":
        return _english_names().get(iso3, iso3)
    from babel import Locale

    code = _iso2().get(iso3)
    return Locale(language).territories.get(code, _english_names().get(iso3, iso3))


def state_names(language: str | None = None) -> dict[str, str]:
    """ISO3 → the State's name in ``language``."""
    return _names_in(language or current_language())


@functools.cache
def _names_in(language: str) -> dict[str, str]:
    return {code: state_name(code, language) for code in _iso2()}
