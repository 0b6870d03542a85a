"""Which language a page is in, one rule for all of them (documented in uprkit.reports.words):
a page for one person follows their roster ``language``; then the language asked for; then the
workshop's (``uprkit workshop init --language``, kept in workshop.toml); then English."""

from __future__ import annotations

from click.testing import CliRunner

from uprkit.cli import main
from uprkit.grading.feedback_page import page_language
from uprkit.reports.words import person_language, report_language, report_words
from uprkit.training.certificates import write_certificates
from uprkit.workshop.folder import open_workshop, read_workshop_file

ROSTER = (
    "participant_id,name,gender,region,language\n"
    "p1,Awa Ndiaye,woman,Africa,\np2,Rania Haddad,woman,Middle East and North Africa,AR\n"
)


def test_workshop_init_keeps_the_language_and_reports_and_certificates_follow_it(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    folder = tmp_path / "ws"
    result = CliRunner().invoke(
        main, ["workshop", "init", str(folder), "--roster", str(roster),
               "--assignment", "knowledge_check_pre", "--language", "es"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ws = open_workshop(folder)
    assert read_workshop_file(ws)["language"] == "es"
    assert report_language(ws) == "es" and report_language(ws, "fr") == "fr"
    made = write_certificates(ws, everyone=True)
    pages = {path.name.split("-")[0]: path.read_text(encoding="utf-8") for path in made.files}
    assert '<html lang="es"' in pages["p1"] and "Certificado de participación" in pages["p1"]
    assert '<html lang="ar" dir="rtl"' in pages["p2"]  # her roster language first


def test_one_rule_for_one_persons_pages():
    assert person_language("ar", "fr") == page_language("ar", "fr") == "ar"
    assert person_language(float("nan"), "fr") == page_language(None, "fr") == "fr"
    assert page_language(None, "", "es") == "es" and page_language("de", "xx") == "en"


def test_numbers_are_written_the_languages_way():
    assert report_words("fr").percent(12.5) == "12,5\xa0%"
    assert report_words("es").number(1234.5) == "1.234,5"
    assert report_words("en").number(1234.5) == "1,234.5"


def test_a_check_speaks_the_participants_language_in_jupyterlab(monkeypatch, capsys):
    """In JupyterLab (or with UPRKIT_LANGUAGE) a check's message is the participant's language;
    the grader's kernels have neither, write English, and the feedback page translates."""
    import pytest

    from uprkit.grading.checks import AnswerCheckFailed, award, require_text

    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv("UPRKIT_LANGUAGE", raising=False)
    with pytest.raises(AnswerCheckFailed, match=r"has 2 word\(s\); write at least 8"):
        require_text("Ratify it", "plan", min_words=8)
    monkeypatch.setenv("UPRKIT_LANGUAGE", "es")
    with pytest.raises(AnswerCheckFailed, match=r"`plan` tiene 2 palabra\(s\); escriba al menos 8"):
        require_text("Ratify it", "plan", min_words=8)
    award([("time frame", False, 1.0)])
    assert capsys.readouterr().out == "  ✗ plazo\n"
    from uprkit.grading.prose import AnswerCellError, variable_name

    with pytest.raises(AnswerCellError, match="escriba un solo nombre después de %%answer"):
        variable_name("my plan")


def test_an_unknown_workshop_language_is_named_with_its_file(tmp_path):
    import pytest

    from uprkit.errors import DataError
    from uprkit.workshop.folder import Workshop

    (tmp_path / "workshop.toml").write_text('language = "de"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"workshop.toml: language = 'de' .* en, fr, es or ar"):
        report_language(Workshop.at(tmp_path))
