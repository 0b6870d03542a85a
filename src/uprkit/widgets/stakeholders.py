"""Stakeholder map and lobbying shortlist as a widget (front end of
uprkit.simulations.stakeholders).

from uprkit.widgets.stakeholders import show
show(state_under_review="KEN", issue="torture")
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from uprkit.data import load_recommendations, load_states
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

GRID_HEADERS = {
    "actor": "Actor",
    "kind": "Kind",
    "power": "Power",
    "interest": "Interest",
    "strategy": "Strategy",
}
INFLUENCE_HEADERS = {
    "actor": "Actor",
    "reaches": "Reaches (actors)",
    "direct_influence": "Direct influence (weight)",
}
SHORTLIST_HEADERS = {
    "name": "State",
    "regional_group": "Regional group",
    "on_issue_to_sur": "On this issue, to the SuR",
    "on_issue_elsewhere": "On this issue, elsewhere",
    "sur_supported_share": "Supported by the SuR",
    "score": "Score",
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
    return render("stakeholder_grid.html.j2", rows=rows, interests=range(1, 6))


class StakeholderView(widgets.VBox):
    """``.actors`` and ``.shortlist`` hold the current results."""

    def __init__(
        self,
        *,
        state_under_review: str = "KEN",
        issue: str | None = None,
        recommendations: pd.DataFrame | None = None,
        states: pd.DataFrame | None = None,
    ):
        self.recommendations = (
            load_recommendations() if recommendations is None else recommendations
        )
        self.states = load_states() if states is None else states
        self.state_under_review = state_under_review
        issues = issue_options(
            set().union(*(set(str(v).split("; ")) for v in self.recommendations["issues"]))
        )
        self.issue = widgets.Dropdown(
            options=issues, value=issue or issues[0][1], description="Issue"
        )
        self.shortlist: pd.DataFrame = pd.DataFrame()
        names = dict(zip(self.states["iso3"], self.states["name"], strict=True))
        self.actors: list[Actor] = default_actors(names.get(state_under_review, state_under_review))
        self.actor = widgets.Dropdown(options=[a.name for a in self.actors], description="Actor")
        self.power = widgets.IntSlider(min=1, max=5, description="Power")
        self.interest = widgets.IntSlider(min=1, max=5, description="Interest")
        self.apply_button = widgets.Button(description="Update the map", button_style="primary")
        self.shortlist_button = widgets.Button(description="Rank States to lobby")
        self.status = status_line()
        self.grid_view = widgets.HTML()
        self.draw_button = widgets.Button(description="Draw the figures")
        figure_layout = widgets.Layout(max_width="100%", height="auto")
        self.grid_image = widgets.Image(format="png", layout=figure_layout)
        self.network_image = widgets.Image(format="png", layout=figure_layout)
        self.tables = widgets.HTML()
        self.shortlist_view = widgets.HTML()
        show_full_labels(self.actor, self.power, self.interest, self.issue)
        fit_to_text(self.actor, self.issue, self.apply_button, self.shortlist_button)
        fit_to_text(self.draw_button)
        guard = guarded(self.status)
        self.actor.observe(lambda _c: self._load_actor(), names="value")
        self.apply_button.on_click(
            guard(lambda _b: self.update(self.actor.value, self.power.value, self.interest.value))
        )
        self.shortlist_button.on_click(guard(lambda _b: self.rank()))
        self.draw_button.on_click(guard(lambda _b: self.draw_figures()))
        super().__init__(
            [
                widgets.HTML("<b>Stakeholder map</b> (scores are starting values to discuss)"),
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
        self._load_actor()
        self.redraw()
        self.draw_figures()

    def _load_actor(self) -> None:
        actor = next(a for a in self.actors if a.name == self.actor.value)
        self.power.value, self.interest.value = actor.power, actor.interest

    def update(self, name: str, power: int, interest: int) -> list[Actor]:
        self.actors = set_scores(self.actors, name, power=power, interest=interest)
        self.redraw()
        show_ok(self.status, f"{name}: power {power}, interest {interest}.")
        return self.actors

    def redraw(self) -> None:
        """Fast view of the current map: the grid and the tables (no matplotlib)."""
        graph = build_influence_network(self.actors)
        self.grid_view.value = grid_html(self.actors)
        self.tables.value = render(
            "stakeholder_tables.html.j2",
            actors=table_html(grid_table(self.actors), GRID_HEADERS),
            influence=table_html(rank_influence(graph), INFLUENCE_HEADERS),
        )

    def draw_figures(self) -> None:
        """The matplotlib figures (grid and influence network), e.g. to save for a report."""
        self.grid_image.value = figure_png(plot_grid(self.actors))
        self.network_image.value = figure_png(plot_network(build_influence_network(self.actors)))

    def rank(self) -> pd.DataFrame:
        self.shortlist = shortlist_states(
            self.recommendations, self.state_under_review, self.issue.value, self.states
        )
        self.shortlist_view.value = render(
            "stakeholder_shortlist.html.j2",
            table=table_html(self.shortlist, SHORTLIST_HEADERS, percent=["sur_supported_share"])
            if len(self.shortlist)
            else None,
        )
        return self.shortlist


def show(**options) -> StakeholderView:
    return StakeholderView(**options)
