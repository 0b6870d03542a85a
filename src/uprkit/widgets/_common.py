"""Small helpers the simulation widgets share: error lines, lists, and HTML from templates.

Every piece of HTML a widget shows comes from a Jinja2 template in ``templates/`` beside this
module, with every value escaped (autoescape), through :func:`render`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup, escape

from uprkit import templating
from uprkit.data import load_issues
from uprkit.errors import UprkitError
from uprkit.i18n import _, current_language, text_direction, use_language
from uprkit.simulations.state_names import state_names as localised_state_names
from uprkit.widgets._locale import MISSING, translated_label, wrap_direction
from uprkit.widgets._locale import percent as format_share

ERROR_STYLE = "color:#a40000;font-weight:bold"
OK_STYLE = "color:#1d5e20"


def render(template: str, **values) -> Markup:
    """The HTML of ``templates/<template>`` filled with ``values`` (escaped unless Markup),
    inside ``<div dir="rtl" lang="ar">`` when the current language reads right to left."""
    return wrap_direction(templating.render(__package__, template, **values))


def status_line() -> widgets.HTML:
    return widgets.HTML(value="", layout=widgets.Layout(min_height="1.5em"))


def show_error(target: widgets.HTML, error: Exception) -> None:
    """Put a clear one-paragraph message in the widget instead of a traceback."""
    target.value = render(
        "status.html.j2", style=ERROR_STYLE, css_class="uprkit-error", text=f"⚠ {error}"
    )


def show_ok(target: widgets.HTML, message: str) -> None:
    target.value = render("status.html.j2", style=OK_STYLE, css_class="uprkit-ok", text=message)


def html_list(items: Iterable[str], *, ordered: bool = False) -> Markup:
    """A bulleted (or numbered) list of ``items``, each escaped."""
    return render("list.html.j2", items=[str(i) for i in items], ordered=ordered)


def guarded(status: widgets.HTML, language: str | None = None):
    """Decorator for button handlers: a UprkitError becomes a message in ``status``; the
    handler runs in ``language`` (the widget's) when given."""

    def wrap(handler):
        def run(*args, **kwargs):
            with use_language(language or current_language()):
                try:
                    status.value = ""
                    return handler(*args, **kwargs)
                except UprkitError as exc:
                    show_error(status, exc)
                    return None

        return run

    return wrap


def show_full_labels(*controls: widgets.DOMWidget) -> None:
    """Let descriptions ("State under review") show in full instead of being cut at 8 em."""
    for control in controls:
        if hasattr(control.style, "description_width"):
            control.style.description_width = "initial"


def table_html(
    frame: pd.DataFrame,
    headers: dict[str, str],
    *,
    percent: Iterable[str] = (),
    quoted: Iterable[str] = (),
) -> Markup:
    """``frame`` as a participant should read it: only the columns of ``headers``, under their
    human names (English msgids, translated here), "—" for a missing value, shares as
    percentages written the language's way; every value escaped. ``quoted`` columns hold texts
    quoted as published (English UN texts): marked ``lang="en"`` for readers and screen readers.

    >>> frame = pd.DataFrame({"iso3": ["KEN"], "share": [float("nan")]})
    >>> print(table_html(frame, {"iso3": "State", "share": "Supported"}, percent=["share"]))
    <table class="uprkit-table">...<th>State</th>...<td>KEN</td>...<td>—</td>...
    """
    shown = frame.loc[:, list(headers)].astype(object)
    shown = shown.where(shown.notna(), None)
    for column in shown.columns:
        if column in set(percent):
            cells = [format_share(v) for v in shown[column]]
        else:
            cells = [_cell(v) for v in shown[column]]
        if column in set(quoted):
            cells = [Markup('<span lang="en" dir="ltr">{}</span>').format(v) for v in cells]
        shown[column] = [str(escape(v)) for v in cells]
    shown.columns = [str(escape(_(headers[column]))) for column in headers]
    html = shown.to_html(
        index=False, border=0, classes="uprkit-table", escape=False,
        justify="right" if text_direction(current_language()) == "rtl" else "left",
    )  # fmt: skip
    return Markup(html.replace('class="dataframe uprkit-table"', 'class="uprkit-table"'))


def _cell(value) -> str:
    """A table cell: "—" for a missing value; a decimal number written the language's way
    ("2,5" in French and Spanish) outside English, where the kit keeps Python's "2.5"."""
    if value is None:
        return MISSING
    language = current_language()
    if isinstance(value, float) and language != "en":
        from babel.numbers import format_decimal

        return format_decimal(value, format="#,##0.##", locale=language, numbering_system="latn")
    return str(value)


@cache
def issue_labels() -> dict[str, str]:
    """Issue id → its label in datasets/issues.csv (esc_rights_general → ESC rights - general)."""
    issues = load_issues()
    return dict(zip(issues["issue"].astype(str), issues["label"].astype(str), strict=True))


def issue_label(issue: str) -> str:
    """The human label of an issue id in the current language; an id the taxonomy lacks is
    shown with spaces."""
    return translated_label(issue_labels().get(issue, issue.replace("_", " ")))


def issue_options(issues: Iterable[str]) -> list[tuple[str, str]]:
    """(label, id) pairs for a Dropdown, sorted by label: the participant reads labels."""
    return sorted(((issue_label(i), i) for i in issues), key=lambda pair: pair[0].casefold())


def state_names() -> dict[str, str]:
    """ISO3 → the State's short name in the current language."""
    return localised_state_names()


def fit_to_text(*controls: widgets.DOMWidget) -> None:
    """Buttons and dropdowns as wide as their text (ipywidgets cuts them at a fixed width)."""
    for control in controls:
        control.layout.width = "auto"
        control.layout.max_width = "100%"


def wrapping_row(children) -> widgets.HBox:
    """A row of controls that wraps onto the next line when the notebook is narrow."""
    return widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap"))
