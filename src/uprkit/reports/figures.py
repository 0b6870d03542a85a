"""Plots for the cohort reports: plain matplotlib Figures, no pyplot global state.

Each function takes a summary table from ``uprkit.reports.statistics`` and returns a ``Figure``; the
templates show it with ``display_figure``. Titles, axes, legends and notes are in ``language`` (the
report's); the values of the tables (skills, lesson labels) are translated where the catalog has
them, and groups' names (gender, region) are shown as the roster writes them. Using ``Figure``
directly (not ``pyplot``) keeps import free of side effects and works on any backend.
"""

from __future__ import annotations

import io

import pandas as pd
from IPython.display import Image, display
from matplotlib.figure import Figure

from uprkit.i18n.messages import N_, gettext

__all__ = ["plot_scores", "plot_gains", "plot_ratings", "plot_participation", "display_figure"]

_BLUE, _ORANGE, _GREY = "#1f6fb2", "#e07b00", "#9a9a9a"


def _figure(width=7.0, height=3.2):
    return Figure(figsize=(width, height), layout="constrained")


_NOTHING_GRADED = {
    "assignment": N_("Nothing graded yet in any assignment."),
    "skill": N_("Nothing graded yet in any skill."),
}


def _shown(values: pd.Series, _) -> list[str]:
    return [_(v) if v else v for v in values.astype(str)]


def plot_scores(summary: pd.DataFrame, by: str = "assignment", *, language: str = "en"):
    """Horizontal bars: mean percent per assignment (or skill), labelled with the number graded.

    >>> empty = pd.DataFrame(columns=["assignment", "mean %", "graded", "not graded"])
    >>> plot_scores(empty, language="es").axes[0].texts[0].get_text()
    'Todavía no hay nada calificado en ninguna tarea.'
    """
    _ = gettext(language)
    if summary.empty:
        return _message_figure(_(_NOTHING_GRADED.get(by, _NOTHING_GRADED["assignment"])))
    fig = _figure(height=0.45 * max(len(summary), 2) + 1)
    ax = fig.add_subplot()
    frame = summary.sort_values("mean %", na_position="first")
    ax.barh(_shown(frame[by], _), frame["mean %"].fillna(0), color=_BLUE)
    for y, (mean, n, bad) in enumerate(
        zip(frame["mean %"], frame["graded"], frame["not graded"], strict=True)
    ):
        note = f"{mean:.0f}% (n={n}" if pd.notna(mean) else "(n=0"
        note += ", " + _("{count} not graded").format(count=bad) + ")" if bad else ")"
        ax.text(min(mean if pd.notna(mean) else 0, 100) + 1, y, note, va="center", fontsize=8)
    ax.set_xlim(0, 125)
    ax.set_xlabel(_("mean score of graded submissions (%)"))
    return fig


def plot_gains(gains: pd.DataFrame, *, language: str = "en"):
    """Each participant's knowledge check before and after, as a line from pre to post."""
    _ = gettext(language)
    fig = _figure(width=5, height=3.6)
    ax = fig.add_subplot()
    for pre, post in zip(gains["pre"], gains["post"], strict=True):
        ax.plot([0, 1], [pre, post], color=_BLUE if post >= pre else _ORANGE, alpha=0.5)
    if len(gains):
        ax.plot(
            [0, 1],
            [gains["pre"].mean(), gains["post"].mean()],
            color="black",
            linewidth=3,
            label=_("cohort mean"),
        )
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xticks([0, 1], [_("before"), _("after")])
    ax.set_ylim(-5, 105)
    ax.set_ylabel(_("knowledge check (%)"))
    title = _("{count} participants who took both checks").format(count=len(gains))
    ax.set_title(title, fontsize=9)
    return fig


def _message_figure(message: str):
    """A small figure that says why there is nothing to plot (yet)."""
    fig = _figure(height=1.0)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=9, wrap=True)
    return fig


def plot_ratings(summary: pd.DataFrame, *, language: str = "en"):
    """Stacked bars of the 1–5 ratings per lesson, the first lesson at the top.

    Lessons whose counts are left blank (rated by fewer than three people, in the funder's
    totals) show no bar; with no rating at all (the programme evaluation is not in yet), the
    figure says so.

    >>> empty = pd.DataFrame(columns=["lesson", "label", "count", "mean", 1, 2, 3, 4, 5])
    >>> plot_ratings(empty).axes[0].texts[0].get_text()
    'No ratings yet: the programme evaluation has not been graded.'
    """
    _ = gettext(language)
    if summary.empty:
        return _message_figure(_("No ratings yet: the programme evaluation has not been graded."))
    summary = summary.iloc[::-1].reset_index(drop=True)
    fig = _figure(height=0.45 * max(len(summary), 2) + 1.2)
    ax = fig.add_subplot()
    colours = ["#c0392b", "#e67e22", "#bdc3c7", "#5dade2", "#1f6fb2"]
    left = pd.Series(0, index=summary.index, dtype=float)
    for score, colour in zip(range(1, 6), colours, strict=True):
        values = summary[score] if score in summary else summary.get(str(score), 0)
        values = pd.to_numeric(pd.Series(values, index=summary.index), errors="coerce")
        values = values.astype(float).fillna(0)
        ax.barh(_shown(summary["label"], _), values, left=left, color=colour, label=str(score))
        left = left + values
    for y, mean in enumerate(pd.to_numeric(summary["mean"], errors="coerce").astype(float)):
        note = (
            _("mean {mean}").format(mean=f"{mean:.1f}")
            if pd.notna(mean)
            else _("fewer than 3 ratings: not shown")
        )
        ax.text(left.iloc[y] + 0.2, y, note, va="center", fontsize=8)
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.25)
    ax.set_xlabel(_("participants"))
    ax.legend(
        title=_("rating (1 = not useful, 5 = very useful)"),
        ncols=5,
        fontsize=7,
        title_fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 - 0.3 / len(summary)),
        frameon=False,
    )
    return fig


_BREAKDOWNS = {"gender": N_("gender"), "region": N_("region")}


def plot_participation(participation: pd.DataFrame, *, language: str = "en"):
    """Participants by gender and by region (groups under three already merged)."""
    _ = gettext(language)
    fig = _figure(width=8, height=2.8)
    for index, breakdown in enumerate(_BREAKDOWNS):
        ax = fig.add_subplot(1, 2, index + 1)
        part = participation[participation["breakdown"] == breakdown]
        ax.barh(part["group"].astype(str), part["participants"], color=_GREY)
        ax.set_title(_(_BREAKDOWNS[breakdown]), fontsize=9)
        ax.tick_params(labelsize=8)
    return fig


def display_figure(fig) -> None:
    """Show a Figure in a notebook as a PNG (what the HTML report embeds)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    display(Image(buffer.getvalue()))
