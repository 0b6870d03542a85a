"""The drafting workbench as a widget (front end of uprkit.simulations.workbench).

from uprkit.widgets.workbench import show
show()                      # pick a State under review and an issue, draft, save
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from uprkit.data import load_recommendations
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
    MISSING,
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

SUMMARY_HEADERS = {
    "action_category": "Action category",
    "supported": "Supported",
    "noted": "Noted",
    "share_supported": "Share supported",
}
CLOSEST_HEADERS = {
    "similarity": "Words in common",
    "text": "Recommendation",
    "recommending_state": "By",
    "cycle": "Cycle",
    "action_category": "Action category",
    "response": "Response",
}


class WorkbenchView(widgets.VBox):
    """``.feedback`` holds the last analysis, ``.saved`` the file drafts were saved to."""

    def __init__(
        self,
        *,
        recommendations: pd.DataFrame | None = None,
        state_under_review: str | None = None,
        author: str = "participant",
        drafts_path: str | Path = "my_drafts.csv",
    ):
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
            options=states, description="State", value=state_under_review or states[0][1]
        )
        self.issue = widgets.Dropdown(description="Issue")
        self.past_view = widgets.HTML()
        self.draft = widgets.Textarea(
            placeholder="e.g. Ratify the Optional Protocol to the Convention against Torture "
            "by 2027 and designate its national preventive mechanism.",
            layout=widgets.Layout(width="95%", height="5em"),
        )
        self.check_button = widgets.Button(description="Check my draft", button_style="primary")
        self.save_button = widgets.Button(description="Save draft")
        self.author = widgets.Text(value=author, description="My id")
        self.path = widgets.Text(value=str(drafts_path), description="Save to")
        self.status = status_line()
        self.feedback_view = widgets.HTML()
        show_full_labels(self.state, self.issue, self.author, self.path)
        fit_to_text(self.state, self.issue, self.check_button, self.save_button)
        guard = guarded(self.status)
        self.state.observe(lambda _c: guard(self._refresh_issues)(), names="value")
        self._quiet = False
        self.issue.observe(lambda _c: self._quiet or guard(self._show_past)(), names="value")
        self.check_button.on_click(guard(lambda _b: self.check(self.draft.value)))
        self.save_button.on_click(guard(lambda _b: self.save()))
        super().__init__(
            [
                widgets.HTML("<b>Drafting workbench</b>"),
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
        self._refresh_issues()

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

    def _show_past(self) -> None:
        past = past_recommendations(self.recommendations, self.state.value, self.issue.value)
        summary = summarise_responses(past)
        names = state_names()
        items = [
            f"{text} ({names.get(who, who)}; {MISSING if pd.isna(response) else response})"
            for text, who, response in zip(
                past["text"], past["recommending_state"], past["response"], strict=True
            )
        ][:8]
        self.past_view.value = render(
            "workbench_past.html.j2",
            count=len(past),
            state=names.get(self.state.value, self.state.value),
            issue=issue_label(self.issue.value) if self.issue.value else None,
            items=items,
            summary_table=table_html(summary, SUMMARY_HEADERS, percent=["share_supported"]),
        )

    def check(self, text: str) -> Feedback:
        past = past_recommendations(self.recommendations, self.state.value, self.issue.value)
        self.feedback = fb = give_feedback(text, past=past)
        names = state_names()
        closest = fb.closest.assign(
            recommending_state=[names.get(c, c) for c in fb.closest["recommending_state"]]
        )
        closest = (
            table_html(closest, CLOSEST_HEADERS, percent=["similarity"]) if len(closest) else None
        )
        self.feedback_view.value = render(
            "workbench_feedback.html.j2", feedback=fb, closest_table=closest
        )
        return fb

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
        show_ok(self.status, f"Draft saved to {self.saved}.")
        return self.saved


def show(**options) -> WorkbenchView:
    """The drafting workbench, ready to display."""
    return WorkbenchView(**options)
