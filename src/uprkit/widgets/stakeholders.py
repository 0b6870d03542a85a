"""Stakeholder map and lobbying shortlist as a widget (front end of
uprkit.simulations.stakeholders).

from uprkit.widgets.stakeholders import show
show(state_under_review="KEN", issue="torture")
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from uprkit.data import load_recommendations, load_states
from uprkit.i18n import N_, _, use_language
from uprkit.simulations.stakeholders import (
    Actor,
    build_influence_network,
    default_actors,
    figure_png,
    grid_table,
    plot_grid,
    plot_network,
    quadrant_of,
    rank_influence,
    set_scores,
    shortlist_states,
)
from uprkit.simulations.state_names import state_names
from uprkit.widgets._common import (
    fit_to_text,
    guarded,
    issue_options,
    render,
    show_full_labels,
    show_ok,
    status_line,
    table_html,
    wrapping_row,
)
from uprkit.widgets._locale import in_own_language, mark_direction, regional_group, widget_language

GRID_HEADERS = {
    "actor": N_("Actor"),
    "kind": N_("Kind"),
    "power": N_("Power"),
    "interest": N_("Interest"),
    "strategy": N_("Strategy"),
}
INFLUENCE_HEADERS = {
    "actor": N_("Actor"),
    "reaches": N_("Reaches (actors)"),
    "direct_influence": N_("Direct influence (weight)"),
}
SHORTLIST_HEADERS = {
    "name": N_("State"),
    "regional_group": N_("Regional group"),
    "on_issue_to_sur": N_("On this issue, to the SuR"),
    "on_issue_elsewhere": N_("On this issue, elsewhere"),
    "sur_supported_share": N_("Supported by the SuR"),
    "score": N_("Lobbying score"),
}

_QUADRANT_COLOURS = {
    "manage closely": "#fde0dc",
    "keep satisfied": "#fff4d6",
    "keep informed": "#e3f2fd",
    "monitor": "#f2f2f2",
}


def grid_html(actors: list[Actor]) -> str:
    """The power/interest grid as an HTML table: redrawn instantly on every change (a matplotlib
    figure takes far longer than a click should), and readable by a screen reader."""
    cells: dict[tuple[int, int], list[str]] = {}
    for actor in actors:
        cells.setdefault((actor.power, actor.interest), []).append(actor.name)
    rows = [
        (
            power,
            [
                (_QUADRANT_COLOURS[quadrant_of(power, interest)], cells.get((power, interest), []))
                for interest in range(1, 6)
            ],
        )
        for power in range(5, 0, -1)
    ]
    caption = _(
        "Power (rows, 5 = high) × interest (columns, 5 = high). Red: manage closely; yellow: "
        "keep satisfied; blue: keep informed; grey: monitor."
    )
    return render("stakeholder_grid.html.j2", caption=caption, rows=rows, interests=range(1, 6))


class StakeholderView(widgets.VBox):
    """``.actors`` and ``.shortlist`` hold the current results."""

    def __init__(
        self,
        *,
        state_under_review: str = "KEN",
        issue: str | None = None,
        recommendations: pd.DataFrame | None = None,
        states: pd.DataFrame | None = None,
        language: str | None = None,
    ):
        self.language = widget_language(language)
        with use_language(self.language):
            self._build(state_under_review, issue, recommendations, states)

    def _build(self, state_under_review, issue, recommendations, states) -> None:
        self.recommendations = (
            load_recommendations() if recommendations is None else recommendations
        )
        self.states = load_states() if states is None else states
        self.state_under_review = state_under_review
        issues = issue_options(
            set().union(*(set(str(v).split("; ")) for v in self.recommendations["issues"]))
        )
        self.issue = widgets.Dropdown(
            options=issues, value=issue or issues[0][1], description=_("Issue")
        )
        self.shortlist: pd.DataFrame = pd.DataFrame()
        names = {**dict(zip(self.states["iso3"], self.states["name"], strict=True)),
                 **state_names()}  # fmt: skip
        self.actors: list[Actor] = default_actors(names.get(state_under_review, state_under_review))
        self.actor = widgets.Dropdown(options=[a.name for a in self.actors], description=_("Actor"))
        self.power = widgets.IntSlider(min=1, max=5, description=_("Power"))
        self.interest = widgets.IntSlider(min=1, max=5, description=_("Interest"))
        self.apply_button = widgets.Button(description=_("Update the map"), button_style="primary")
        self.shortlist_button = widgets.Button(description=_("Rank States to lobby"))
        self.status = status_line()
        self.grid_view = widgets.HTML()
        self.draw_button = widgets.Button(description=_("Draw the figures"))
        figure_layout = widgets.Layout(max_width="100%", height="auto")
        self.grid_image = widgets.Image(format="png", layout=figure_layout)
        self.network_image = widgets.Image(format="png", layout=figure_layout)
        self.tables = widgets.HTML()
        self.shortlist_view = widgets.HTML()
        show_full_labels(self.actor, self.power, self.interest, self.issue)
        fit_to_text(self.actor, self.issue, self.apply_button, self.shortlist_button)
        fit_to_text(self.draw_button)
        guard = guarded(self.status, self.language)
        self.actor.observe(lambda _c: self._load_actor(), names="value")
        self.apply_button.on_click(
            guard(lambda _b: self.update(self.actor.value, self.power.value, self.interest.value))
        )
        self.shortlist_button.on_click(guard(lambda _b: self.rank()))
        self.draw_button.on_click(guard(lambda _b: self.draw_figures()))
        super().__init__(
            [
                widgets.HTML(
                    render(
                        "heading.html.j2",
                        title=_("Stakeholder map (scores are starting values to discuss)"),
                    )
                ),
                wrapping_row([self.actor, self.power, self.interest, self.apply_button]),
                self.status,
                self.grid_view,
                self.tables,
                self.draw_button,
                self.grid_image,
                self.network_image,
                wrapping_row([self.issue, self.shortlist_button]),
                self.shortlist_view,
            ]
        )
        self.add_class("uprkit-stakeholders")
        mark_direction(self, self.language)
        self._load_actor()
        self.redraw()
        self.draw_figures()

    def _load_actor(self) -> None:
        actor = next(a for a in self.actors if a.name == self.actor.value)
        self.power.value, self.interest.value = actor.power, actor.interest

    @in_own_language
    def update(self, name: str, power: int, interest: int) -> list[Actor]:
        self.actors = set_scores(self.actors, name, power=power, interest=interest)
        self.redraw()
        show_ok(
            self.status,
            _("{actor}: power {power}, interest {interest}.").format(
                actor=name, power=power, interest=interest
            ),
        )
        return self.actors

    @in_own_language
    def redraw(self) -> None:
        """Fast view of the current map: the grid and the tables (no matplotlib)."""
        graph = build_influence_network(self.actors)
        self.grid_view.value = grid_html(self.actors)
        self.tables.value = render(
            "stakeholder_tables.html.j2",
            actors_heading=_("Actors and what to do with each"),
            influence_heading=_("Who reaches the decision-makers"),
            influence_note=_("(actors reached directly or through others; weight of direct links)"),
            actors=table_html(grid_table(self.actors), GRID_HEADERS),
            influence=table_html(rank_influence(graph), INFLUENCE_HEADERS),
        )

    @in_own_language
    def draw_figures(self) -> None:
        """The matplotlib figures (grid and influence network), e.g. to save for a report."""
        self.grid_image.value = figure_png(plot_grid(self.actors))
        self.network_image.value = figure_png(plot_network(build_influence_network(self.actors)))

    @in_own_language
    def rank(self) -> pd.DataFrame:
        self.shortlist = shortlist_states(
            self.recommendations, self.state_under_review, self.issue.value, self.states
        )
        shown = self.shortlist
        if len(shown):
            names = state_names()
            shown = shown.assign(
                name=[names.get(c, n) for c, n in zip(shown["recommending_state"], shown["name"],
                                                     strict=True)],
                regional_group=[regional_group(g) for g in shown["regional_group"]],
            )  # fmt: skip
        self.shortlist_view.value = render(
            "stakeholder_shortlist.html.j2",
            explanation=_(
                "States to lobby (score = 3 × recommendations on this issue to the State under "
                "review + 1 × on this issue to other States + 2 × the share of its "
                "recommendations the State under review supported; “—”: it made none to this "
                "State):"
            ),
            nobody=_("No State made a recommendation on this issue."),
            table=table_html(shown, SHORTLIST_HEADERS, percent=["sur_supported_share"])
            if len(self.shortlist)
            else None,
        )
        return self.shortlist


def show(**options) -> StakeholderView:
    return StakeholderView(**options)
