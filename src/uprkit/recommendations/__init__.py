"""The recommendation analyser: action category (1–5), SMART elements and issues, with reasons.

Rule-based and explainable on purpose: every result names the words that decided it, so a
learner can argue with it. No model trained on anyone's data is shipped.
"""

from uprkit.recommendations._classify import (
    CATEGORY_LABELS,
    ActionClassification,
    classify_action,
    detect_language,
)

__all__ = [
    "CATEGORY_LABELS",
    "ActionClassification",
    "classify_action",
    "detect_language",
]
