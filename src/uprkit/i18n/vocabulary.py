"""The kit's shared interface words, marked for translation in one place.

Widget labels, quiz feedback and the words of workshop packs. Modules that show these words call
``_()`` on the same English text and get the translation from the catalog; listing them here
keeps them in the catalogs even before every module has adopted ``_()``.
"""

from __future__ import annotations

from uprkit.i18n.messages import N_

WIDGET_LABELS = (
    N_("Check"),
    N_("See whether your answer is right"),
    N_("Choose one answer first, then press Check."),
    N_("Correct."),
    N_("Not quite: the answer is “{answer}”."),
    N_("Your answer"),
    N_("Show a hint"),
    N_("Try again"),
    N_("Score"),
    N_("State"),
    N_("State (ISO3)"),
    N_("State under review"),
    N_("Recommending State"),
    N_("Delegation"),
    N_("Delegations"),
    N_("Deliver statement"),
    N_("Start the dialogue"),
    N_("Show the draft report"),
    N_("I answer"),
    N_("I play"),
    N_("WG session"),
    N_("Seed"),
    N_("Issue"),
    N_("Check my draft"),
    N_("Save draft"),
    N_("My id"),
    N_("Save to"),
    N_("Actor"),
    N_("Power"),
    N_("Interest"),
    N_("Update the map"),
    N_("Rank States to lobby"),
    N_("Treaties"),
    N_("From"),
    N_("To"),
    N_("Today"),
    N_("Build the calendar"),
    N_("supported"),
    N_("noted"),
)

FEEDBACK = (
    N_("Well done: every check passed."),
    N_(
        "Some checks did not pass yet. Read the message, change your answer and run the cell again."
    ),
    N_("This answer is not one of the choices: {choices}."),
    N_("Unknown State: {name}. Did you mean: {matches}?"),
    N_("Missing from your recommendation: {elements}."),
    N_("specific action"),
    N_("measurable target"),
    N_("time frame"),
    N_("responsible actor"),
    N_("rights-holders concerned"),
    N_("treaty or standard cited"),
)

WORKSHOP_PACK = (
    N_("Workshop agenda"),
    N_("Day {day}"),
    N_("Time"),
    N_("Session"),
    N_("Lesson"),
    N_("Break"),
    N_("Lunch"),
    N_("Welcome and introductions"),
    N_("Evaluation and closing"),
    N_("Participant roster"),
    N_("Certificate of participation"),
    N_("This certifies that"),
    N_("took part in the workshop"),
    N_("on the Universal Periodic Review and the UN treaty bodies"),
    N_("held in {place} from {start} to {end}."),
    N_("Trainer"),
    N_("Signature"),
    N_("Recommendations received by {state}"),
    N_("Treaty-body reporting calendar of {state}"),
    N_("Next UPR review of {state}: session {session}, {date}."),
    N_("Facilitator guide"),
)
