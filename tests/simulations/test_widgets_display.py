"""What the simulation widgets show a participant, driven from Python (no browser): human labels,
no NaN, the issue chosen from the start, the participant's answers kept across role switches,
the report in folds, and figures whose labels neither overlap nor leave the picture."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from simulation_fixtures import make_recommendations, make_states
from uprkit.data import load_issues
from uprkit.simulations.stakeholders import (
    build_influence_network,
    default_actors,
    plot_grid,
    plot_network,
    set_scores,
)
from uprkit.widgets import dialogue as dialogue_widget
from uprkit.widgets import stakeholders as stakeholder_widget
from uprkit.widgets import workbench as workbench_widget
from uprkit.widgets._common import MISSING, issue_label, table_html

RAW_ID = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def visible_text(html: str) -> str:
    """The text of an HTML fragment (tags dropped), as a participant reads it."""
    return re.sub(r"<[^>]+>", " ", html)


def test_table_html_has_human_headers_and_no_nan():
    frame = pd.DataFrame(
        {"on_issue_to_sur": [2, 0], "sur_supported_share": [0.5, float("nan")], "x": [1, 2]}
    )
    html = table_html(
        frame,
        {"on_issue_to_sur": "On this issue", "sur_supported_share": "Supported"},
        percent=["sur_supported_share"],
    )
    text = visible_text(html)
    assert "On this issue" in text and "50%" in text and MISSING in text
    assert "NaN" not in text and "nan" not in text and not RAW_ID.search(text)
    assert ">1<" not in html.replace(" ", "")  # the column not named is left out


def test_issue_labels_come_from_the_taxonomy():
    issues = load_issues()
    row = issues.iloc[0]
    assert issue_label(row["issue"]) == row["label"]
    assert issue_label("not_in_the_taxonomy") == "not in the taxonomy"


def test_stakeholder_widget_shows_names_and_no_nan():
    view = stakeholder_widget.show(state_under_review="KEN")  # the kit's corpus, as lesson 06
    assert all(not RAW_ID.fullmatch(label) for label, _value in view.issue.options)
    assert view.issue.label == issue_label(view.issue.value)
    view.shortlist_button.click()
    # States that made no recommendation to Kenya have no share: the table must not say NaN
    assert len(view.shortlist) and view.shortlist["sur_supported_share"].isna().any()
    text = visible_text(view.shortlist_view.value + view.tables.value)
    assert MISSING in text
    assert "NaN" not in text and not RAW_ID.search(text), text


def test_workbench_starts_on_an_issue_and_saves_it(tmp_path):
    view = workbench_widget.show(
        recommendations=make_recommendations(),
        state_under_review="KEN",
        drafts_path=tmp_path / "drafts.csv",
    )
    assert view.issue.value, "the Issue dropdown starts empty"
    assert issue_label(view.issue.value) in view.past_view.value  # the heading names it
    chosen = view.issue.options[-1][1]
    view.issue.value = chosen
    view.state.value = next(v for _label, v in view.state.options if v != "KEN")
    assert view.issue.value  # a new State: still an issue, the same one when it has it
    view.state.value = "KEN"
    assert view.issue.value == view.issue.options[0][1] or view.issue.value == chosen
    view.draft.value = "Ratify the Optional Protocol to the Convention against Torture by 2027."
    view.check(view.draft.value)
    text = visible_text(view.past_view.value + view.feedback_view.value)
    assert "NaN" not in text and not RAW_ID.search(text), text
    saved = pd.read_csv(view.save())
    assert saved.loc[0, "issue"] == view.issue.value
    assert all(not RAW_ID.fullmatch(label) for label, _value in view.issue.options)


@pytest.fixture
def room():
    return dialogue_widget.show(
        state_under_review="KEN",
        registered=6,
        seed=1,
        answers_to_play=3,
        states=make_states(),
        recommendations=make_recommendations(),
    )


def test_switching_role_keeps_the_answers_given_as_the_state_under_review(room):
    room.start_button.click()
    recs = room.dialogue.recommendations()
    mine = [recs[0].text, recs[1].text, recs[2].text]
    support, note, _partial, postpone = room.answer_buttons
    note.click()  # a scripted SuR would have supported most of these
    support.click()
    postpone.click()  # the report is drafted
    before = {rec.text: room.dialogue.responses.get(rec.number) for rec in recs}
    room.role.value = dialogue_widget.ROLE_RECOMMENDING_STATE
    delegation = next(  # one whose scripted statement made none of my three
        s.speaker for s in room.dialogue.statements if not set(s.recommendations) & set(mine)
    )
    room.delegation.value = delegation
    room.statement.value = "We recommend that Kenya adopt a law protecting journalists by 2027."
    room.deliver_button.click()
    assert "uprkit-error" not in room.status.value, room.status.value
    after = {rec.text: room.dialogue.responses.get(rec.number)
             for rec in room.dialogue.recommendations()}  # fmt: skip
    assert after[mine[0]].value == "noted" and after[mine[1]].value == "supported"
    assert after[mine[2]] is None  # postponed stays postponed
    replaced = {t for t in before if t not in after}  # the delegation's scripted statement
    unchanged = [t for t in before if t not in replaced]
    assert all(after[t] == before[t] for t in unchanged), "the outcome was re-scripted"
    assert "Adopt a law protecting journalists by 2027" in room.report_view.value
    room.report_button.click()  # drafting again changes nothing
    assert {rec.text: room.dialogue.responses.get(rec.number)
            for rec in room.dialogue.recommendations()} == after  # fmt: skip


def test_report_folds_by_section(room):
    room.start_button.click()
    room.report_button.click()
    html = room.report_view.value
    assert html.count("<details") >= len([s for s in room.report.sections if s.paragraphs])
    assert "<summary><b>II. Conclusions and/or recommendations</b></summary>" in html
    assert re.search(r"<summary>\d+\. The following recommendations .*? \(\d+\)</summary>", html)


def _text_boxes(figure):
    FigureCanvasAgg(figure).draw()
    renderer = figure.canvas.get_renderer()
    texts = [t for t in figure.findobj(match=lambda a: hasattr(a, "get_text")) if t.get_text()]
    texts = [t for t in texts if t.get_visible() and t.get_text().strip()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts], figure.bbox


@pytest.mark.parametrize("kind", ["grid", "network"])
def test_stakeholder_figures_keep_every_label_inside_and_apart(kind):
    actors = default_actors("Kenya", ["Germany", "Norway"])
    # crowd one cell of the grid: four actors on power 4, interest 3
    for name in ("Ministry of Justice", "Embassy of Germany", "Embassy of Norway"):
        actors = set_scores(actors, name, power=4, interest=3)
    graph = build_influence_network(actors)
    figure = plot_grid(actors) if kind == "grid" else plot_network(graph)
    boxes, page = _text_boxes(figure)
    assert any("Ministry of Foreign Affairs (Kenya)" in text for text, _ in boxes)
    for text, box in boxes:
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, f"{text!r} is cut off"
        assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, f"{text!r} is cut off"
    renderer = figure.canvas.get_renderer()
    labels = [  # the numbered markers (not the axes' tick labels)
        (t.get_text(), t.get_window_extent(renderer))
        for t in figure.axes[0].texts
        if t.get_text().isdigit()
    ]
    assert len(labels) == len(actors)
    for i, (text, box) in enumerate(labels):
        for other, other_box in labels[i + 1 :]:
            assert not box.overlaps(other_box), f"markers {text} and {other} overlap"
