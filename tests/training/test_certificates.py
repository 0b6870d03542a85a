"""Certificates: one page per person who handed in work, with their name, in their language."""

from __future__ import annotations

from click.testing import CliRunner

from uprkit.training.certificates import CERTIFICATES_DIR, write_certificates
from uprkit.workshop.prepare import init_workshop

ROSTER = (
    "participant_id,name,gender,region,language\n"
    "p01,Amina <b>Yusuf</b>,woman,Africa,fr\n"
    "p02,Nguyễn Thị Lan,woman,Asia-Pacific,\n"
    "p03,Omar Haddad,man,Middle East and North Africa,ar\n"
)


def _workshop(tmp_path, handed_in=("p01", "p03")):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    ws = init_workshop(tmp_path / "ws", roster, assignments=["recommendations"])
    for pid in handed_in:
        (ws.course_dir / "submitted" / pid / "recommendations").mkdir(parents=True)
    return ws


def test_only_people_who_handed_in_work_get_one_in_their_language(tmp_path):
    ws = _workshop(tmp_path)
    result = write_certificates(ws, place="Nairobi", start="1 June", end="5 June", trainer="T")
    assert result.folder == ws.reports_dir / CERTIFICATES_DIR
    assert [p.name for p in result.files] == ["p01-Amina-b-Yusuf-b.html", "p03-Omar-Haddad.html"]
    assert result.without_work == ("p02",)
    french, arabic = (p.read_text(encoding="utf-8") for p in result.files)
    assert "Amina &lt;b&gt;Yusuf&lt;/b&gt;" in french  # a name is text, never markup
    assert 'lang="fr"' in french and "Nairobi" in french and "{{place}}" not in french
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic
    for page in (french, arabic):
        assert "http" not in page  # nothing fetched from the network when printed


def test_everyone_and_blanks_left_for_the_trainer(tmp_path):
    ws = _workshop(tmp_path, handed_in=())
    result = write_certificates(ws, everyone=True, language="es")
    assert len(result.files) == 3 and result.without_work == ()
    lan = (result.folder / "p02-Nguyễn-Thị-Lan.html").read_text(encoding="utf-8")
    assert 'lang="es"' in lan and "Nguyễn Thị Lan" in lan
    assert "{{place}}" in lan and "{{trainer}}" in lan


def test_cli_says_the_pages_carry_names(tmp_path):
    from uprkit.cli import main

    ws = _workshop(tmp_path)
    result = CliRunner().invoke(main, ["report", "-w", str(ws.root), "certificates"])
    assert result.exit_code == 0, result.output
    assert "2 certificate(s) with names" in result.output
    assert "left out (handed in nothing; --everyone to include): 1" in result.output
