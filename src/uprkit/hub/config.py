"""The hub's configuration: ``<prefix>/etc/jupyterhub_config.py`` and what it sets.

The file itself is four lines from a template that call :func:`configure`, so the settings
live (and are tested) here:

- LocalProcessSpawner: each participant's server runs as their own Unix user, in their home,
  opening JupyterLab (``/lab``); the environment of :mod:`uprkit.hub.spawn` (language, kit);
- the kit's :class:`uprkit.hub.auth.RosterAuthenticator`;
- configurable-http-proxy from ``<prefix>/node`` (npm), its token from a root-only file;
- hub groups ``nbgrader-<course>`` / ``formgrade-<course>`` and the roles nbgrader needs
  (:mod:`uprkit.hub.exchange_hub`), and a course's formgrader service once its course folder exists.

The hub listens on ``ip:port``; its own API on ``127.0.0.1:hub_port`` and the proxy's on
``127.0.0.1:proxy_api_port`` (defaults ``port + 1`` and ``port + 2``, so two hubs on one
machine, e.g. a test's, do not collide).
"""

from __future__ import annotations

import pwd
from pathlib import Path

from uprkit.hub import exchange, exchange_hub
from uprkit.hub.cohort import admin_token, cohorts
from uprkit.hub.install import HubLayout
from uprkit.templating import render

__all__ = ["configure", "trainer_course_dir", "write_config"]

# a first start on a busy 2-core machine imports JupyterLab and nbgrader: give it time
_SPAWN_TIMEOUT = 120
_FORMGRADER_ON = "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=True"


def trainer_course_dir(trainer: str, course: str) -> Path | None:
    """A cohort's nbgrader course folder in the trainer's home: ``~trainer/<course>/course``
    (None when the trainer has no Unix account any more)."""
    try:
        return Path(pwd.getpwnam(trainer).pw_dir) / course / "course"
    except KeyError:
        return None


def write_config(
    prefix: Path, ip: str, port: int, hub_port: int | None = None, proxy_api_port: int | None = None
) -> Path:
    """Write ``<prefix>/etc/jupyterhub_config.py``; return its path."""
    layout = HubLayout(prefix)
    text = render(
        "uprkit.hub",
        "jupyterhub_config.py.j2",
        prefix=repr(str(layout.prefix)),
        state=str(layout.state),
        ip=repr(ip),
        port=int(port),
        hub_port=int(hub_port or port + 1),
        proxy_api_port=int(proxy_api_port or port + 2),
    )
    layout.etc.mkdir(parents=True, exist_ok=True)
    layout.config.write_text(text, encoding="utf-8")
    layout.config.chmod(0o644)
    return layout.config


def _groups_roles_services(layout: HubLayout, port: int):
    groups, roles, services = {}, [exchange_hub.participant_server_role()], []
    for number, (course, cohort) in enumerate(sorted(cohorts(layout).items())):
        students, graders = exchange.course_groups(course)
        groups[students] = {"users": list(cohort["participants"])}
        groups[graders] = {"users": [cohort["trainer"]]}
        course_dir = trainer_course_dir(cohort["trainer"], course)
        if course_dir is not None and course_dir.is_dir():
            roles.extend(exchange_hub.course_roles(course))
            service = exchange_hub.formgrader_service(
                course,
                cohort["trainer"],
                course_dir,
                port + 10 + number,
                bin_dir=layout.env / "bin",
            )
            # formgrader is off in the env for everyone's own server (install.py): on here; a
            # value given on the command line wins over the env's config files
            service["command"] = [*service["command"], _FORMGRADER_ON]
            service.setdefault("environment", {})["PATH"] = f"{layout.env / 'bin'}:/usr/bin:/bin"
            services.append(service)
    return groups, roles, services


def configure(c, *, prefix: str, ip: str, port: int, hub_port: int, proxy_api_port: int) -> None:
    """Fill JupyterHub's config object ``c`` for the hub under ``prefix``."""
    from uprkit.hub.spawn import make_pre_spawn_hook  # the hub's process only

    layout = HubLayout(Path(prefix))
    c.JupyterHub.ip = ip
    c.JupyterHub.port = port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = hub_port
    c.JupyterHub.db_url = f"sqlite:///{layout.state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(layout.state / "cookie_secret")
    c.JupyterHub.pid_file = str(layout.pidfile)
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True
    c.ConfigurableHTTPProxy.command = [str(layout.proxy)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = (layout.state / "proxy_token").read_text().strip()
    c.ConfigurableHTTPProxy.pid_file = str(layout.state / "proxy.pid")
    c.JupyterHub.authenticator_class = "uprkit.hub.auth.RosterAuthenticator"
    c.RosterAuthenticator.accounts_file = str(layout.accounts)
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
    c.Spawner.cmd = [str(layout.env / "bin" / "jupyterhub-singleuser")]
    c.Spawner.default_url = "/lab"
    # no news or update checks from a participant's lab: no request leaves the machine for it
    c.Spawner.args = [
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    c.Spawner.notebook_dir = "~"
    c.Spawner.start_timeout = _SPAWN_TIMEOUT
    c.Spawner.http_timeout = _SPAWN_TIMEOUT
    c.Spawner.pre_spawn_hook = make_pre_spawn_hook(layout.prefix)
    groups, roles, services = _groups_roles_services(layout, port)
    # the kit's own commands (remove-cohort) manage users through the hub's API with this token
    services.append({"name": "uprkit-cli", "api_token": admin_token(layout)})
    roles.append(
        {
            "name": "uprkit-cli",
            "services": ["uprkit-cli"],
            "scopes": ["admin:users", "admin:servers", "admin:groups"],
        }
    )
    c.JupyterHub.load_groups = groups
    c.JupyterHub.load_roles = roles
    c.JupyterHub.services = services
