"""The kit's curated data (datasets/) as pandas tables; real exports in uprkit.data.importers.

Layer: the lowest but errors and paths; imports nothing else of the kit.
"""

from uprkit.data.loaders import (
    ACTION_CATEGORIES,
    LIMIT_STATUSES,
    RECOMMENDATION_COLUMNS,
    RECOMMENDING_GROUPS,
    REGIONAL_SYSTEMS,
    RESPONSES,
    cycle_of_session,
    get_limit,
    issue_keywords,
    load_action_categories,
    load_issues,
    load_limits,
    load_recommendations,
    load_regional_systems,
    load_reviews,
    load_sessions,
    load_treaties,
)
from uprkit.data.states import (
    REGIONAL_GROUPS,
    load_observer_states,
    load_state_aliases,
    load_states,
    regional_group_of,
    to_iso3,
)
from uprkit.data.text import fold_accents

__all__ = [
    "ACTION_CATEGORIES",
    "LIMIT_STATUSES",
    "RECOMMENDATION_COLUMNS",
    "RECOMMENDING_GROUPS",
    "REGIONAL_GROUPS",
    "REGIONAL_SYSTEMS",
    "RESPONSES",
    "cycle_of_session",
    "fold_accents",
    "get_limit",
    "issue_keywords",
    "load_action_categories",
    "load_issues",
    "load_limits",
    "load_observer_states",
    "load_recommendations",
    "load_regional_systems",
    "load_reviews",
    "load_sessions",
    "load_state_aliases",
    "load_states",
    "load_treaties",
    "regional_group_of",
    "to_iso3",
]
