"""Stakeholder map, influence network and the lobbying shortlist."""

from __future__ import annotations

import networkx as nx
import pytest

from simulation_fixtures import make_recommendations, make_states
from uprkit.errors import DataError
from uprkit.simulations.stakeholders import (
    Actor,
    ActorKind,
    build_influence_network,
    default_actors,
    figure_png,
    grid_table,
    plot_grid,
    plot_network,
    quadrant,
    rank_influence,
    set_scores,
    shortlist_states,
)


def test_quadrants_follow_power_and_interest():
    def actor(p, i):
        return Actor("x", ActorKind.MEDIA, p, i)

    assert [
        quadrant(actor(5, 5)),
        quadrant(actor(5, 1)),
        quadrant(actor(1, 5)),
        quadrant(actor(3, 3)),
    ] == ["manage closely", "keep satisfied", "keep informed", "monitor"]


def test_scores_are_checked_and_changed_without_mutation():
    with pytest.raises(DataError, match="power 7 is not allowed; use a whole number from 1"):
        Actor("Media", ActorKind.MEDIA, 7, 2)
    actors = default_actors("Kenya", ["Germany"])
    changed = set_scores(actors, "Media", power=5, interest=5)
    assert next(a for a in actors if a.name == "Media").power == 3
    assert next(a for a in changed if a.name == "Media").power == 5
    with pytest.raises(DataError, match="no actor called 'Press'"):
        set_scores(actors, "Press", power=1, interest=1)
    kinds = {a.kind for a in actors}
    assert kinds == set(ActorKind)  # every kind of actor the brief lists is on the map
    table = grid_table(changed)
    assert table.iloc[0]["strategy"] == "manage closely"


def test_influence_network_reaches_the_ministry_through_embassies():
    actors = default_actors("Kenya", ["Germany", "Uruguay"])
    graph = build_influence_network(actors)
    coalition, ministry = "CSO coalition", "Ministry of Foreign Affairs (Kenya)"
    assert nx.has_path(graph, coalition, ministry)
    assert graph.has_edge(coalition, "Embassy of Germany")
    assert graph.has_edge("Embassy of Germany", ministry)
    ranking = rank_influence(graph).set_index("actor")
    assert ranking.loc[coalition, "reaches"] >= ranking.loc["Media", "reaches"]
    with pytest.raises(DataError, match="unknown actor 'Ghost'"):
        build_influence_network(actors, [("Ghost", ministry, 1)])


def test_shortlist_ranks_states_from_the_data():
    shortlist = shortlist_states(
        make_recommendations(), "KEN", "international_instruments", make_states()
    )
    # DEU and NOR recommended OPCAT ratification to Kenya (supported): 3 + 2 × share supported
    assert shortlist.iloc[0]["recommending_state"] in {"NOR", "DEU"}
    norway = shortlist.set_index("recommending_state").loc["NOR"]
    assert norway["on_issue_to_sur"] == 1 and norway["sur_supported_share"] == 1.0
    assert norway["score"] == 5.0
    uruguay = shortlist.set_index("recommending_state").loc["URY"]
    assert uruguay["score"] == 3.0  # its one recommendation was noted
    assert norway["regional_group"] == "WEOG"
    assert list(shortlist["score"]) == sorted(shortlist["score"], reverse=True)
    with pytest.raises(DataError, match="issue 'astrology'"):
        shortlist_states(make_recommendations(), "KEN", "astrology", make_states())


def test_plots_are_figures_that_render_to_png():
    actors = default_actors("Kenya", ["Germany"])
    for figure in (plot_grid(actors), plot_network(build_influence_network(actors))):
        png = figure_png(figure)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
