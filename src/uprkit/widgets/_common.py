"""Small helpers the simulation widgets share: error lines, lists and tables as HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets

from uprkit.errors import UprkitError

ERROR_STYLE = "color:#a40000;font-weight:bold"
OK_STYLE = "color:#1d5e20"


def status_line() -> widgets.HTML:
    return widgets.HTML(value="", layout=widgets.Layout(min_height="1.5em"))


def show_error(target: widgets.HTML, error: Exception) -> None:
    """Put a clear one-paragraph message in the widget instead of a traceback."""
    target.value = f"<p style='{ERROR_STYLE}' class='uprkit-error'>⚠ {html.escape(str(error))}</p>"


def show_ok(target: widgets.HTML, message: str) -> None:
    target.value = f"<p style='{OK_STYLE}' class='uprkit-ok'>{html.escape(message)}</p>"


def html_list(items: Iterable[str], *, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{html.escape(str(i))}</li>" for i in items)
    return f"<{tag}>{body}</{tag}>"


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
