"""The nbgrader configs the hub writes, read back by nbgrader's own classes (no root, no hub)."""

from __future__ import annotations

from traitlets.config import Config, PyFileConfigLoader

from uprkit.hub.exchange import participant_config, trainer_config
from uprkit.hub.exchange_hub import course_roles, formgrader_service, participant_server_role


def _load(tmp_path, text: str) -> Config:
    (tmp_path / "nbgrader_config.py").write_text(text)
    return PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()


def test_the_trainer_config_replaces_nbgraders_unsandboxed_steps(tmp_path):
    from nbgrader.auth import Authenticator, JupyterHubAuthPlugin
    from nbgrader.converters import Autograde, GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    from uprkit.hub import grading_guard

    url = "postgresql+psycopg://grader@localhost/cohort_2027"
    config = _load(tmp_path, trainer_config("/srv/x", "cohort_2027", tmp_path, db_url=url))
    factory = ExchangeFactory(config=config)
    assert factory.collect is grading_guard.RefusePlainCollect
    assert factory.release_feedback is grading_guard.RefusePlainReleaseFeedback
    assert factory.fetch_assignment.__module__.startswith("nbgrader.")  # the rest is nbgrader's
    coursedir = CourseDirectory(config=config)
    assert Autograde(coursedir=coursedir, config=config).exporter_class is (
        grading_guard.RefuseUnsandboxed
    )
    assert GenerateFeedback(coursedir=coursedir, config=config).exporter_class is (
        grading_guard.RefusePlainFeedback
    )
    assert coursedir.db_url == url and coursedir.course_id == "cohort_2027"
    assert Authenticator(config=config).plugin_class is JupyterHubAuthPlugin


def test_the_participant_config_names_the_course_and_the_hubs_groups(tmp_path):
    from nbgrader.auth import Authenticator, JupyterHubAuthPlugin
    from nbgrader.exchange.default import Exchange

    config = _load(tmp_path, participant_config("/srv/x", "cohort_2027"))
    assert Authenticator(config=config).plugin_class is JupyterHubAuthPlugin
    exchange = Exchange(config=config)
    assert (exchange.root, exchange.path_includes_course) == ("/srv/x", True)


def test_hub_roles_use_jupyterhub_scopes():
    from jupyterhub.scopes import scope_definitions

    roles = [participant_server_role(), *course_roles("cohort_2027")]
    for role in roles:
        for scope in role["scopes"]:
            assert scope.split("!")[0] in scope_definitions, scope
    service = formgrader_service("cohort_2027", "root", "/root/w/course", 9999)
    assert service["name"] == "cohort_2027" and service["user"] == "root"
    assert roles[-1]["services"] == ["cohort_2027"]
