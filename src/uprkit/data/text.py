"""Text helpers the whole kit shares: one accent fold, used wherever names are compared.

Layer: data (imports nothing of the kit), so the simulations, the workshop and i18n can all
call it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold_accents"]


def fold_accents(text: str) -> str:
    """``text`` without accents and without case, for comparing names and sorting them.

    Compatibility forms are unified and combining marks dropped (NFKD), then letters are
    recomposed (NFC) and case-folded. Letters without marks are kept in every script, so a
    name typed on macOS (decomposed) and on Windows (composed) fold to the same text.
    Punctuation and spaces are left alone: callers decide what else a key ignores.

    >>> fold_accents("Côte d'Ivoire"), fold_accents("TÜRKİYE"), fold_accents("Straße")
    ("cote d'ivoire", 'turkiye', 'strasse')
    >>> fold_accents("José") == fold_accents(unicodedata.normalize("NFD", "José"))
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).casefold()
