"""Lesson 15's paragraph checker: type a draft submission paragraph, see what could identify
someone and what the paragraph still lacks (``uprkit.simulations.documentation.check_paragraph``).

Nothing typed here is saved or sent anywhere; the check runs in the participant's own kernel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from uprkit.i18n import N_, _, use_language
from uprkit.simulations.documentation import check_paragraph
from uprkit.widgets._common import guarded, html_list, render, show_error, show_ok, status_line
from uprkit.widgets._locale import in_own_language, mark_direction, widget_language

__all__ = ["ParagraphChecker", "show_paragraph_checker"]

EXAMPLE = N_("Write your paragraph here, then press Check.")


class ParagraphChecker(widgets.VBox):
    """A text box, a Check button, and two result lines (details found, parts missing)."""

    def __init__(
        self,
        key: Mapping[str, Iterable[str]] | None = None,
        value: str = "",
        language: str | None = None,
    ):
        self.language = widget_language(language)
        self.key = dict(key or {})
        with use_language(self.language):
            self.text = widgets.Textarea(
                value=value,
                placeholder=_(EXAMPLE),
                layout=widgets.Layout(width="100%", height="140px"),
            )
            self.check_button = widgets.Button(
                description=_("Check"), tooltip=_("Look for identifying details and missing parts")
            )
        self.details = status_line()
        self.missing = widgets.HTML("")
        self.check_button.on_click(guarded(self.details, self.language)(self._on_check))
        super().__init__(children=[self.text, self.check_button, self.details, self.missing])
        self.add_class("uprkit-paragraph-checker")
        mark_direction(self, self.language)

    @in_own_language
    def _on_check(self, _button=None) -> None:
        if not self.text.value.strip():
            show_error(self.details, ValueError(_("the box is empty: write a paragraph first")))
            self.missing.value = ""
            return
        result = check_paragraph(self.text.value, self.key)
        if result.findings:
            found = ", ".join(f"“{f.text}” ({_(f.kind)})" for f in result.findings)
            show_error(
                self.details,
                ValueError(_("could identify someone: {found}").format(found=found)),
            )
        else:
            show_ok(self.details, _("✔ No identifying details found (read it once more yourself)."))
        if result.missing:
            self.missing.value = render(
                "status.html.j2", style="", css_class="uprkit-missing", text=_("Still missing:")
            ) + html_list(_(part) for part in result.missing)
        else:
            self.missing.value = render(
                "status.html.j2", style="", css_class="uprkit-complete",
                text=_("It has a number, a period, how you know, and a recommendation."),
            )  # fmt: skip


def show_paragraph_checker(
    key: Mapping[str, Iterable[str]] | None = None, value: str = "", language: str | None = None
) -> ParagraphChecker:
    """The checker widget; ``key`` maps pseudonyms to the case's identifying details."""
    return ParagraphChecker(key, value, language)
