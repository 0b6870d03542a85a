"""The State under review's responses to recommendations, and the words that name them.

>>> parse_response("accepted").value
'supported'
"""

from __future__ import annotations

from enum import StrEnum

from uprkit.errors import SimulationError

__all__ = ["SUPPORTED_SHARE", "Response", "parse_response"]

SUPPORTED_SHARE = 0.75  # about 75 % of recommendations are supported. Source: [UPRI-FRAMING]


class Response(StrEnum):
    """A State's answer to a recommendation. Only two are official (Source: [UPRI-S17])."""

    SUPPORTED = "supported"
    NOTED = "noted"
    # Appears in practice (e.g. 79 recommendations at HRC 58), but is not an official response:
    # the report lists it apart and says so. Source: [UPRI-HRC58]
    PARTIALLY_SUPPORTED = "partially supported"

    @property
    def is_official(self) -> bool:
        return self is not Response.PARTIALLY_SUPPORTED


_RESPONSE_ALIASES = {
    "supported": Response.SUPPORTED,
    "support": Response.SUPPORTED,
    "accepted": Response.SUPPORTED,  # UPR Info's database word for "supported"
    "noted": Response.NOTED,
    "note": Response.NOTED,
    "partially supported": Response.PARTIALLY_SUPPORTED,
    "partly supported": Response.PARTIALLY_SUPPORTED,
}


def parse_response(value: str | Response) -> Response:
    """Read a response word; refuse "rejected", which the HRC does not recognise.

    >>> parse_response("accepted").value
    'supported'
    """
    if isinstance(value, Response):
        return value
    key = str(value).strip().lower()
    if key in _RESPONSE_ALIASES:
        return _RESPONSE_ALIASES[key]
    if key.startswith("reject"):
        raise SimulationError(
            f"response {value!r}: a State can note a recommendation but not reject it; "
            "use 'supported' or 'noted' (Source: [UPRI-S17])"
        )
    raise SimulationError(
        f"unknown response {value!r}; expected 'supported', 'noted' or 'partially supported'"
    )
