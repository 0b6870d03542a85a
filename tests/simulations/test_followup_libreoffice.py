"""A matrix opened and saved by LibreOffice Calc (headless ``soffice --convert-to``) loses nothing.

The one thing a spreadsheet does to a CSV on its own is shown, not hidden: a text of digits with
leading zeros ("0042") opened from CSV with the default column types comes back as a number. The
XLSX keeps it, which is why the kit tells coalitions to share the XLSX.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from fixtures.required import need
from uprkit.simulations.followup import Status, matrix_from_kit, read_matrix, write_matrix

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice")
    need(found is not None, "LibreOffice Calc (soffice) is not installed: apt-get install "
                            "libreoffice-calc")  # fmt: skip
    return found


@pytest.fixture(scope="module")
def filled() -> pd.DataFrame:
    matrix = matrix_from_kit(state="KEN", cycle=4).matrix
    matrix.loc[0, ["responsible_institution", "cso_lead", "status"]] = [
        "Ministère de la Justice", "Réseau – Nairobi", Status.IN_PROGRESS.value
    ]  # fmt: skip
    matrix.loc[1, ["evidence", "evidence_date", "indicators"]] = [
        "Bill tabled;\nsecond reading «2026»", "2026-11-30", "0042"
    ]  # fmt: skip
    matrix.loc[2, ["next_step", "due_date"]] = ["لقاء مع الوزارة", "2027-03-01"]
    return matrix


def _convert(soffice: str, source: Path, target: str, out: Path, *extra: str) -> Path:
    profile = (out.parent / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", *extra,
         "--convert-to", target, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert converted.exists(), f"soffice wrote no {converted.name}"
    return converted


def test_xlsx_saved_again_by_libreoffice_as_xlsx_and_as_csv(soffice, filled, tmp_path):
    mine = write_matrix(filled, tmp_path / "ken.xlsx")
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76,1"
    for target in ("xlsx", utf8_csv):
        back = read_matrix(_convert(soffice, mine, target, tmp_path / "calc"))
        pd.testing.assert_frame_equal(back, filled, check_dtype=False)


def test_csv_opened_by_libreoffice_as_utf8_and_saved_as_xlsx(soffice, filled, tmp_path):
    mine = write_matrix(filled, tmp_path / "ken.csv")
    saved = _convert(soffice, mine, "xlsx", tmp_path / "calc", "--infilter=CSV:44,34,76,1")
    back = read_matrix(saved)
    # Dates typed as dates by Calc come back as YYYY-MM-DD; only leading zeros are lost.
    assert back.loc[1, "indicators"] == "42"
    back.loc[1, "indicators"] = "0042"
    pd.testing.assert_frame_equal(back, filled, check_dtype=False)
