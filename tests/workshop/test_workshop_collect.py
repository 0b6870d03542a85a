"""Collecting submissions: any layout, any script, nothing dropped, newest wins."""

from __future__ import annotations

import os
import shutil
import time
import unicodedata
import zipfile

import pytest

from fixtures.cohort import ARABIC_FILE, SUBMISSIONS, make_workshop, stage
from uprkit.errors import InputFileError, WorkshopError
from uprkit.workshop.collect import collect_submissions, read_timestamp
from uprkit.workshop.folder import Workshop

pytestmark = pytest.mark.slow  # creates a real nbgrader gradebook


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_workshop(tmp_path_factory.mktemp("collect") / "template", release=False)


@pytest.fixture
def workshop(template, tmp_path):
    """A fresh copy of a new workshop (copying is much faster than creating a gradebook)."""
    shutil.copytree(template.root, tmp_path / "ws")
    return Workshop.at(tmp_path / "ws")


fresh = workshop


class _WindowsZipInfo(zipfile.ZipInfo):
    """Stores a UTF-8 name without the UTF-8 flag, as many Windows zip tools do."""

    def _encodeFilenameFlags(self):  # zipfile's own name
        return self.filename.encode("utf-8"), self.flag_bits


def test_files_are_matched_by_id_name_accents_and_arabic_script(fresh, tmp_path):
    incoming = stage(
        tmp_path / "in",
        {
            "p01_mini.ipynb": "correct",
            "jose_perez MINI.ipynb": "partial",  # accents dropped, other case
            ARABIC_FILE: "correct",  # the participant's name in Arabic script
            "Olena Kovalenko/mini.ipynb": "untouched",  # a folder per person
            "submitted/p06/mini/mini.ipynb": "correct",  # nbgrader's own layout
            "p01/../nobody.ipynb": "correct",
            "p10.ipynb": "correct",
        },
    )
    # macOS zips and file systems decompose accents (NFD): still Ana Lucía Gómez
    nfd_name = unicodedata.normalize("NFD", "Ana Lucía Gómez.ipynb")
    stage(incoming, {nfd_name: "correct"})
    result = collect_submissions(fresh, "mini", incoming)
    assert set(result.matched) == {"p01", "p02", "p03", "p05", "p06", "p08", "p10"}
    assert result.unmatched == ("nobody.ipynb",)
    for pid in result.matched:
        folder = fresh.submitted_dir(pid, "mini")
        assert (folder / "mini.ipynb").exists() and read_timestamp(folder) is not None
    quarantined = result.quarantine_dir / "nobody.ipynb"
    assert quarantined.exists(), "an unmatched file is kept, never dropped"
    assert "no participant id or name" in (result.quarantine_dir / "WHY.txt").read_text()


def test_a_zip_with_windows_encoded_arabic_names_is_read(fresh, tmp_path):
    archive = tmp_path / "cohort.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        data = (SUBMISSIONS / "correct.ipynb").read_bytes()
        # Windows tools store UTF-8 bytes without the UTF-8 flag; zipfile then shows cp437 mojibake
        zf.writestr(_WindowsZipInfo("ليلى حداد.ipynb", date_time=(2026, 11, 1, 9, 0, 0)), data)
        zf.writestr(zipfile.ZipInfo("Ana Lucía Gómez/mini.ipynb", (2026, 11, 1, 9, 0, 0)), data)
        zf.writestr("__MACOSX/._junk", b"junk")
    result = collect_submissions(fresh, "mini", archive)
    assert set(result.matched) == {"p03", "p08"}
    assert read_timestamp(fresh.submitted_dir("p03", "mini")).day == 1


def test_a_resubmission_after_grading_replaces_it_and_keeps_the_old_one(fresh, tmp_path):
    first = stage(tmp_path / "first", {"p04.ipynb": "partial"}, age_seconds=3600)
    collect_submissions(fresh, "mini", first)
    old_stamp = read_timestamp(fresh.submitted_dir("p04", "mini"))
    second = stage(tmp_path / "second", {"p04.ipynb": "correct"})
    collect_submissions(fresh, "mini", second)
    now = fresh.submitted_dir("p04", "mini")
    assert read_timestamp(now) > old_stamp
    assert (now / "mini.ipynb").read_bytes() == (SUBMISSIONS / "correct.ipynb").read_bytes()
    history = list((fresh.history_dir / "p04" / "mini").iterdir())
    assert len(history) == 1
    assert (history[0] / "mini.ipynb").read_bytes() == (SUBMISSIONS / "partial.ipynb").read_bytes()
    # collecting the older file again does not win over the newer one, and is kept too
    again = collect_submissions(fresh, "mini", first)
    assert again.matched == {} and "not newer" in again.problems[0]
    assert (now / "mini.ipynb").read_bytes() == (SUBMISSIONS / "correct.ipynb").read_bytes()
    assert len(list((fresh.history_dir / "p04" / "mini").iterdir())) == 2


def test_two_notebooks_for_one_person_are_quarantined_not_guessed(workshop, tmp_path):
    incoming = stage(tmp_path / "in", {"p09 draft.ipynb": "partial", "p09 final.ipynb": "correct"})
    result = collect_submissions(workshop, "mini", incoming)
    assert "p09" not in result.matched
    assert sorted(result.unmatched) == ["p09 draft.ipynb", "p09 final.ipynb"]
    assert "cannot tell which notebook" in result.problems[0]


def test_a_name_shared_by_two_participants_is_not_guessed(workshop, tmp_path):
    incoming = stage(tmp_path / "in", {"p11 and p12 together.ipynb": "correct"})
    result = collect_submissions(workshop, "mini", incoming)
    assert result.matched == {} and "several participants" in result.problems[0]


def test_bad_paths_and_unknown_assignments_are_explained(workshop, tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        collect_submissions(workshop, "mini", tmp_path / "absent")
    (tmp_path / "broken.zip").write_bytes(b"not a zip")
    with pytest.raises(InputFileError, match="not a readable .zip"):
        collect_submissions(workshop, "mini", tmp_path / "broken.zip")
    with pytest.raises(WorkshopError, match="unknown assignment 'nope'.*mini"):
        collect_submissions(workshop, "nope", tmp_path)


def test_a_single_file_can_be_collected(workshop, tmp_path):
    path = stage(tmp_path / "one", {"Youssef Benali.ipynb": "correct"}) / "Youssef Benali.ipynb"
    os.utime(path, (time.time() + 5, time.time() + 5))
    assert collect_submissions(workshop, "mini", path).matched == {"p12": ("mini.ipynb",)}
