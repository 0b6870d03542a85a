"""The ``uprkit`` trainer command. Each module below adds its commands to the ``_groups``."""

from uprkit.cli import (  # noqa: F401  (imported for the commands they register)
    analyse,
    briefing,
    cycle,
    data_cmds,
    followup,
    gradebook_cmds,
    hub_cmds,
    own_assignments,
    reports,
    simulate_cmds,
    tot,
)
from uprkit.cli._groups import main

__all__ = ["main"]
