"""Follow-up reports (issue 17 item 3): a mid-term draft, a dashboard and a dialogue brief, run by
papermill on a real kernel into self-contained HTML, in en/fr/es/ar, people pseudonymised."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.data import load_recommendations
from uprkit.errors import InputFileError, UprkitError
from uprkit.reports.followup import (
    action_shares,
    build_followup_report,
    find_people,
    load_baseline,
    priorities,
    pseudonymise_people,
)
from uprkit.simulations.followup import build_matrix, read_matrix, save_matrix, write_matrix

SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//|<link\b[^>]*\bhref\s*=\s*"
                    r"[\"']?(?:https?:)?//|cdnjs|unpkg\.com|jsdelivr", re.I)  # fmt: skip
WITNESS, OFFICIAL, LEAD = "Grace Achieng", "Paul Otieno", "Amina Wanjiru"


def _tracked() -> pd.DataFrame:
    """Kenya's matrix a coalition has worked on: evidence naming people, several statuses."""
    m = build_matrix(load_recommendations(), state="KEN", cycle=4)
    supported = m.index[m["response"].eq("supported")]
    noted = m.index[m["response"].eq("noted")]
    m.loc[supported[:6], "status"] = "implemented"
    m.loc[supported[6:9], "status"] = "partially implemented"
    m.loc[supported[9], "status"] = "regressed"
    m.loc[noted[:1], "status"] = "partially implemented"
    m.loc[supported[0], ["evidence", "evidence_date", "evidence_source", "cso_lead"]] = [
        f"Dr {OFFICIAL} told us the law was gazetted; {WITNESS} confirmed it in Kisumu",
        "2026-05-04", "Kenya Gazette", LEAD,
    ]  # fmt: skip
    m.loc[supported[10], ["next_step", "due_date"]] = ["Ask for the budget line", "2027-06-30"]
    return m


def test_the_baseline_is_the_fact_sheets():
    baseline = load_baseline()
    assert (baseline.all, baseline.supported, baseline.noted) == (48, 55, 19)
    assert baseline.status == "CONFIRMED" and "UPRI-BEYOND" in baseline.source


def test_action_shares_count_partial_and_full_implementation_only():
    shares = action_shares(_tracked()).set_index("group")
    supported, noted = shares.loc["supported"], shares.loc["noted"]
    assert (supported["total"], supported["action"]) == (24, 9)
    assert (noted["total"], noted["action"]) == (12, 1)
    assert shares.loc["all recommendations", "share"] == round(100 * 10 / 36, 1)


def test_priorities_rank_clusters_of_supported_recommendations_not_moving():
    ranked = priorities(_tracked(), limit=50)
    stuck = [p["stuck"] for p in ranked]
    assert stuck == sorted(stuck, reverse=True) and sum(stuck) == 24 - 9
    assert any(p["asks"] == ["Ask for the budget line"] for p in ranked)


def test_people_are_found_in_leads_titles_and_the_coalitions_list():
    people = find_people(_tracked(), [WITNESS])
    assert {OFFICIAL, WITNESS, LEAD} <= set(people)


def test_pseudonyms_hide_every_mention_and_stay_the_same_next_time(tmp_path):
    m = _tracked()
    once = pseudonymise_people(m, tmp_path, people=[WITNESS, "Paul"])
    text = " ".join(once[["evidence", "cso_lead"]].to_numpy().ravel())
    assert not any(name in text for name in (WITNESS, OFFICIAL, LEAD, "Otieno"))
    assert re.search(r"Dr Person \d+ told us", text)
    again = pseudonymise_people(m, tmp_path, people=[WITNESS, "Paul"])
    assert once.equals(again)  # the key beside the matrix keeps each person's pseudonym
    assert (tmp_path / "pseudonyms.csv").exists()


@pytest.fixture(scope="module")
def matrix_file(tmp_path_factory):
    """A matrix saved twice: the dashboard compares it with the version the last save kept."""
    folder = tmp_path_factory.mktemp("coalition")
    path = write_matrix(build_matrix(load_recommendations(), state="KEN", cycle=4),
                        folder / "followup-KEN-cycle4.xlsx")  # fmt: skip
    save_matrix(_tracked(), path, read_as=read_matrix(path))
    # a name with no title is found only in the coalition's list (the module says so)
    (folder / "people.txt").write_text(f"# witnesses\n{WITNESS}\n", encoding="utf-8")
    return path


def _people(matrix_file):
    return matrix_file.parent / "people.txt"


def _text(html: str) -> str:
    body = html[html.find('class="uprkit-followup') :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", body,
                                                               flags=re.S)))  # fmt: skip


@pytest.mark.slow
def test_the_dashboard_shows_progress_baseline_and_changes_offline(matrix_file, tmp_path):
    result = build_followup_report(
        matrix_file, tmp_path, kind="dashboard", language="en", people_file=_people(matrix_file)
    )
    html = result.html.read_text(encoding="utf-8")
    assert result.html.name == "followup-KEN-cycle4-dashboard-en.html"
    assert SCRIPT.findall(html) == []
    text = _text(html)
    assert "supported 24 9 37.5% 55%" in text and "noted 12 1 8.3% 19%" in text
    assert "all recommendations 36 10 27.8% 48%" in text
    assert "Changes since the last saved version" in text and "partially implemented" in text
    assert not any(name in html for name in (WITNESS, OFFICIAL, LEAD))
    assert result.seconds < 15


@pytest.mark.slow
def test_the_arabic_dashboard_reads_right_to_left(matrix_file, tmp_path):
    html = build_followup_report(
        matrix_file, tmp_path, kind="dashboard", language="ar"
    ).html.read_text(encoding="utf-8")
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "لوحة متابعة التقدم" in html and "الاستعراض الدوري الشامل" in html


@pytest.mark.slow
def test_the_midterm_draft_in_french_has_every_cluster_and_names_only_with_the_option(
    matrix_file, tmp_path
):
    hidden = build_followup_report(
        matrix_file, tmp_path, kind="midterm", language="fr", people_file=_people(matrix_file)
    )
    html = hidden.html.read_text(encoding="utf-8")
    clusters = read_matrix(matrix_file)["cluster"].nunique()
    assert html.count("Ce qui a été recommandé") == clusters
    assert "Ce que l’État a fait" in html and "La demande de la coalition" in html
    assert "Dr Personne" in html and OFFICIAL not in html and WITNESS not in html
    named = build_followup_report(
        matrix_file, tmp_path / "names", kind="midterm", language="fr", with_names=True
    )
    assert OFFICIAL in named.html.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_brief_from_the_command_line_in_spanish(matrix_file, tmp_path):
    people = _people(matrix_file)
    args = ["followup", "report", str(matrix_file), "--kind", "brief", "--language", "es",
            "--out", str(tmp_path), "--people", str(people)]  # fmt: skip
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    html = (tmp_path / "followup-KEN-cycle4-brief-es.html").read_text(encoding="utf-8")
    assert "Nuestras prioridades para este diálogo" in html and "Ask for the budget line" in html
    assert WITNESS not in html


def test_a_matrix_with_faults_is_refused_naming_the_row(tmp_path):
    m = _tracked()
    m.loc[4, "status"] = "done"
    path = write_matrix(m, tmp_path / "followup-KEN-cycle4.csv")
    with pytest.raises(InputFileError, match=r"line 6.*status"):
        build_followup_report(path, tmp_path / "out")
    with pytest.raises(UprkitError, match="choose one of: midterm, dashboard, brief"):
        build_followup_report(path, tmp_path / "out", kind="annual")


def test_an_empty_matrix_or_another_states_version_is_refused(tmp_path):
    m = _tracked()
    empty = write_matrix(m.iloc[0:0], tmp_path / "empty.csv")
    with pytest.raises(InputFileError, match="has no recommendations"):
        build_followup_report(empty, tmp_path / "out")
    kenya = write_matrix(m, tmp_path / "followup-KEN-cycle4.csv")
    other = write_matrix(build_matrix(load_recommendations(), state="NGA", cycle=4),
                         tmp_path / "followup-NGA-cycle4.csv")  # fmt: skip
    with pytest.raises(InputFileError, match="state under review NGA, not KEN"):
        build_followup_report(kenya, tmp_path / "out", since=other)
