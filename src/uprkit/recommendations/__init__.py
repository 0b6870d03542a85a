"""The recommendation analyser: action category (1–5), SMART elements and issues, with reasons.

Rule-based and explainable on purpose: every result names the words that decided it, so a
learner can argue with it. No model trained on anyone's data is shipped; the word lists are
the kit's own, and benchmarks/analyser_agreement.py measures them against UPR Info's coding.

It reads English, French, Spanish and Arabic (``classify_action(text, language=None)`` and
``assess(text, language=None)`` tell the language from the text): each language has its own
verb classes and constructions, and French, Spanish and Arabic texts are explained in their own
language (team translations, not reviewed by a native speaker).
benchmarks/analyser_languages.py measures each language on the same rows as English.
"""

from uprkit.recommendations._assess import (
    MEASURABLE_TARGET,
    RESPONSIBLE_ACTOR,
    RIGHTS_HOLDERS,
    SMART_ELEMENTS,
    SPECIFIC_ACTION,
    STANDARD_CITED,
    TIME_FRAME,
    Assessment,
    assess,
    find_issues,
    find_smart_elements,
)
from uprkit.recommendations._classify import (
    CATEGORY_LABELS,
    ActionClassification,
    classify_action,
)
from uprkit.recommendations._reading import detect_language

__all__ = [
    "CATEGORY_LABELS",
    "MEASURABLE_TARGET",
    "RESPONSIBLE_ACTOR",
    "RIGHTS_HOLDERS",
    "SMART_ELEMENTS",
    "SPECIFIC_ACTION",
    "STANDARD_CITED",
    "TIME_FRAME",
    "ActionClassification",
    "Assessment",
    "assess",
    "assess_column",
    "classify_action",
    "classify_actions",
    "detect_language",
    "find_issues",
    "find_smart_elements",
]


def __getattr__(name: str):
    """The DataFrame versions load pandas (~0.45 s of CPU) only when used: a participant's kernel
    that checks one recommendation, or a lesson's widget, starts without it."""
    if name in ("assess_column", "classify_actions"):
        from uprkit.recommendations import _columns

        return getattr(_columns, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
