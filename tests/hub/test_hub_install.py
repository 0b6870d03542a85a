"""``uprkit hub install``: what it refuses, with the reason a trainer can act on; and what it
leaves readable to participants and what not."""

from __future__ import annotations

import grp
import os
import stat

import pytest
from click.testing import CliRunner

from hub.conftest import need_hub_machine


def test_install_without_npm_says_how_to_get_it(tmp_path, monkeypatch):
    need_hub_machine()
    from uprkit.cli import main

    monkeypatch.setenv("PATH", str(tmp_path))  # a machine with no npm on it
    answer = CliRunner().invoke(main, ["hub", "install", "--prefix", str(tmp_path / "hub")])
    assert answer.exit_code == 1
    assert "apt-get install npm" in answer.output
    assert not (tmp_path / "hub").exists()  # nothing half-made


@pytest.mark.slow
def test_the_installed_hub_is_readable_by_all_but_its_state(hub_prefix):
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_prefix)
    for folder in (layout.env, layout.node, layout.kit, layout.etc):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o005 == 0o005, folder
    for folder in (layout.state, layout.log):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for secret in ("cookie_secret", "proxy_token"):
        assert stat.S_IMODE((layout.state / secret).stat().st_mode) == 0o600
    assert layout.proxy.exists() and os.access(layout.proxy, os.X_OK)
    # the participants' copy of the kit has no answers and no hidden tests
    assert (layout.kit / "course").is_dir() and (layout.kit / "datasets").is_dir()
    assert not (layout.kit / "solutions").exists() and not (layout.kit / "grading").exists()
    # the trainers' copy has them, for the trainers' group only
    trainers = layout.trainer_kit
    assert stat.S_IMODE(trainers.stat().st_mode) == 0o750
    assert grp.getgrgid(trainers.stat().st_gid).gr_name == "uprkit-trainers"
    assert (trainers / "solutions").is_dir() and (trainers / "grading").is_dir()
    config = layout.env / "etc" / "jupyter" / "jupyter_server_config.d" / "uprkit-hub.json"
    assert '"nbgrader.server_extensions.formgrader": false' in config.read_text()


def test_roster_ids_that_cannot_be_user_names_are_refused_naming_the_line(tmp_path):
    from uprkit.hub.accounts import HubAccountError
    from uprkit.hub.cohort import _usernames

    roster = tmp_path / "roster.csv"
    head = "participant_id,name,gender,region\n"
    roster.write_text(head + "A1,X,woman,Africa\na1,Y,man,Africa\n", encoding="utf-8")
    with pytest.raises(HubAccountError, match=r"roster.csv, line 3: .*'a1' and 'A1'.*same user"):
        _usernames(roster, "cohort_2027")
    roster.write_text(head + "p01,X,woman,Africa\n" + "p" * 30 + ",Y,man,Africa\n")
    with pytest.raises(HubAccountError, match=r"roster.csv, line 3: .*at most 32"):
        _usernames(roster, "cohort_2027")
    roster.write_text(head + "p01,X,woman,Africa\n")
    assert _usernames(roster, "cohort_2027") == {"cohort_2027-p01": "p01"}
