"""Local workshop packs: the guide's agenda, localised notebooks that run, country data."""

from __future__ import annotations

import asyncio
import csv
from datetime import date
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.errors import DataError, InputFileError, WorkshopError
from uprkit.training.workshop_pack import build_workshop_pack, load_agenda

KIT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("days", [3, 5, 10])
def test_agendas_come_from_the_facilitator_guide(days):
    agenda = load_agenda(days)
    assert {item.day for item in agenda} == set(range(1, days + 1))
    lessons = [item.lesson for item in agenda if item.lesson]
    assert "01-un-human-rights-system" in lessons and "02-upr-cycle" in lessons
    for item in agenda:
        assert item.start < item.end, item
        if item.lesson:
            assert (KIT_ROOT / "course" / f"{item.lesson}.ipynb").exists()
        if item.assignment:
            assert (KIT_ROOT / "solutions" / item.assignment).is_dir()
    assert any(item.assignment == "country_report" for item in agenda)


def test_an_agenda_needs_3_or_5_days_and_a_table(tmp_path):
    with pytest.raises(WorkshopError, match="choose --days 3, --days 5 or --days 10"):
        load_agenda(4)
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n\n## 3-day agenda\n\nNo table yet.\n", encoding="utf-8")
    with pytest.raises(WorkshopError, match="no '## 3-day agenda' table"):
        load_agenda(3, guide=guide)


def test_a_pack_refuses_a_folder_with_files_and_an_unknown_state(tmp_path):
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(WorkshopError, match="already holds files"):
        build_workshop_pack(tmp_path, country="KEN", language="fr", days=3)
    with pytest.raises(DataError, match="unknown state 'Narnia'"):
        build_workshop_pack(tmp_path / "new", country="Narnia", language="fr", days=3)
    with pytest.raises(DataError, match="unknown language 'de'"):
        build_workshop_pack(tmp_path / "new", country="KEN", language="de", days=3)


def test_a_failed_pack_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "ratifications.csv"
    bad.write_text("this is not a ratification table\n", encoding="utf-8")
    with pytest.raises(InputFileError):
        build_workshop_pack(
            tmp_path / "pack", country="KEN", language="fr", days=3, ratifications=bad
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ratifications.csv"]


def test_an_arabic_pack_is_right_to_left(tmp_path):
    pack = build_workshop_pack(
        tmp_path / "pack", country="المكسيك", language="ar", days=3, today=date(2026, 11, 23)
    )
    assert pack.country == "MEX"
    assert (pack.root / "agenda.md").read_text(encoding="utf-8").startswith('<div dir="rtl"')
    certificate = (pack.root / "certificate-template.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in certificate and "شهادة مشاركة" in certificate
    lesson = nbformat.read(pack.root / "course" / "02-upr-cycle.ipynb", as_version=4)
    assert lesson.cells[0].source.startswith('<div dir="rtl" lang="ar">')


@pytest.mark.slow
def test_a_french_pack_is_complete_and_its_notebooks_run(tmp_path):
    from nbclient import NotebookClient

    result = CliRunner().invoke(
        main, ["workshop", "new", str(tmp_path / "pack"), "--country", "MEX", "--language", "fr",
               "--days", "3"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    root = tmp_path / "pack"
    for name in ("agenda.md", "agenda.csv", "roster-template.csv", "certificate-template.html",
                 "README.md", "course/facilitator-guide.md", "country/README.md",
                 "lab-profile/participants/labconfig/page_config.json"):  # fmt: skip
        assert (root / name).exists(), name
    page_config = (root / "lab-profile/participants/labconfig/page_config.json").read_text()
    assert "@jupyter/nbgrader:formgrader" in page_config  # the participants' JupyterLab
    agenda = (root / "agenda.md").read_text(encoding="utf-8")
    assert "# Programme de l’atelier" in agenda and "01. Le système des droits de l’homme" in agenda
    assert "02. Le cycle de l’EPU" in agenda
    with (root / "roster-template.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:4] == ["participant_id", "name", "gender", "region"]
    received = list(
        csv.DictReader((root / "country" / "recommendations-MEX.csv").read_text().splitlines())
    )
    assert received and {r["state_under_review"] for r in received} == {"MEX"}
    assert "Mexique" in (root / "country" / "README.md").read_text(encoding="utf-8")
    assert "Certificat de participation" in (root / "certificate-template.html").read_text("utf-8")
    # The analyser that grades `recommendations` reads English: the pack says so.
    assert "recommendations: graded by the kit's recommendation analyser" in result.output

    # Lessons and the assignment sources run top to bottom in a fresh kernel, in French.
    notebooks = sorted((root / "course").glob("*.ipynb")) + sorted(
        (root / "solutions").glob("*/*.ipynb")
    )
    assert len(notebooks) >= 12

    async def run(path, gate):
        async with gate:  # two kernels at a time: each notebook still gets its own fresh kernel
            notebook = nbformat.read(path, as_version=4)
            assert notebook.metadata["language"] == "fr"
            await NotebookClient(
                notebook, timeout=120, kernel_name="python3", shutdown_kernel="immediate",
                resources={"metadata": {"path": str(path.parent)}},
            ).async_execute()  # fmt: skip
            code = [c for c in notebook.cells if c.cell_type == "code"]
            assert code and all(c.execution_count for c in code), path
            ran.append(path)

    async def run_all():
        gate = asyncio.Semaphore(2)
        await asyncio.gather(*(run(path, gate) for path in notebooks))

    ran = []
    asyncio.run(run_all())
    assert sorted(ran) == notebooks
    first = nbformat.read(root / "course" / "01-un-human-rights-system.ipynb", as_version=4)
    assert first.cells[0].source.startswith("# 01. Le système des droits de l’homme de l’ONU")


@pytest.mark.parametrize("country", ["AFG", "KEN", "MEX"])
def test_the_country_readme_and_calendar_give_the_same_upr_date(tmp_path, country):
    from uprkit.training.workshop_pack import _write_country_folder

    today = date(2026, 11, 23)
    folder = tmp_path / "country"
    _write_country_folder(folder, country, country, "en", today, None, [])
    rows = list(
        csv.DictReader(
            (folder / f"treaty-calendar-{country}.csv").read_text(encoding="utf-8").splitlines()
        )
    )
    reviews = [r for r in rows if r["step"].startswith("Working Group review")]
    first = min((r for r in reviews if r["date"] >= today.isoformat()), key=lambda r: r["date"])
    projected = " (UNCONFIRMED, projected)" if first["status"] == "UNCONFIRMED" else ""
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"UPR: {first['date']}{projected}. Source:" in readme
