"""``uprkit hub remove-cohort``: a cohort's accounts, homes, exchange folder, groups and tokens
go, through the running hub's API; another cohort on the same hub keeps everything."""

from __future__ import annotations

import grp
import os
import pwd
import secrets

import pytest
from click.testing import CliRunner

from hub.conftest import HubClient, _remove_users

pytestmark = pytest.mark.slow


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def test_removing_a_cohort_deletes_its_accounts_and_leaves_the_other(
    running_hub, hub_cohort, tmp_path
):
    from uprkit.cli import main
    from uprkit.hub.accounts import load_accounts
    from uprkit.hub.cohort import cohorts, exchange_root
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    course = f"r{secrets.token_hex(3)}"
    users = [f"{course}-a1", f"{course}-a2"]
    trainer = f"{course}_trainer"  # one trainer account trains one cohort
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\n"
        "a1,Fictional Four,woman,Africa\n"
        "a2,Fictional Five,man,Africa\n",
        encoding="utf-8",
    )
    try:
        add = ["hub", "add-cohort", str(roster), "--course", course, "--language", "es"]
        add += ["--trainer", trainer, "--prefix", str(layout.prefix)]
        answer = CliRunner().invoke(main, add)
        assert answer.exit_code == 0, answer.output
        printed = [line.split() for line in answer.output.splitlines() if "\t" in line]
        tokens = dict(printed)
        assert sorted(tokens) == [*users, trainer]
        assert "Fictional" not in answer.output
        # the trainer's workshop is made; a formgrader service needs the hub to restart
        workshop = f"{pwd.getpwnam(trainer).pw_dir}/{course}"
        assert f"trainer's workshop made: {workshop}" in answer.output
        assert "uprkit hub stop && uprkit hub start" in answer.output
        again = CliRunner().invoke(main, add)
        assert "no new accounts" in again.output and "\t" not in again.output
        assert f"trainer's workshop kept as it was: {workshop}" in again.output
        assert "uprkit hub stop" not in again.output
        homes = [pwd.getpwnam(u).pw_dir for u in users]
        assert "running hub has the new accounts in its groups" in answer.output
        client = HubClient(running_hub.url)
        assert client.login(users[0], tokens[users[0]]).status_code == 302
        # nbgrader reads the participant's courses from the hub's groups: there without restart
        assert f"nbgrader-{course}" in client.me().json()["groups"]

        answer = CliRunner().invoke(
            main, ["hub", "remove-cohort", course, "--prefix", str(layout.prefix)], input="n\n"
        )
        assert answer.exit_code != 0 and "nothing deleted" in answer.output
        assert f"Unix user {users[0]}" in answer.output and all(_exists(u) for u in users)

        answer = CliRunner().invoke(
            main, ["hub", "remove-cohort", course, "--yes", "--prefix", str(layout.prefix)]
        )
        assert answer.exit_code == 0, answer.output
        assert not any(_exists(u) for u in users)
        assert not any(os.path.exists(h) for h in homes)
        assert not (exchange_root(layout) / course).exists()
        assert not layout.lessons_of(course).exists()
        assert not layout.first_login_file(course).exists()
        for group in (f"nbgrader-{course}", f"formgrade-{course}"):
            with pytest.raises(KeyError):
                grp.getgrnam(group)
        assert course not in cohorts(layout)
        assert not set(users) & set(load_accounts(layout.accounts))
        assert HubClient(running_hub.url).login(users[0], tokens[users[0]]).status_code == 403
        assert client.me().status_code == 403  # the hub forgot the user: the session is gone

        # the trainer is kept (the gradebook), the other cohort is untouched
        assert _exists(trainer) and os.path.isdir(workshop)
        other = hub_cohort.participants[2]
        assert HubClient(running_hub.url).login(other, hub_cohort.tokens[other]).status_code == 302
        assert _exists(hub_cohort.trainer) and hub_cohort.course in cohorts(layout)
    finally:
        _remove_users([*users, trainer], [f"nbgrader-{course}", f"formgrade-{course}", trainer])
