"""What a participant's kernel may reach and use, for one workshop: the places hidden from it
(this workshop, other cohorts' beside it, the kit's solutions/) and the caps per participant
(``[grading]`` in workshop.toml over :class:`uprkit.grading.caps.Caps`)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from uprkit.errors import GradingError, UprkitError
from uprkit.grading.caps import Caps, caps_from_settings
from uprkit.paths import kit_root, solutions_dir
from uprkit.workshop.folder import WORKSHOP_FILE, Workshop, read_workshop_file

__all__ = ["UncappedWarning", "grading_caps", "hidden_from_kernels", "other_workshops_nearby"]


class UncappedWarning(UserWarning):
    """This machine cannot cap a participant's whole process tree (no cgroups): said once a run."""


def grading_caps(ws: Workshop) -> Caps:
    """The caps per participant: the ``[grading]`` table of workshop.toml over the defaults."""
    settings = read_workshop_file(ws).get("grading", {})
    try:
        return caps_from_settings(settings, str(ws.root / WORKSHOP_FILE))
    except ValueError as exc:
        raise GradingError(str(exc)) from None


def hidden_from_kernels(ws: Workshop) -> list[Path]:
    """What participants' kernels must not see: this workshop, other cohorts' workshops nearby,
    and the kit's solutions/ (the hidden tests of its own assignments)."""
    hidden = [ws.root, *other_workshops_nearby(ws)]
    try:
        hidden.append(solutions_dir())
    except UprkitError:
        pass  # installed without the kit's folders: nothing more to hide
    return hidden


def other_workshops_nearby(ws: Workshop) -> list[Path]:
    """Other cohorts' workshop folders where a trainer keeps them: beside this one, and in the
    kit's folder (``demo-workshop/``, ``workshops/*``). Their names and grades are hidden from
    participants' kernels too, not only this cohort's."""
    places = [ws.root.parent]
    try:
        places += [kit_root(), kit_root() / "workshops"]
    except UprkitError:
        pass  # an installed kit without its folders
    found = set()
    for place in places:
        with contextlib.suppress(OSError):
            found.update(p.parent.resolve() for p in place.glob(f"*/{WORKSHOP_FILE}"))
    return sorted(found - {ws.root.resolve()})
