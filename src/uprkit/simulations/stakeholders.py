"""Stakeholder mapping for UPR advocacy: who matters, who influences whom, which States to lobby.

The actors are those the fact sheet confirms as UPR actors (§9, Source: [UPRI-GLOSS],
[UPRI-UNAG], [OHCHR-C3]). Their power and interest scores are starting values for a group
discussion, not data: participants change them. The lobbying shortlist, by contrast, is computed
from recommendation data, with the formula spelled out in :func:`shortlist_states`.

>>> quadrant(Actor("NHRI", ActorKind.NHRI, power=3, interest=5))
'keep informed'
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from uprkit.errors import DataError
from uprkit.i18n import N_, _


class ActorKind(Enum):
    MINISTRY = N_("government ministry")
    PARLIAMENT = N_("parliament")
    NHRI = N_("national human rights institution")
    CSO_COALITION = N_("civil society coalition")
    MEDIA = N_("media")
    UN_COUNTRY_TEAM = N_("UN country team")
    EMBASSY = N_("embassy of a recommending State")
    TREATY_BODY = N_("treaty body")


QUADRANTS = (N_("manage closely"), N_("keep satisfied"), N_("keep informed"), N_("monitor"))


@dataclass(frozen=True)
class Actor:
    """One actor; ``power`` and ``interest`` go from 1 (low) to 5 (high)."""

    name: str
    kind: ActorKind
    power: int
    interest: int

    def __post_init__(self) -> None:
        for field_name in ("power", "interest"):
            value = getattr(self, field_name)
            if not isinstance(value, int) or not 1 <= value <= 5:
                raise DataError(
                    f"{self.name}: {field_name} {value!r} is not allowed; use a whole number "
                    "from 1 (low) to 5 (high)"
                )


def default_actors(state_under_review_name: str, embassies: Sequence[str] = ()) -> list[Actor]:
    """Typical actors around a review, with discussable starting scores, named in the current
    language (links between actors go by kind, so any names work)."""
    foreign_affairs = _("Ministry of Foreign Affairs ({state})").format(
        state=state_under_review_name
    )
    actors = [
        Actor(foreign_affairs, ActorKind.MINISTRY, 5, 4),
        Actor(_("Ministry of Justice"), ActorKind.MINISTRY, 4, 3),
        Actor(_("Parliament (human rights committee)"), ActorKind.PARLIAMENT, 4, 2),
        Actor(_("National human rights institution"), ActorKind.NHRI, 3, 5),
        Actor(_("CSO coalition"), ActorKind.CSO_COALITION, 2, 5),
        Actor(_("Media"), ActorKind.MEDIA, 3, 2),
        Actor(_("UN country team"), ActorKind.UN_COUNTRY_TEAM, 3, 4),
        Actor(_("Treaty bodies"), ActorKind.TREATY_BODY, 2, 3),
    ]
    embassy = _("Embassy of {state}")
    actors += [Actor(embassy.format(state=name), ActorKind.EMBASSY, 4, 3) for name in embassies]
    return actors


def set_scores(actors: Sequence[Actor], name: str, *, power: int, interest: int) -> list[Actor]:
    """Return the actors with one actor's scores changed."""
    names = [a.name for a in actors]
    if name not in names:
        raise DataError(f"no actor called {name!r}; actors: {', '.join(names)}")
    return [replace(a, power=power, interest=interest) if a.name == name else a for a in actors]


def quadrant(actor: Actor) -> str:
    """The classic power/interest advice for an actor (high = 4 or 5)."""
    return quadrant_of(actor.power, actor.interest)


def quadrant_of(power: int, interest: int) -> str:
    high_power, high_interest = power >= 4, interest >= 4
    if high_power and high_interest:
        return "manage closely"
    if high_power:
        return "keep satisfied"
    if high_interest:
        return "keep informed"
    return "monitor"


def grid_table(actors: Iterable[Actor]) -> pd.DataFrame:
    rows = [
        {
            "actor": a.name,
            "kind": _(a.kind.value),
            "power": a.power,
            "interest": a.interest,
            "strategy": _(quadrant(a)),
        }
        for a in actors
    ]
    return pd.DataFrame(rows).sort_values(["power", "interest"], ascending=False, kind="stable")


def build_influence_network(
    actors: Sequence[Actor], links: Iterable[tuple[str, str, float]] | None = None
) -> nx.DiGraph:
    """A directed graph: an edge A → B says A can influence B (weight 1–3)."""
    graph = nx.DiGraph()
    for actor in actors:
        graph.add_node(actor.name, kind=actor.kind.value, power=actor.power)
    by_kind: dict[ActorKind, list[str]] = {}
    for actor in actors:
        by_kind.setdefault(actor.kind, []).append(actor.name)
    if links is None:
        links = _default_links(by_kind)
    names = set(graph.nodes)
    for source, target, weight in links:
        for end in (source, target):
            if end not in names:
                raise DataError(
                    f"link to unknown actor {end!r}; actors: {', '.join(sorted(names))}"
                )
        graph.add_edge(source, target, weight=float(weight))
    return graph


def _default_links(by_kind: dict[ActorKind, list[str]]) -> list[tuple[str, str, float]]:
    """Channels the fact sheet describes (§9): CSOs brief embassies and write to treaty bodies;
    embassies recommend to the government; the UN country team feeds the UN compilation."""

    def pairs(src: ActorKind, dst: ActorKind, weight: float):
        return [(a, b, weight) for a in by_kind.get(src, []) for b in by_kind.get(dst, [])]

    return (
        pairs(ActorKind.CSO_COALITION, ActorKind.EMBASSY, 2)
        + pairs(ActorKind.CSO_COALITION, ActorKind.NHRI, 2)
        + pairs(ActorKind.CSO_COALITION, ActorKind.MEDIA, 2)
        + pairs(ActorKind.CSO_COALITION, ActorKind.TREATY_BODY, 1)
        + pairs(ActorKind.EMBASSY, ActorKind.MINISTRY, 3)
        + pairs(ActorKind.NHRI, ActorKind.PARLIAMENT, 2)
        + pairs(ActorKind.NHRI, ActorKind.MINISTRY, 1)
        + pairs(ActorKind.MEDIA, ActorKind.PARLIAMENT, 2)
        + pairs(ActorKind.PARLIAMENT, ActorKind.MINISTRY, 2)
        + pairs(ActorKind.UN_COUNTRY_TEAM, ActorKind.MINISTRY, 2)
        + pairs(ActorKind.TREATY_BODY, ActorKind.MINISTRY, 1)
    )


def rank_influence(graph: nx.DiGraph) -> pd.DataFrame:
    """Who reaches the decision-makers: how many actors each one reaches (directly or through
    others), then the weight of its direct links. Plain counts a group can check by hand."""
    rows = [
        {
            "actor": n,
            "reaches": len(nx.descendants(graph, n)),
            "direct_influence": graph.out_degree(n, weight="weight"),
        }
        for n in graph.nodes
    ]
    table = pd.DataFrame(rows, columns=["actor", "reaches", "direct_influence"])
    return table.sort_values(["reaches", "direct_influence"], ascending=False, kind="stable")


def shortlist_states(
    recommendations: pd.DataFrame,
    state_under_review: str,
    issue: str,
    states: pd.DataFrame,
    *,
    top: int = 10,
) -> pd.DataFrame:
    """Rank the States worth lobbying on ``issue`` for a review of ``state_under_review``.

    score = 3 × recommendations on the issue to this SuR
          + 1 × recommendations on the issue to other States
          + 2 × share of its recommendations to this SuR that the SuR supported
    (a State whose recommendations the SuR tends to support is worth more). The formula is the
    kit's teaching heuristic, not an official method; participants should argue with it.
    """
    if issue not in set().union(*(set(str(v).split("; ")) for v in recommendations["issues"])):
        raise DataError(f"no recommendation in the data is tagged with the issue {issue!r}")
    on_issue = recommendations[recommendations["issues"].map(lambda v: issue in str(v).split("; "))]
    if on_issue.empty:
        return pd.DataFrame()
    here = on_issue["state_under_review"] == state_under_review
    to_sur = recommendations[recommendations["state_under_review"] == state_under_review]
    supported = (
        to_sur.assign(ok=to_sur["response"].astype(str) == "supported")
        .groupby("recommending_state", observed=True)["ok"]
        .mean()
    )
    table = (
        pd.DataFrame(
            {
                "on_issue_to_sur": on_issue[here]
                .groupby("recommending_state", observed=True)
                .size(),
                "on_issue_elsewhere": on_issue[~here]
                .groupby("recommending_state", observed=True)
                .size(),
            }
        )
        .fillna(0)
        .astype(int)
    )
    table = table.drop(index=state_under_review, errors="ignore")
    table["sur_supported_share"] = supported.reindex(table.index)
    table["score"] = (
        3 * table["on_issue_to_sur"]
        + table["on_issue_elsewhere"]
        + 2 * table["sur_supported_share"].fillna(0)
    ).round(2)
    info = states.set_index("iso3")[["name", "regional_group"]]
    table = table.join(info, how="left")
    table.index.name = "recommending_state"
    table = table.reset_index().sort_values(
        ["score", "recommending_state"], ascending=[False, True], kind="stable"
    )
    columns = [
        "recommending_state",
        "name",
        "regional_group",
        "on_issue_to_sur",
        "on_issue_elsewhere",
        "sur_supported_share",
        "score",
    ]
    return table[columns].head(top).reset_index(drop=True)


_COLOURS = {
    ActorKind.MINISTRY: "#1f77b4",
    ActorKind.PARLIAMENT: "#9467bd",
    ActorKind.NHRI: "#2ca02c",
    ActorKind.CSO_COALITION: "#d62728",
    ActorKind.MEDIA: "#8c564b",
    ActorKind.UN_COUNTRY_TEAM: "#17becf",
    ActorKind.EMBASSY: "#ff7f0e",
    ActorKind.TREATY_BODY: "#7f7f7f",
}


def _numbered_key(figure: Figure, actors: Sequence[Actor]) -> None:
    """The key beside a figure: "1. Ministry of …" in the colour of the actor's kind.

    The figures mark actors by number, so that no name overlaps another or leaves the picture.
    """
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=_COLOURS[actor.kind])
        for actor in actors
    ]
    labels = [f"{number}. {actor.name}" for number, actor in enumerate(actors, start=1)]
    figure.legend(handles, labels, loc="outside right center", fontsize=8, frameon=False)


def _marker(ax, x: float, y: float, number: int, colour: str) -> None:
    ax.scatter(x, y, s=260, color=colour, zorder=3)
    ax.text(x, y, str(number), color="white", fontsize=8, fontweight="bold", ha="center",
            va="center", zorder=4)  # fmt: skip


def plot_grid(actors: Sequence[Actor]) -> Figure:
    """The power/interest grid (a matplotlib Figure; no global pyplot state is touched).

    Actors are numbered markers, side by side when they share a cell, named in the key.
    """
    figure = Figure(figsize=(7, 4.2), layout="constrained")
    ax = figure.add_subplot()
    ax.axhline(3.5, color="#bbbbbb")
    ax.axvline(3.5, color="#bbbbbb")
    for label, (x, y, align) in {
        "keep satisfied": (0.6, 5.35, "left"),
        "manage closely": (5.4, 5.35, "right"),
        "monitor": (0.6, 0.65, "left"),
        "keep informed": (5.4, 0.65, "right"),
    }.items():
        ax.text(x, y, _(label), color="#777777", fontsize=9, ha=align)
    in_cell: dict[tuple[int, int], list[int]] = {}
    for number, actor in enumerate(actors, start=1):
        in_cell.setdefault((actor.interest, actor.power), []).append(number)
    for (interest, power), numbers in in_cell.items():
        for place, number in enumerate(numbers):
            x = interest + 0.24 * (place - (len(numbers) - 1) / 2)
            _marker(ax, x, power, number, _COLOURS[actors[number - 1].kind])
    ax.set(
        xlim=(0.5, 5.5),
        ylim=(0.4, 5.6),
        xticks=range(1, 6),
        yticks=range(1, 6),
        xlabel=_("interest in the UPR outcome"),
        ylabel=_("power over the outcome"),
        title=_("Power / interest grid"),
    )
    _numbered_key(figure, actors)
    return figure


def plot_network(graph: nx.DiGraph, *, seed: int = 0) -> Figure:
    """The influence network; arrows point from who influences to who is influenced.

    Actors sit on a circle (none hides another), numbered in the order of the graph's nodes,
    named in the key. ``seed`` is kept for callers; the layout no longer depends on it.
    """
    del seed
    figure = Figure(figsize=(7, 4.2), layout="constrained")
    ax = figure.add_subplot()
    positions = nx.circular_layout(graph)
    kinds = [ActorKind(graph.nodes[n]["kind"]) for n in graph.nodes]
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        width=[graph.edges[e]["weight"] for e in graph.edges],
        edge_color="#999999",
        arrowsize=12,
        node_size=330,
    )
    for number, node in enumerate(graph.nodes, start=1):
        x, y = positions[node]
        _marker(ax, x, y, number, _COLOURS[kinds[number - 1]])
    ax.set_title(_("Who influences whom"))
    ax.set_aspect("equal")
    ax.margins(0.08)
    ax.set_axis_off()
    actors = [
        Actor(node, kind, 1, 1) for node, kind in zip(graph.nodes, kinds, strict=True)
    ]  # for the key only: names and kinds
    _numbered_key(figure, actors)
    return figure


def figure_png(figure: Figure) -> bytes:
    """PNG bytes of a figure, for an ipywidgets Image or a report."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()
