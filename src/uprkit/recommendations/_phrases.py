"""Fast whole-word phrase lookup: one pass over the words of a text, no big regular expression.

Python's regex engine is slow on long alternations (hundreds of issue keywords); looking words
up in a dict and checking multi-word phrases only when their first word occurs is ~10× faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[a-z0-9]+")  # "pre-trial" reads as "pre trial" on both sides


def normalise(text: str) -> tuple[str, frozenset[str]]:
    """Lower-case words joined by single spaces (padded), and the set of those words."""
    words = WORD.findall(text.lower())
    return " " + " ".join(words) + " ", frozenset(words)


class PhraseIndex:
    """Which labels' phrases occur in a text, matching whole words only.

    >>> index = PhraseIndex([("women", "womens_rights"), ("death penalty", "death_penalty")])
    >>> index.find(*normalise("Abolish the death penalty for women."))
    ('death_penalty', 'womens_rights')
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self.pairs = tuple(pairs)
        self._single: dict[str, list[str]] = {}
        self._multi: dict[str, list[tuple[str, str]]] = {}
        for phrase, label in self.pairs:
            padded, words = normalise(phrase)
            sequence = padded.split()
            if not sequence:
                continue
            if len(sequence) == 1:
                self._single.setdefault(sequence[0], []).append(label)
            else:
                self._multi.setdefault(sequence[0], []).append((padded, label))
        self._first_words = frozenset(self._single) | frozenset(self._multi)

    def find(self, padded: str, words: frozenset[str]) -> tuple[str, ...]:
        """Labels found, in a stable order (sorted), each once."""
        labels: set[str] = set()
        for word in words & self._first_words:
            labels.update(self._single.get(word, ()))
            for phrase, label in self._multi.get(word, ()):
                if label not in labels and phrase in padded:
                    labels.add(label)
        return tuple(sorted(labels))

    def first(self, padded: str, words: frozenset[str]) -> str | None:
        """Any one phrase that occurs (for explanations), or None."""
        for word in sorted(words & self._first_words):
            if word in self._single:
                return word
            for phrase, _label in self._multi.get(word, ()):
                if phrase in padded:
                    return phrase.strip()
        return None
