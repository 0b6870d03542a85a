"""Treaty-body reporting calendar as a widget (front end of uprkit.simulations.treaty_reporting).

from uprkit.widgets.treaty_reporting import show
show(state="KEN", in_force={"CEDAW": "1984-04-08", "CRC": "1990-09-02"})
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from uprkit.errors import DataError
from uprkit.simulations.stakeholders import figure_png
from uprkit.simulations.treaty_reporting import (
    build_reporting_calendar,
    next_deadlines,
    plot_calendar,
)
from uprkit.simulations.upr_reviews import add_upr_reviews, upr_review_dates
from uprkit.widgets._common import (
    fit_to_text,
    guarded,
    render,
    show_full_labels,
    show_ok,
    status_line,
    table_html,
    wrapping_row,
)

CALENDAR_HEADERS = {
    "date": "Date",
    "mechanism": "Body",
    "step": "Step",
    "status": "Status",
    "rule": "Rule",
    "source": "Source",
}


class TreatyCalendarView(widgets.VBox):
    """Type one ``CODE=YYYY-MM-DD`` per line (entry into force, or last review with ``last:``)."""

    def __init__(
        self,
        *,
        state: str = "KEN",
        in_force: dict | None = None,
        last_review: dict | None = None,
        start: str = "2025-01-01",
        end: str = "2031-12-31",
        today: str = "2026-11-23",
    ):
        lines = [f"{k}={v}" for k, v in (in_force or {"CEDAW": "1984-04-08"}).items()]
        lines += [f"last:{k}={v}" for k, v in (last_review or {}).items()]
        self.calendar: pd.DataFrame = pd.DataFrame()
        self.state = widgets.Text(value=state, description="State (ISO3)")
        self.dates = widgets.Textarea(
            value="\n".join(lines),
            description="Treaties",
            layout=widgets.Layout(width="60%", height="7em"),
        )
        self.start = widgets.Text(value=start, description="From")
        self.end = widgets.Text(value=end, description="To")
        self.today = widgets.Text(value=today, description="Today")
        self.build_button = widgets.Button(description="Build the calendar", button_style="primary")
        self.draw_button = widgets.Button(description="Draw the timeline")
        self.status = status_line()
        self.table = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        show_full_labels(self.state, self.dates, self.start, self.end, self.today)
        fit_to_text(self.build_button, self.draw_button)
        self.build_button.on_click(guarded(self.status)(lambda _b: self.build()))
        self.draw_button.on_click(guarded(self.status)(lambda _b: self.draw()))
        super().__init__(
            [
                widgets.HTML("<b>Treaty-body reporting calendar</b>"),
                self.state,
                self.dates,
                wrapping_row([self.start, self.end, self.today]),
                wrapping_row([self.build_button, self.draw_button]),
                self.status,
                self.table,
                self.image,
            ]
        )
        self.add_class("uprkit-treaty-calendar")

    def _parse(self) -> tuple[dict, dict]:
        in_force, last = {}, {}
        for number, line in enumerate(self.dates.value.splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, value = line.partition("=")
            if not sep:
                raise DataError(
                    f"line {number} {line!r}: write CODE=YYYY-MM-DD, e.g. CRC=1990-09-02"
                )
            key = key.strip().upper()
            if key.startswith("LAST:"):
                last[key[5:].strip()] = value.strip()
            else:
                in_force[key] = value.strip()
        return in_force, last

    def build(self) -> pd.DataFrame:
        in_force, last = self._parse()
        frame = build_reporting_calendar(
            in_force, last_review=last, start=self.start.value, end=self.end.value
        )
        reviews = upr_review_dates(self.state.value.strip().upper())
        self.calendar = add_upr_reviews(frame, reviews, start=self.start.value, end=self.end.value)
        coming = next_deadlines(self.calendar, today=self.today.value)
        self.table.value = render(
            "treaty_calendar.html.j2",
            coming=table_html(coming, CALENDAR_HEADERS),
            calendar=table_html(self.calendar, CALENDAR_HEADERS),
        )
        show_ok(self.status, f"{len(self.calendar)} steps for {self.state.value}.")
        return self.calendar

    def draw(self) -> None:
        """The matplotlib timeline (slower than a click should be: on demand only)."""
        if self.calendar.empty:
            self.build()
        self.image.value = figure_png(plot_calendar(self.calendar))


def show(**options) -> TreatyCalendarView:
    return TreatyCalendarView(**options)
