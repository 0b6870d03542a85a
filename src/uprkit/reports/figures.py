"""Plots for the cohort reports: plain matplotlib Figures, no pyplot global state.

Each function takes a summary table from ``uprkit.reports.statistics`` and returns a ``Figure``; the
templates show it with ``display_figure``. Using ``Figure`` directly (not ``pyplot``) keeps
import free of side effects and works on any backend.
"""

from __future__ import annotations

import io

import pandas as pd
from IPython.display import Image, display
from matplotlib.figure import Figure

__all__ = ["plot_scores", "plot_gains", "plot_ratings", "plot_participation", "display_figure"]

_BLUE, _ORANGE, _GREY = "#1f6fb2", "#e07b00", "#9a9a9a"


def _figure(width=7.0, height=3.2):
    return Figure(figsize=(width, height), layout="constrained")


def plot_scores(summary: pd.DataFrame, by: str = "assignment"):
    """Horizontal bars: mean percent per assignment (or skill), labelled with the number graded."""
    if summary.empty:
        return _message_figure(f"Nothing graded yet in any {by}.")
    fig = _figure(height=0.45 * max(len(summary), 2) + 1)
    ax = fig.add_subplot()
    frame = summary.sort_values("mean %", na_position="first")
    ax.barh(frame[by].astype(str), frame["mean %"].fillna(0), color=_BLUE)
    for y, (mean, n, bad) in enumerate(
        zip(frame["mean %"], frame["graded"], frame["not graded"], strict=True)
    ):
        note = f"{mean:.0f}% (n={n}" if pd.notna(mean) else "(n=0"
        note += f", {bad} not graded)" if bad else ")"
        ax.text(min(mean if pd.notna(mean) else 0, 100) + 1, y, note, va="center", fontsize=8)
    ax.set_xlim(0, 125)
    ax.set_xlabel("mean score of graded submissions (%)")
    return fig


def plot_gains(gains: pd.DataFrame):
    """Each participant's knowledge check before and after, as a line from pre to post."""
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
            label="cohort mean",
        )
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xticks([0, 1], ["before", "after"])
    ax.set_ylim(-5, 105)
    ax.set_ylabel("knowledge check (%)")
    ax.set_title(f"{len(gains)} participants who took both checks", fontsize=9)
    return fig


def _message_figure(message: str):
    """A small figure that says why there is nothing to plot (yet)."""
    fig = _figure(height=1.0)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=9, wrap=True)
    return fig


def plot_ratings(summary: pd.DataFrame):
    """Stacked bars of the 1–5 ratings per lesson, the first lesson at the top.

    Lessons whose counts are left blank (rated by fewer than three people, in the funder's
    totals) show no bar; with no rating at all (the programme evaluation is not in yet), the
    figure says so.

    >>> empty = pd.DataFrame(columns=["lesson", "label", "count", "mean", 1, 2, 3, 4, 5])
    >>> plot_ratings(empty).axes[0].texts[0].get_text()
    'No ratings yet: the programme evaluation has not been graded.'
    """
    if summary.empty:
        return _message_figure("No ratings yet: the programme evaluation has not been graded.")
    summary = summary.iloc[::-1].reset_index(drop=True)
    fig = _figure(height=0.45 * max(len(summary), 2) + 1.2)
    ax = fig.add_subplot()
    colours = ["#c0392b", "#e67e22", "#bdc3c7", "#5dade2", "#1f6fb2"]
    left = pd.Series(0, index=summary.index, dtype=float)
    for score, colour in zip(range(1, 6), colours, strict=True):
        values = summary[score] if score in summary else summary.get(str(score), 0)
        values = pd.to_numeric(pd.Series(values, index=summary.index), errors="coerce")
        values = values.astype(float).fillna(0)
        ax.barh(summary["label"].astype(str), values, left=left, color=colour, label=str(score))
        left = left + values
    for y, mean in enumerate(pd.to_numeric(summary["mean"], errors="coerce").astype(float)):
        note = f"mean {mean:.1f}" if pd.notna(mean) else "fewer than 3 ratings: not shown"
        ax.text(left.iloc[y] + 0.2, y, note, va="center", fontsize=8)
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.25)
    ax.set_xlabel("participants")
    ax.legend(
        title="rating (1 = not useful, 5 = very useful)",
        ncols=5,
        fontsize=7,
        title_fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 - 0.3 / len(summary)),
        frameon=False,
    )
    return fig


def plot_participation(participation: pd.DataFrame):
    """Participants by gender and by region (groups under three already merged)."""
    fig = _figure(width=8, height=2.8)
    for index, breakdown in enumerate(("gender", "region")):
        ax = fig.add_subplot(1, 2, index + 1)
        part = participation[participation["breakdown"] == breakdown]
        ax.barh(part["group"].astype(str), part["participants"], color=_GREY)
        ax.set_title(breakdown, fontsize=9)
        ax.tick_params(labelsize=8)
    return fig


def display_figure(fig) -> None:
    """Show a Figure in a notebook as a PNG (what the HTML report embeds)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    display(Image(buffer.getvalue()))
