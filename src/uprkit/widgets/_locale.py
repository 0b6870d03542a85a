"""The widgets in the participant's language: names, numbers, dates and direction.

Each widget speaks the language it was built in (``language=`` or :func:`current_language`, the
notebook's ``metadata.language``) and answers clicks in it too (:func:`in_own_language`).
States are named as CLDR names them in that language (``babel.Locale(...).territories``, from
``iso2`` in datasets/states.csv); issues by the labels of :data:`ISSUE_LABELS` (team
translations in the ``widgets`` catalog). In Arabic the root of each widget gets the class
``uprkit-rtl`` (right to left, through the style that :func:`direction_style` puts in it) and
every HTML piece a ``dir="rtl" lang="ar"`` wrapper; citation keys, ISO dates and numbers are
isolated (``<bdi>``) so that "[OHCHR-MEMB]" never shows as "[-OHCHR MEMB]".

>>> percent(0.456, "fr"), percent(float("nan"), "es")
('46\\xa0%', '—')
>>> str(isolate_keys("Source: [UPRI-NEWMOD] (2026-12-03)"))
'Source: <bdi dir="ltr">[UPRI-NEWMOD]</bdi> (<bdi dir="ltr">2026-12-03</bdi>)'
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import ipywidgets as widgets
from markupsafe import Markup, escape

from uprkit.i18n import N_, _, check_language, current_language, text_direction, use_language

MISSING = "—"
RTL_CLASS = "uprkit-rtl"
# Citation keys ([OHCHR-MEMB]), ISO dates and document symbols read left to right in any text.
_LTR_RUN = re.compile(r"\[[A-Z0-9][A-Z0-9-]*\]|\b\d{4}-\d{2}-\d{2}\b|\bA/HRC/[\w./-]+")


def widget_language(language: str | None) -> str:
    """The language a widget is built in: the one asked for, else the notebook's."""
    return check_language(language or current_language())


def in_own_language(method):
    """Run a view's method in the view's language (``self.language``): clicks come later."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with use_language(self.language):
            return method(self, *args, **kwargs)

    return run


def direction_style() -> widgets.HTML:
    """A style rule that turns a widget marked ``uprkit-rtl`` right to left, labels included."""
    return widgets.HTML(
        f"<style>.{RTL_CLASS}, .{RTL_CLASS} .widget-label, .{RTL_CLASS} textarea, "
        f".{RTL_CLASS} input, .{RTL_CLASS} select {{direction: rtl; text-align: right}} "
        f".{RTL_CLASS} .widget-hbox {{flex-direction: row}} "
        f".{RTL_CLASS} table.uprkit-table th, .{RTL_CLASS} table.uprkit-table td "
        "{text-align: right; padding: 2px 8px}</style>",
        layout=widgets.Layout(display="none"),
    )


def mark_direction(box: widgets.Box, language: str) -> None:
    """Give ``box`` (a widget's root) the class and style of its language's direction."""
    box.add_class(f"uprkit-lang-{language}")
    if text_direction(language) == "rtl":
        box.add_class(RTL_CLASS)
        box.children = (direction_style(), *box.children)


def wrap_direction(html: str, language: str | None = None) -> Markup:
    """``html`` inside ``<div dir=... lang=...>`` when the language reads right to left."""
    language = language or current_language()
    if text_direction(language) != "rtl":
        return Markup(html)
    return Markup('<div dir="rtl" lang="{}">').format(language) + Markup(html) + Markup("</div>")


def isolate_keys(text: str) -> Markup:
    """``text`` escaped, its citation keys, ISO dates and document symbols in ``<bdi>``."""
    text = str(text)
    out, last = [], 0
    for match in _LTR_RUN.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(Markup('<bdi dir="ltr">{}</bdi>').format(match.group()))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def isolate_plain(text: str) -> str:
    """For places without HTML (a button, a dropdown): Unicode isolates (U+2066 … U+2069)."""
    return _LTR_RUN.sub(lambda m: f"\u2066{m.group()}\u2069", str(text))


def percent(value, language: str | None = None) -> str:
    """A share as a percentage written the language's way ("46 %" in French)."""
    if value is None or value != value:  # NaN
        return MISSING
    from babel.numbers import format_percent

    return format_percent(float(value), locale=language or current_language(),
                          numbering_system="latn")  # fmt: skip


def long_date(value, language: str | None = None) -> str:
    """An ISO date (or date) as the language writes it ("4 mars 2027"); other text unchanged."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    from babel.dates import format_date

    return format_date(day, "long", locale=language or current_language())


# datasets/states.csv regional groups, as the UN names them in each language
REGIONAL_GROUPS = {
    "African Group": N_("African Group"),
    "Asia-Pacific Group": N_("Asia-Pacific Group"),
    "Eastern European Group": N_("Eastern European Group"),
    "GRULAC": N_("Latin American and Caribbean Group"),
    "WEOG": N_("Western European and other States Group"),
}


def regional_group(group: str) -> str:
    """A regional group of datasets/states.csv as the UN names it in the current language."""
    return _(REGIONAL_GROUPS.get(group, group))


# datasets/issues.csv labels, marked so the catalog translates them (the CSV stays English).
ISSUE_LABELS = (
    N_("Asylum-seekers - refugees"),
    N_("CP rights - general"),
    N_("Civil society"),
    N_("Corruption"),
    N_("Counter-terrorism"),
    N_("Death penalty"),
    N_("Detention"),
    N_("Development"),
    N_("Disabilities"),
    N_("ESC rights - general"),
    N_("Elections"),
    N_("Enforced disappearances"),
    N_("Environment"),
    N_("Extrajudicial executions"),
    N_("Freedom of association and peaceful assembly"),
    N_("Freedom of movement"),
    N_("Freedom of opinion and expression"),
    N_("Freedom of religion and belief"),
    N_("Freedom of the press"),
    N_("General"),
    N_("HIV - Aids"),
    N_("Human rights defenders"),
    N_("Human rights education and training"),
    N_("Human rights violations by state agents"),
    N_("Impunity"),
    N_("Indigenous peoples"),
    N_("Internally displaced persons"),
    N_("International humanitarian law"),
    N_("International instruments"),
    N_("Justice"),
    N_("Labour"),
    N_("Migrants"),
    N_("Minorities"),
    N_("NHRI"),
    N_("National plan of action"),
    N_("Other"),
    N_("Poverty"),
    N_("Public security"),
    N_("Racial discrimination"),
    N_("Right to education"),
    N_("Right to food"),
    N_("Right to health"),
    N_("Right to housing"),
    N_("Right to land"),
    N_("Right to water"),
    N_("Rights of the Child"),
    N_("Sexual Orientation and Gender Identity"),
    N_("Special procedures"),
    N_("Technical assistance and cooperation"),
    N_("Torture and other CID treatment"),
    N_("Trafficking"),
    N_("Treaty bodies"),
    N_("UPR process"),
    N_("Women's rights"),
)


def translated_label(label: str) -> str:
    """An issue label of datasets/issues.csv in the current language (as is if unknown)."""
    return _(label) if label in ISSUE_LABELS else label
