"""The drafting workbench as a widget (front end of uprkit.simulations.workbench).

from uprkit.widgets.workbench import show
show()                      # pick a State under review and an issue, draft, save
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from uprkit.data import load_recommendations
from uprkit.i18n import N_, _, use_language
from uprkit.simulations.workbench import (
    Feedback,
    give_feedback,
    issues_of,
    make_draft,
    past_recommendations,
    save_drafts,
    states_with_recommendations,
    summarise_responses,
)
from uprkit.widgets._common import (
    fit_to_text,
    guarded,
    issue_label,
    issue_options,
    render,
    show_full_labels,
    show_ok,
    state_names,
    status_line,
    table_html,
    wrapping_row,
)
from uprkit.widgets._locale import MISSING, in_own_language, mark_direction, widget_language

SUMMARY_HEADERS = {
    "action_category": N_("Action category"),
    "supported": N_("Supported"),
    "noted": N_("Noted"),
    "share_supported": N_("Share supported"),
}
CLOSEST_HEADERS = {
    "similarity": N_("Words in common"),
    "text": N_("Recommendation"),
    "recommending_state": N_("By"),
    "cycle": N_("Cycle"),
    "action_category": N_("Action category"),
    "response": N_("Response"),
}
EXAMPLE_DRAFT = N_(
    "e.g. Ratify the Optional Protocol to the Convention against Torture by 2027 and designate "
    "its national preventive mechanism."
)


def response_word(response) -> str:
    """A State's response ("supported", "noted") in the current language; "—" if none."""
    return MISSING if pd.isna(response) else _(str(response))


class WorkbenchView(widgets.VBox):
    """``.feedback`` holds the last analysis, ``.saved`` the file drafts were saved to."""

    def __init__(
        self,
        *,
        recommendations: pd.DataFrame | None = None,
        state_under_review: str | None = None,
        author: str = "participant",
        drafts_path: str | Path = "my_drafts.csv",
        language: str | None = None,
    ):
        self.language = widget_language(language)
        with use_language(self.language):
            self._build(recommendations, state_under_review, author, drafts_path)

    def _build(self, recommendations, state_under_review, author, drafts_path) -> None:
        if recommendations is None:
            recommendations = load_recommendations()
        self.recommendations = recommendations
        self.feedback: Feedback | None = None
        self.saved: Path | None = None
        self.count = 0
        names = state_names()
        states = sorted(
            ((f"{names.get(code, code)} ({code})", code) for code in
             states_with_recommendations(recommendations)),
            key=lambda pair: pair[0].casefold(),
        )  # fmt: skip
        self.state = widgets.Dropdown(
            options=states, description=_("State"), value=state_under_review or states[0][1]
        )
        self.issue = widgets.Dropdown(description=_("Issue"))
        self.past_view = widgets.HTML()
        self.draft = widgets.Textarea(
            placeholder=_(EXAMPLE_DRAFT), layout=widgets.Layout(width="95%", height="5em")
        )
        self.check_button = widgets.Button(description=_("Check my draft"), button_style="primary")
        self.save_button = widgets.Button(description=_("Save draft"))
        self.author = widgets.Text(value=author, description=_("My id"))
        self.path = widgets.Text(value=str(drafts_path), description=_("Save to"))
        self.status = status_line()
        self.feedback_view = widgets.HTML()
        show_full_labels(self.state, self.issue, self.author, self.path)
        fit_to_text(self.state, self.issue, self.check_button, self.save_button)
        guard = guarded(self.status, self.language)
        self.state.observe(lambda _c: guard(self._refresh_issues)(), names="value")
        self._quiet = False
        self.issue.observe(lambda _c: self._quiet or guard(self._show_past)(), names="value")
        self.check_button.on_click(guard(lambda _b: self.check(self.draft.value)))
        self.save_button.on_click(guard(lambda _b: self.save()))
        super().__init__(
            [
                widgets.HTML(render("heading.html.j2", title=_("Drafting workbench"))),
                wrapping_row([self.state, self.issue]),
                self.past_view,
                self.draft,
                wrapping_row([self.check_button, self.save_button]),
                wrapping_row([self.author, self.path]),
                self.status,
                self.feedback_view,
            ]
        )
        self.add_class("uprkit-workbench")
        mark_direction(self, self.language)
        self._refresh_issues()

    @in_own_language
    def _refresh_issues(self) -> None:
        """The issues of the chosen State; the one chosen before stays chosen if the State has it.

        ipywidgets leaves a Dropdown empty after new options: an empty issue would show every
        recommendation under the heading "on this issue" and save drafts without their issue.
        """
        before = self.issue.value
        options = issue_options(issues_of(self.recommendations, self.state.value))
        ids = [value for _label, value in options]
        self._quiet = True  # one refresh of the past recommendations, not one per step
        try:
            self.issue.options = options
            self.issue.value = before if before in ids else (ids[0] if ids else None)
        finally:
            self._quiet = False
        self._show_past()

    @in_own_language
    def _show_past(self) -> None:
        past = past_recommendations(self.recommendations, self.state.value, self.issue.value)
        summary = summarise_responses(past)
        names = state_names()
        items = [
            (text, f"{names.get(who, who)}; {response_word(response)}")
            for text, who, response in zip(
                past["text"], past["recommending_state"], past["response"], strict=True
            )
        ][:8]
        self.past_view.value = render(
            "workbench_past.html.j2",
            heading=past_heading(
                len(past),
                names.get(self.state.value, self.state.value),
                issue_label(self.issue.value) if self.issue.value else None,
            ),
            items=items,
            summary_table=table_html(summary, SUMMARY_HEADERS, percent=["share_supported"]),
        )

    @in_own_language
    def check(self, text: str) -> Feedback:
        past = past_recommendations(self.recommendations, self.state.value, self.issue.value)
        self.feedback = fb = give_feedback(text, past=past)
        names = state_names()
        closest = fb.closest.assign(
            recommending_state=[names.get(c, c) for c in fb.closest["recommending_state"]],
            response=[response_word(r) for r in fb.closest["response"]],
        )
        closest = (
            table_html(closest, CLOSEST_HEADERS, percent=["similarity"], quoted=["text"])
            if len(closest)
            else None
        )
        category = fb.action_category or "?"
        words = {
            "category": _("Action category: {category} ({label})").format(
                category=category, label=_(fb.action_label)
            ),
            "checklist": _("SMART checklist:"),
            "suggestions": _("Suggestions:"),
            "closest": _("Closest past recommendations:"),
            "none": _("none"),
        }
        self.feedback_view.value = render(
            "workbench_feedback.html.j2",
            feedback=fb,
            words=words,
            checklist=[(_(element), ok) for element, ok in fb.checklist],
            closest_table=closest,
        )
        return fb

    @in_own_language
    def save(self) -> Path:
        fb = (
            self.feedback
            if self.feedback and self.feedback.text == self.draft.value.strip()
            else self.check(self.draft.value)
        )
        self.count += 1
        draft = make_draft(
            fb,
            author=self.author.value,
            state_under_review=self.state.value,
            issue=self.issue.value or "",
            number=self.count,
        )
        self.saved = save_drafts([draft], self.path.value)
        show_ok(self.status, _("Draft saved to {path}.").format(path=self.saved))
        return self.saved


def past_heading(count: int, state: str, issue: str | None) -> str:
    """ "12 earlier recommendations to Kenya on Torture (the 8 newest):", in the language."""
    if issue:
        text = (
            _("{count} earlier recommendation to {state} on {issue}:")
            if count == 1
            else _("{count} earlier recommendations to {state} on {issue}:")
        )
    else:
        text = (
            _("{count} earlier recommendation to {state}:")
            if count == 1
            else _("{count} earlier recommendations to {state}:")
        )
    text = text.format(count=count, state=state, issue=issue)
    if count > 8:
        text = text.rstrip(":") + " " + _("(the 8 newest):")
    return text


def show(**options) -> WorkbenchView:
    """The drafting workbench, ready to display (``language="fr"``: in French; by default in
    the notebook's language)."""
    return WorkbenchView(**options)
