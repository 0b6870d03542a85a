"""Lesson 15's paragraph checker: type a draft submission paragraph, see what could identify
someone and what the paragraph still lacks (``uprkit.simulations.documentation.check_paragraph``).

Nothing typed here is saved or sent anywhere; the check runs in the participant's own kernel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from uprkit.simulations.documentation import check_paragraph
from uprkit.widgets._common import guarded, html_list, show_error, show_ok, status_line

__all__ = ["ParagraphChecker", "show_paragraph_checker"]

EXAMPLE = "Write your paragraph here, then press Check."


class ParagraphChecker(widgets.VBox):
    """A text box, a Check button, and two result lines (details found, parts missing)."""

    def __init__(self, key: Mapping[str, Iterable[str]] | None = None, value: str = ""):
        self.key = dict(key or {})
        self.text = widgets.Textarea(
            value=value,
            placeholder=EXAMPLE,
            layout=widgets.Layout(width="100%", height="140px"),
        )
        self.check_button = widgets.Button(
            description="Check", tooltip="Look for identifying details and missing parts"
        )
        self.details = status_line()
        self.missing = widgets.HTML("")
        self.check_button.on_click(guarded(self.details)(self._on_check))
        super().__init__(children=[self.text, self.check_button, self.details, self.missing])

    def _on_check(self, _button=None) -> None:
        if not self.text.value.strip():
            show_error(self.details, ValueError("the box is empty: write a paragraph first"))
            self.missing.value = ""
            return
        result = check_paragraph(self.text.value, self.key)
        if result.findings:
            found = ", ".join(f"“{f.text}” ({f.kind})" for f in result.findings)
            show_error(self.details, ValueError(f"could identify someone: {found}"))
        else:
            show_ok(self.details, "✔ No identifying details found (read it once more yourself).")
        if result.missing:
            self.missing.value = "Still missing:" + html_list(result.missing)
        else:
            self.missing.value = "It has a number, a period, how you know, and a recommendation."


def show_paragraph_checker(
    key: Mapping[str, Iterable[str]] | None = None, value: str = ""
) -> ParagraphChecker:
    """The checker widget; ``key`` maps pseudonyms to the case's identifying details."""
    return ParagraphChecker(key, value)
