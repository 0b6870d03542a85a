"""The hub's side of one course per cohort: roles and the formgrader service, for jupyterhub_config.

``uprkit hub``'s config template calls these: :func:`participant_server_role` and
:func:`course_roles` go into ``c.JupyterHub.load_roles``, :func:`formgrader_service` into
``c.JupyterHub.services``. Scope names checked against JupyterHub 5.5.1's ``scopes.py`` and the
API handlers nbgrader's ``JupyterHubAuthPlugin`` calls (``GET /users/<name>`` needs one of
``read:users``/``read:users:name``/``read:users:groups``...; ``POST /groups/<g>/users`` needs
``groups``).
"""

from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

from uprkit.hub.exchange import ExchangeSetupError, check_course_id, course_groups

__all__ = ["course_roles", "formgrader_service", "formgrader_url", "participant_server_role"]


def participant_server_role() -> dict:
    """The hub's ``server`` role, widened just enough for nbgrader's extensions.

    nbgrader's ``JupyterHubAuthPlugin`` asks ``GET /users/<name>`` with the single-user
    server's token (``JUPYTERHUB_API_TOKEN``, URL from ``JUPYTERHUB_API_URL``). JupyterHub 5's
    default ``server`` role (``users:activity!user``, ``access:servers!server``) cannot read
    that, so every course list would come back empty (nbgrader #1396, #1594). nbgrader's
    multiple-classes demo gives ``inherit``; this gives the reads needed: the user's own name
    and groups, and the services list nbgrader's course list reads (#1831). A token's scopes
    are intersected with its owner's (JupyterHub 5.5.1 ``scopes.get_scopes_for``), so only a
    trainer, whose ``formgrade-<course>`` role has them, actually gets the services.
    Put it in ``c.JupyterHub.load_roles``.

    >>> "read:users:groups!user" in participant_server_role()["scopes"]
    True
    """
    return {
        "name": "server",
        "scopes": [
            "users:activity!user",
            "access:servers!server",
            "read:users:name!user",
            "read:users:groups!user",
            "list:services",
            "read:services",
        ],
    }


def course_roles(course: str) -> list[dict]:
    """The hub roles of one course, for ``c.JupyterHub.load_roles`` (with the server role).

    * ``formgrade-<course>`` (trainers/graders): open the course's formgrader service and see
      it listed (nbgrader's course list).
    * ``formgrader-service-<course>``: the service's own token reads users' names and groups
      and adds or removes members of ``nbgrader-<course>`` only (nbgrader's formgrader does
      that when a student is added or removed), never another course's group.

    Participants (``nbgrader-<course>``) need no role: their own server's token reads their
    groups (:func:`participant_server_role`).

    >>> [r["name"] for r in course_roles("cohort_2027")]
    ['formgrade-cohort_2027', 'formgrader-service-cohort_2027']
    """
    students, graders = course_groups(course)
    return [
        {
            "name": graders,
            "groups": [graders],
            "scopes": [
                f"access:services!service={course}",
                "list:services",
                f"read:services!service={course}",
            ],
        },
        {
            "name": f"formgrader-service-{course}",
            "services": [course],
            "scopes": [
                "list:users",
                "read:users:name",
                "read:users:groups",
                "list:groups",
                f"read:groups!group={students}",
                f"groups!group={students}",
            ],
        },
    ]


def formgrader_service(
    course: str,
    trainer: str,
    course_dir: str | os.PathLike,
    port: int,
    *,
    bin_dir: str | os.PathLike | None = None,
) -> dict:
    """One entry of ``c.JupyterHub.services``: the course's formgrader, run as the trainer.

    A managed ``jupyterhub-singleuser`` started by the hub as the trainer's Unix user in the
    course folder, at ``/services/<course>/``, landing on ``/formgrader``. nbgrader requires
    the service's name to be the course id. A trainer opens it in its own browser tab
    (:func:`formgrader_url`): JupyterHub >= 4.1 forbids the iframe JupyterLab's formgrader
    tab uses (nbgrader #1870), so that tab stays blank. Access is the
    ``formgrade-<course>`` role's (:func:`course_roles`). ``bin_dir`` is where
    ``jupyterhub-singleuser`` is (default: beside the running Python).
    """
    check_course_id(course)
    try:
        pwd.getpwnam(trainer)
    except KeyError:
        raise ExchangeSetupError(f"no Unix user {trainer!r}: add the cohort first") from None
    folder = Path(bin_dir) if bin_dir else Path(sys.executable).parent
    return {
        "name": course,
        "url": f"http://127.0.0.1:{int(port)}",
        "command": [str(folder / "jupyterhub-singleuser")],
        "user": trainer,
        "cwd": str(course_dir),
        "environment": {"JUPYTERHUB_DEFAULT_URL": "/formgrader"},
        "oauth_no_confirm": True,
        "display": True,
    }


def formgrader_url(course: str, hub_url: str = "") -> str:
    """Where a trainer opens the course's formgrader (its own tab).

    >>> formgrader_url("cohort_2027", "https://hub.example.org")
    'https://hub.example.org/services/cohort_2027/formgrader'
    """
    return f"{hub_url.rstrip('/')}/services/{check_course_id(course)}/formgrader"
