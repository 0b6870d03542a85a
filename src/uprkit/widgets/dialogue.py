"""The Working Group dialogue as a role-play you click through (front end of
uprkit.simulations.dialogue).

Two roles in solo mode: play the **State under review** (answer the recommendations one by one:
support, note, partially support or postpone) or a **recommending State** (write your statement;
it must contain at least one recommendation). Everyone else is scripted from the kit's corpus.

    from uprkit.widgets.dialogue import show
    show(state_under_review="KEN", registered=80, seed=1)
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from uprkit.data import load_recommendations
from uprkit.i18n import N_, _, use_language
from uprkit.simulations.dialogue import (
    DELEGATIONS_MINUTES,
    Dialogue,
    Response,
    WorkingGroupReport,
    add_statement,
    draft_report,
    load_default_states,
    plan_dialogue,
    resolve_state,
    respond,
    script_responses,
)
from uprkit.widgets._common import (
    fit_to_text,
    guarded,
    render,
    show_full_labels,
    show_ok,
    status_line,
    wrapping_row,
)
from uprkit.widgets._dialogue_report import raise_no_dialogue, report_sections, state_code
from uprkit.widgets._locale import (
    in_own_language,
    isolate_keys,
    mark_direction,
    regional_group,
    widget_language,
)

ROLE_STATE_UNDER_REVIEW = N_("State under review")
ROLE_RECOMMENDING_STATE = N_("Recommending State")
ANSWERS = (
    (N_("Support"), "supported"),
    (N_("Note"), "noted"),
    (N_("Partially support"), "partially supported"),
    (N_("Postpone"), None),
)
RESPONSE_WORDS = (
    N_("supported"), N_("noted"), N_("partially supported"), N_("pending"), N_("postponed")
)  # fmt: skip
COUNTS = {  # the outcome line, one message for one and one for more (gettext's plurals aside)
    "supported": (N_("{count} recommendation supported"), N_("{count} recommendations supported")),
    "partially supported": (
        N_("{count} recommendation partially supported"),
        N_("{count} recommendations partially supported"),
    ),
    "noted": (N_("{count} recommendation noted"), N_("{count} recommendations noted")),
    "pending": (N_("{count} recommendation pending"), N_("{count} recommendations pending")),
}


class DialogueView(widgets.VBox):
    """The role-play. ``.dialogue`` and ``.report`` hold the current results."""

    def __init__(
        self,
        *,
        state_under_review: str = "KEN",
        registered: int = 80,
        seed: int = 1,
        session: int | None = None,
        answers_to_play: int = 5,
        states: pd.DataFrame | None = None,
        recommendations: pd.DataFrame | None = None,
        language: str | None = None,
    ):
        self.language = widget_language(language)
        with use_language(self.language):
            self._build(
                states, recommendations, state_under_review, registered, seed, session,
                answers_to_play,
            )  # fmt: skip

    def _build(
        self, states, recommendations, state_under_review, registered, seed, session,
        answers_to_play,
    ) -> None:  # fmt: skip
        # loaded once here, so that each click only runs the simulation
        # the same default as plan_dialogue and the CLI: the 193 members and the 2 observer States
        self.states = load_default_states() if states is None else states
        self.corpus = load_recommendations() if recommendations is None else recommendations
        self.dialogue: Dialogue | None = None
        self.report: WorkingGroupReport | None = None
        # By recommendation text, not number: a delivered statement renumbers the recommendations.
        self.queue: list[str] = []  # what the participant still has to answer as the SuR
        self.my_answers: dict[str, Response | None] = {}  # what they answered (None: postponed)
        self.outcome: dict[str, Response] = {}  # every answer of the last report, kept as is
        self._build_setup(state_under_review, registered, seed, session, answers_to_play)
        self._build_play_panels()
        self._connect_buttons()
        super().__init__(
            [
                widgets.HTML(
                    render("heading.html.j2", title=_("Working Group review: set up the room"))
                ),
                wrapping_row([self.state_box, self.registered_box]),
                wrapping_row([self.seed_box, self.session_box]),
                wrapping_row([self.role, self.answers_box]),
                self.start_button,
                self.status,
                self.setup_info,
                self.play_area,
                self.report_button,
                self.report_view,
            ]
        )
        self.add_class("uprkit-dialogue")
        mark_direction(self, self.language)

    def _build_setup(
        self,
        state_under_review: str,
        registered: int,
        seed: int,
        session: int | None,
        answers_to_play: int,
    ) -> None:
        """The controls that set up the room, the status line and the room's description."""
        self.state_box = widgets.Text(value=state_under_review, description=_("State under review"))
        self.registered_box = widgets.BoundedIntText(
            value=registered, min=0, max=400, description=_("Delegations")
        )
        self.seed_box = widgets.IntText(value=seed, description=_("Seed"))
        self.session_box = widgets.IntText(value=session or 0, description=_("WG session"))
        self.answers_box = widgets.BoundedIntText(
            value=answers_to_play, min=1, max=50, description=_("I answer")
        )
        self.role = widgets.ToggleButtons(
            options=[
                (_(ROLE_STATE_UNDER_REVIEW), ROLE_STATE_UNDER_REVIEW),
                (_(ROLE_RECOMMENDING_STATE), ROLE_RECOMMENDING_STATE),
            ],
            description=_("I play"),
        )
        self.start_button = widgets.Button(
            description=_("Start the dialogue"), button_style="primary"
        )
        self.status = status_line()
        self.setup_info = widgets.HTML()
        self.report_button = widgets.Button(description=_("Show the draft report"))
        self.report_view = widgets.HTML()
        self.play_area = widgets.VBox()

    def _build_play_panels(self) -> None:
        """One panel per role: answer buttons for the SuR, a statement box for a delegation."""
        self.current = widgets.HTML()
        self.answer_buttons = [widgets.Button(description=_(label)) for label, _v in ANSWERS]
        self.sur_panel = widgets.VBox([self.current, wrapping_row(self.answer_buttons)])
        self.delegation = widgets.Dropdown(description=_("Delegation"))
        self.statement = widgets.Textarea(
            placeholder=_("We recommend that ... : (a) ratify ... by 2027; (b) adopt ..."),
            layout=widgets.Layout(width="95%", height="7em"),
        )
        self.deliver_button = widgets.Button(
            description=_("Deliver statement"), button_style="info"
        )
        self.rs_panel = widgets.VBox([self.delegation, self.statement, self.deliver_button])

    def _connect_buttons(self) -> None:
        """Buttons call the actions below; a kit error becomes a line in the status."""
        show_full_labels(
            self.state_box,
            self.registered_box,
            self.seed_box,
            self.session_box,
            self.answers_box,
            self.role,
            self.delegation,
        )
        fit_to_text(self.start_button, self.report_button, self.deliver_button, self.delegation)
        fit_to_text(*self.answer_buttons)
        self.role.style.button_width = "auto"
        guard = guarded(self.status, self.language)
        self.start_button.on_click(guard(self._on_start))
        for button, (_label, value) in zip(self.answer_buttons, ANSWERS, strict=True):
            button.on_click(guard(lambda _b, v=value: self.answer(v)))
        self.deliver_button.on_click(guard(self._on_deliver))
        self.report_button.on_click(guard(self._on_report))
        self.role.observe(lambda _change: self._show_role(), names="value")

    # -- actions (also callable from Python) ----------------------------------------------------

    @in_own_language
    def start(self) -> Dialogue:
        self.report = None
        self.report_view.value = ""
        self.dialogue = plan_dialogue(
            state_code(self.state_box.value),
            registered=int(self.registered_box.value),
            seed=int(self.seed_box.value),
            session=int(self.session_box.value) or None,
            states=self.states,
            recommendations=self.corpus,
        )
        d = self.dialogue  # its names are in the participant's language (Dialogue.names)
        sur = d.names.get(d.state_under_review, d.state_under_review)
        names = [d.names.get(c, c) for c in d.speakers.order]
        more = len(names) - 8
        shown = names[:8] + ([_("… and {count} more").format(count=more)] if more > 0 else [])
        troika = ", ".join(
            f"{d.names.get(c, c)} ({regional_group(g)})"
            for c, g in zip(d.troika.members, d.troika.regional_groups, strict=True)
        )
        setup = _(
            "{sur} is under review. {count} delegations inscribed: {each} each ({minutes} min "
            "÷ {count}). The lot made {first} speak first."
        ).format(
            sur=sur, count=len(names), each=d.speaking_time.formatted,
            minutes=DELEGATIONS_MINUTES, first=names[0],
        )  # fmt: skip
        self.setup_info.value = render(
            "dialogue_setup.html.j2",
            setup=setup,
            troika=_("Troika (drawn by lot): {troika}").format(troika=troika),
            speakers_heading=_("List of speakers:"),
            shown=shown,
            note=isolate_keys(d.speaking_time.note + " " + _("Source: [UPRI-NEWMOD]")),
        )
        self.delegation.options = [(n, c) for n, c in zip(names, d.speakers.order, strict=True)]
        self.delegation.index = 0  # ipywidgets leaves the value empty after new options
        self.statement.value = ""
        recs = d.recommendations()
        self.queue = [r.text for r in recs[: int(self.answers_box.value)]]
        self.my_answers, self.outcome = {}, {}
        self._show_role()
        show_ok(
            self.status,
            _("The dialogue has started: {count} recommendations were made.").format(
                count=len(recs)
            ),
        )
        return d

    @in_own_language
    def answer(self, response: str | None) -> None:
        """Answer the recommendation on screen (None = postpone) and move to the next."""
        if self.dialogue is None or not self._pending():
            raise_no_dialogue(self.dialogue)
        text = self.queue.pop(0)
        number = self._numbers()[text]
        self.my_answers[text] = None if response is None else Response(response)
        self.dialogue = respond(self.dialogue, {number: response})
        word = _(response or "postponed")
        show_ok(
            self.status,
            _("Recommendation {number}: {response}.").format(number=number, response=word),
        )
        self._show_current()
        if not self._pending():
            self.finish()

    @in_own_language
    def deliver(self, delegation: str, text: str) -> Dialogue:
        if self.dialogue is None:
            raise_no_dialogue(None)
        self.dialogue = add_statement(self.dialogue, delegation, text)
        d = self.dialogue
        mine = d.statement_of(resolve_state(delegation, d.states, names=d.names))
        count = len(mine.recommendations)
        show_ok(
            self.status,
            (
                _("Statement delivered by {who}: {count} recommendation recorded.")
                if count == 1
                else _("Statement delivered by {who}: {count} recommendations recorded.")
            ).format(who=d.names.get(mine.speaker, mine.speaker), count=count),
        )
        self.finish()
        return self.dialogue

    @in_own_language
    def finish(self) -> WorkingGroupReport:
        """Let the scripted SuR answer the rest and draft the Working Group report.

        Answers already given stay: the participant's own (as the SuR, whatever role they play
        now) and the scripted ones of the last report; only new recommendations are scripted.
        """
        if self.dialogue is None:
            raise_no_dialogue(None)
        numbers = self._numbers()
        kept = {**self.outcome, **self.my_answers}
        given = {numbers[t]: r for t, r in kept.items() if t in numbers and r is not None}
        postponed = {numbers[t]: None for t, r in kept.items() if t in numbers and r is None}
        scripted = script_responses(respond(self.dialogue, given), seed=int(self.seed_box.value))
        self.dialogue = respond(scripted, postponed)  # what the participant postponed stays so
        self.outcome = {
            rec.text: self.dialogue.responses[rec.number]
            for rec in self.dialogue.recommendations()
            if rec.number in self.dialogue.responses
        }
        self.report = draft_report(self.dialogue)
        counts = ", ".join(
            _(COUNTS[k][0] if v == 1 else COUNTS[k][1]).format(count=v)
            for k, v in self.report.counts.items()
            if v
        )
        self.report_view.value = render(
            "dialogue_outcome.html.j2",
            outcome=_("Outcome:"),
            counts=counts,
            title=self.report.title,
            sections=report_sections(self.report),
            notes_heading=_("Notes"),
            notes=[isolate_keys(note) for note in self.report.notes],
        )
        return self.report

    def _numbers(self) -> dict[str, int]:
        """Recommendation text → its number in the current dialogue."""
        return {rec.text: rec.number for rec in self.dialogue.recommendations()}

    def _pending(self) -> list[str]:
        """The participant's recommendations still to answer that the dialogue still has."""
        numbers = self._numbers() if self.dialogue else {}
        self.queue = [text for text in self.queue if text in numbers]
        return self.queue

    # -- handlers ----------------------------------------------------------------------------

    def _on_start(self, _button) -> None:
        self.start()

    def _on_deliver(self, _button) -> None:
        self.deliver(self.delegation.value, self.statement.value)

    def _on_report(self, _button) -> None:
        self.finish()

    @in_own_language
    def _show_role(self) -> None:
        if self.dialogue is None:
            self.play_area.children = ()
            return
        if self.role.value == ROLE_STATE_UNDER_REVIEW:
            self.play_area.children = (self.sur_panel,)
            self._show_current()
        else:
            self.play_area.children = (self.rs_panel,)

    @in_own_language
    def _show_current(self) -> None:
        d = self.dialogue
        if d is None or not self._pending():
            self.current.value = render(
                "status.html.j2", style="", css_class="uprkit-done",
                text=_("You have answered your recommendations."),
            )  # fmt: skip
            for button in self.answer_buttons:
                button.disabled = True
            return
        for button in self.answer_buttons:
            button.disabled = False
        rec = d.recommendations()[self._numbers()[self.queue[0]] - 1]
        who = ", ".join(d.names.get(c, c) for c in rec.recommending_states)
        self.current.value = render(
            "dialogue_current.html.j2",
            heading=_("Recommendation {number} (from {states}):").format(
                number=rec.number, states=who
            ),
            text=rec.text,
            prompt=_("Your answer as {sur}:").format(
                sur=d.names.get(d.state_under_review, d.state_under_review)
            ),
        )


def show(**options) -> DialogueView:
    """The dialogue role-play, ready to display in a notebook cell."""
    return DialogueView(**options)
