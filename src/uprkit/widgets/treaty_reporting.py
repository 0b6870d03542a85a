"""Treaty-body reporting calendar as a widget (front end of uprkit.simulations.treaty_reporting).

from uprkit.widgets.treaty_reporting import show
show(state="KEN", in_force={"CEDAW": "1984-04-08", "CRC": "1990-09-02"})
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import pandas as pd

from uprkit.errors import DataError
from uprkit.i18n import N_, _, use_language
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
from uprkit.widgets._locale import (
    in_own_language,
    isolate_plain,
    long_date,
    mark_direction,
    widget_language,
)

CALENDAR_HEADERS = {
    "date": N_("Date"),
    "mechanism": N_("Body"),
    "step": N_("Step"),
    "status": N_("Status"),
    "rule": N_("Rule"),
    "source": N_("Source"),
}
# The steps and rules uprkit.simulations.treaty_reporting and .upr_reviews write (they stay
# English in the calendar's data, which tests and the timeline read), translated for display.
STEPS_AND_RULES = (
    N_("National report due (about 12-15 weeks before)"),
    N_("Stakeholder submission deadline (about 6-7 months before)"),
    N_("Working Group review (3.5 h)"),
    N_("Adoption at the HRC plenary (about 3-4 months later)"),
    N_("Follow-up report on 2–5 urgent recommendations (NGOs may send information)"),
    N_("State report due"),
    N_("NGO shadow report for the list of issues (deadline)"),
    N_("List of issues adopted"),
    N_("NGO shadow report before the dialogue (deadline)"),
    N_("Constructive dialogue (Geneva)"),
    N_("Concluding observations"),
    N_("NGO shadow report for the list of issues prior to reporting (deadline)"),
    N_("List of issues prior to reporting (LOIPR) adopted"),
    N_("State's reply to the LOIPR due (this is its report)"),
    N_("pattern of the 4th-cycle deadlines"),
    N_("pattern of the 4th-cycle deadlines (12-15 weeks; 3 months used here)"),
    N_("calendar of reviews; decision 17/119"),
    N_("the HRC session 3-4 months later (not always the next-but-one)"),
    N_("typical gap between steps, not a rule"),
    N_(
        "3 years on CCPR-Centre's current follow-up page (an older copy said 2; OHCHR's page says "
        "1): UNCONFIRMED"
    ),
    N_("initial report due: timing UNCONFIRMED"),
    N_("further reports on the Committee's request"),
    N_("no fixed periodicity"),
    N_("DERIVED from the 8-year cycle table (Y1 LOIPR, Y2 reply, Y3 dialogue, Y8 next LOIPR)"),
)
_PROJECTED = " (projected: 4.5 years after the last one)"
_NUMBERED = (
    (
        re.compile(r"^(\d+) months before the list of issues$"),
        N_("{n} months before the list of issues"),
    ),
    (re.compile(r"^(\d+) months before the LOIPR$"), N_("{n} months before the LOIPR")),
    (re.compile(r"^(\d+) months before the dialogue$"), N_("{n} months before the dialogue")),
    (re.compile(r"^periodic report every (\d+) years$"), N_("periodic report every {n} years")),
    (
        re.compile(r"^initial report due (\d+) year\(s\) after entry into force$"),
        N_("initial report due {n} year(s) after entry into force"),
    ),
    (
        re.compile(
            r"^(\d+) year\(s\) after the concluding observations \(whose date is estimated above\)$"
        ),
        N_("{n} year(s) after the concluding observations (whose date is estimated above)"),
    ),
)


def shown_step(text: str) -> str:
    """A step or rule of the calendar in the current language (as is if the kit lacks it)."""
    text = str(text)
    if text.endswith(_PROJECTED):
        return (
            shown_step(text[: -len(_PROJECTED)])
            + " "
            + _("(projected: 4.5 years after the last one)")
        )
    for pattern, message in _NUMBERED:
        match = pattern.match(text)
        if match:
            return _(message).format(n=match.group(1))
    return _(text)


def shown_calendar(frame: pd.DataFrame) -> pd.DataFrame:
    """The calendar as a participant reads it: dates written the language's way, steps and
    rules translated, citation keys isolated from the text around them."""
    return frame.assign(
        date=[long_date(d) for d in frame["date"]],
        step=[shown_step(t) for t in frame["step"]],
        rule=[shown_step(t) for t in frame["rule"]],
        source=[isolate_plain(t) for t in frame["source"]],
    )


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
        language: str | None = None,
    ):
        self.language = widget_language(language)
        with use_language(self.language):
            self._build(state, in_force, last_review, start, end, today)

    def _build(self, state, in_force, last_review, start, end, today) -> None:
        lines = [f"{k}={v}" for k, v in (in_force or {"CEDAW": "1984-04-08"}).items()]
        lines += [f"last:{k}={v}" for k, v in (last_review or {}).items()]
        self.calendar: pd.DataFrame = pd.DataFrame()
        self.state = widgets.Text(value=state, description=_("State (ISO3)"))
        self.dates = widgets.Textarea(
            value="\n".join(lines),
            description=_("Treaties"),
            layout=widgets.Layout(width="60%", height="7em"),
        )
        self.start = widgets.Text(value=start, description=_("From"))
        self.end = widgets.Text(value=end, description=_("To"))
        self.today = widgets.Text(value=today, description=_("Today"))
        self.build_button = widgets.Button(
            description=_("Build the calendar"), button_style="primary"
        )
        self.draw_button = widgets.Button(description=_("Draw the timeline"))
        self.status = status_line()
        self.table = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        show_full_labels(self.state, self.dates, self.start, self.end, self.today)
        fit_to_text(self.build_button, self.draw_button)
        guard = guarded(self.status, self.language)
        self.build_button.on_click(guard(lambda _b: self.build()))
        self.draw_button.on_click(guard(lambda _b: self.draw()))
        super().__init__(
            [
                widgets.HTML(render("heading.html.j2", title=_("Treaty-body reporting calendar"))),
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
        mark_direction(self, self.language)

    def _parse(self) -> tuple[dict, dict]:
        in_force, last = {}, {}
        for number, line in enumerate(self.dates.value.splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, value = line.partition("=")
            if not sep:
                raise DataError(
                    _("line {number} “{line}”: write CODE=YYYY-MM-DD, e.g. CRC=1990-09-02").format(
                        number=number, line=line
                    )
                )
            key = key.strip().upper()
            if key.startswith("LAST:"):
                last[key[5:].strip()] = value.strip()
            else:
                in_force[key] = value.strip()
        return in_force, last

    @in_own_language
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
            next_heading=_("Next NGO deadlines"),
            whole=_("Whole calendar"),
            whole_note=_("(status UNCONFIRMED = typical timing, not a rule)"),
            coming=table_html(shown_calendar(coming), CALENDAR_HEADERS),
            calendar=table_html(shown_calendar(self.calendar), CALENDAR_HEADERS),
        )
        show_ok(
            self.status,
            _("{count} steps for {state}.").format(
                count=len(self.calendar), state=self.state.value
            ),
        )
        return self.calendar

    @in_own_language
    def draw(self) -> None:
        """The matplotlib timeline (slower than a click should be: on demand only)."""
        if self.calendar.empty:
            self.build()
        self.image.value = figure_png(plot_calendar(self.calendar))


def show(**options) -> TreatyCalendarView:
    return TreatyCalendarView(**options)
