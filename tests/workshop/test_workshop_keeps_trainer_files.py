"""Nothing the trainer cannot rebuild is lost: re-running `workshop init` keeps their
nbgrader_config.py and their own assignments, and the pseudonym key is replaced whole."""

from __future__ import annotations

import pytest

from fixtures.cohort import MINI_SOURCE, ROSTER
from uprkit.workshop.folder import read_workshop_file
from uprkit.workshop.prepare import ConfigKeptWarning, init_workshop
from uprkit.workshop.privacy import PSEUDONYM_FILE, ensure_pseudonyms, load_pseudonyms


def test_reinit_keeps_the_trainers_config_and_says_what_it_would_change(tmp_path):
    ws = init_workshop(tmp_path / "ws", ROSTER, assignments=[MINI_SOURCE])
    config = ws.course_dir / "nbgrader_config.py"
    edited = config.read_text(encoding="utf-8") + "c.Execute.timeout = 99  # the trainer's\n"
    config.write_text(edited, encoding="utf-8")
    with pytest.warns(ConfigKeptWarning, match=r"kept as it is(.|\n)*-c.Execute.timeout = 99"):
        init_workshop(ws.root, ROSTER, assignments=[MINI_SOURCE])
    assert config.read_text(encoding="utf-8") == edited


def test_reinit_adds_no_kit_assignment_to_a_workshop_of_the_trainers_own(tmp_path):
    ws = init_workshop(tmp_path / "ws", ROSTER, assignments=[MINI_SOURCE])
    init_workshop(ws.root, ROSTER)  # to add a participant: no assignment named
    assert read_workshop_file(ws)["assignments"] == ["mini"]
    assert sorted(p.name for p in (ws.course_dir / "source").iterdir()) == ["mini"]


def test_the_pseudonym_key_is_replaced_whole(tmp_path):
    first = ensure_pseudonyms(tmp_path, ["p01", "p02"], seed=1)
    inode = (tmp_path / PSEUDONYM_FILE).stat().st_ino
    both = ensure_pseudonyms(tmp_path, ["p01", "p02", "p03"], seed=1)
    assert {k: both[k] for k in first} == first and load_pseudonyms(tmp_path) == both
    assert (tmp_path / PSEUDONYM_FILE).stat().st_ino != inode, "a new file renamed over it"
    assert [p.name for p in tmp_path.iterdir()] == [PSEUDONYM_FILE], "no temporary file left"
