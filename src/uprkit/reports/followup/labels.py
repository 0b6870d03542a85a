"""Every word the follow-up reports show, marked for translation in one place.

The page templates (``templates/followup_*.html.j2``) call ``t("...")`` on these same English
texts; Babel extracts them from here into ``src/uprkit/locale`` (the fr, es and ar entries are team
translations, not yet reviewed by a native speaker: their translator comment says so).
"""

from __future__ import annotations

from uprkit.i18n.messages import N_

__all__ = ["REPORT_LABELS", "RESPONSE_LABELS", "STATUS_LABELS"]

# The matrix's closed list of statuses (uprkit.simulations.followup.Status), as a reader sees it.
STATUS_LABELS = (
    N_("not started"),
    N_("in progress"),
    N_("partially implemented"),
    N_("implemented"),
    N_("regressed"),
    N_("no information"),
)
# UN terms: supported / noted (appuie / prend note; apoya / toma nota).
RESPONSE_LABELS = (
    N_("supported"),
    N_("noted"),
    N_("other or no response"),
)
REPORT_LABELS = (
    N_("Follow-up of the UPR recommendations to {state}, cycle {cycle}"),
    N_("Mid-term report of civil society (draft)"),
    N_("Progress dashboard"),
    N_("Brief for the dialogue with the government"),
    N_("Made with uprkit on {date} from {source}."),
    N_("People named in the evidence are shown by pseudonym (Person 01, Person 02 ...)."),
    N_("This copy shows people's names: keep it inside the coalition."),
    N_("Person {number}"),
    N_("Cluster"),
    N_("Recommendation"),
    N_("Recommending States"),
    N_("Response"),
    N_("Status"),
    N_("Evidence"),
    N_("Date"),
    N_("Source"),
    N_("Responsible institution"),
    N_("Next step"),
    N_("Due date"),
    N_("What was recommended"),
    N_("What the State did"),
    N_("What remains"),
    N_("The coalition's ask"),
    N_("No evidence recorded yet."),
    N_("Nothing: every recommendation of this cluster is implemented."),
    N_(
        "Implement the {count} recommendations of this cluster that are not implemented yet, "
        "and report on them publicly."
    ),
    N_("Status by cluster"),
    N_("Status by response"),
    N_("Recommendations"),
    N_("Total"),
    N_("Triggered action"),
    N_("Supported and noted recommendations against UPR Info's baseline"),
    N_("This matrix"),
    N_("Baseline: 1st cycle, at mid-term"),
    N_("all recommendations"),
    N_(
        "A recommendation has triggered action when it is partially implemented or implemented, "
        'as in UPR Info\'s study "Beyond promises" (2014).'
    ),
    N_("Changes since the last saved version ({version})"),
    N_("No earlier saved version: nothing to compare with yet."),
    N_("No change since the last saved version."),
    N_("Column"),
    N_("Before"),
    N_("After"),
    N_("(row added)"),
    N_("(row removed)"),
    N_("Where things stand"),
    N_("{action} of {total} recommendations have triggered action ({share})."),
    N_("Our priorities for this dialogue"),
    N_("What we ask the government"),
    N_("Coming due dates"),
    N_("supported recommendations without action"),
)
