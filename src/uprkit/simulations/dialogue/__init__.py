"""The Working Group interactive dialogue of the UPR: rules, lots, statements, the report, cohorts.

The names below are the public API (notebooks, widgets and the CLI import from here); each lives
in a module of one job: ``rules`` (meeting length, speaking time), ``states`` (which States, their
names), ``lots`` (speakers list, troika), ``statements`` (what delegations say), ``responses``
(the SuR's answers), ``script`` (the scripted review), ``report`` (the draft Working Group report)
and ``cohort`` (a whole cohort plays).

>>> dialogue = plan_dialogue("KEN", registered=80, seed=1)
>>> dialogue.speaking_time.formatted, len(dialogue.troika.members)
('1 min 45 s', 3)
"""

from uprkit.simulations.dialogue.cohort import (
    CohortOutcome,
    StatementInput,
    assign_delegations,
    read_statements_csv,
    read_statements_notebooks,
    run_cohort_dialogue,
)
from uprkit.simulations.dialogue.lots import (
    SpeakersList,
    Troika,
    draw_speakers_list,
    draw_troika,
    pick_inscribed_states,
)
from uprkit.simulations.dialogue.report import WorkingGroupReport, draft_report, write_report_html
from uprkit.simulations.dialogue.responses import Response, parse_response
from uprkit.simulations.dialogue.rules import (
    DELEGATIONS_MINUTES,
    MAX_OTHER_DELEGATIONS,
    REVIEW_MINUTES,
    STATE_UNDER_REVIEW_MINUTES,
    SpeakingTime,
    allocate_speaking_time,
)
from uprkit.simulations.dialogue.script import (
    Dialogue,
    add_statement,
    plan_dialogue,
    respond,
    script_responses,
)
from uprkit.simulations.dialogue.statements import Statement, extract_recommendations
from uprkit.simulations.dialogue.states import load_default_states, name_of, resolve_state

__all__ = [
    "DELEGATIONS_MINUTES",
    "MAX_OTHER_DELEGATIONS",
    "REVIEW_MINUTES",
    "STATE_UNDER_REVIEW_MINUTES",
    "CohortOutcome",
    "Dialogue",
    "Response",
    "SpeakersList",
    "SpeakingTime",
    "Statement",
    "StatementInput",
    "Troika",
    "WorkingGroupReport",
    "add_statement",
    "allocate_speaking_time",
    "assign_delegations",
    "draft_report",
    "draw_speakers_list",
    "draw_troika",
    "extract_recommendations",
    "load_default_states",
    "name_of",
    "parse_response",
    "pick_inscribed_states",
    "plan_dialogue",
    "read_statements_csv",
    "read_statements_notebooks",
    "resolve_state",
    "respond",
    "run_cohort_dialogue",
    "script_responses",
    "write_report_html",
]
