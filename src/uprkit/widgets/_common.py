"""Small helpers the simulation widgets share: error lines, lists, and HTML from templates.

Every piece of HTML a widget shows comes from a Jinja2 template in ``templates/`` beside this
module, with every value escaped (autoescape), through :func:`render`.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets
from markupsafe import Markup

from uprkit import templating
from uprkit.errors import UprkitError

ERROR_STYLE = "color:#a40000;font-weight:bold"
OK_STYLE = "color:#1d5e20"


def render(template: str, **values) -> Markup:
    """The HTML of ``templates/<template>`` filled with ``values`` (escaped unless Markup)."""
    return Markup(templating.render(__package__, template, **values))


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


def guarded(status: widgets.HTML):
    """Decorator for button handlers: a UprkitError becomes a message in ``status``."""

    def wrap(handler):
        def run(*args, **kwargs):
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
