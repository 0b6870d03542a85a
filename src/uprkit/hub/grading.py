"""The trainer's steps through nbgrader's exchange: release, collect, grade, feedback.

Each step works on the trainer's workshop folder (``uprkit workshop init``, in the trainer's
home; its ``course/`` is nbgrader's course folder) and on the course's folder in the exchange
(:mod:`uprkit.hub.exchange`). Run them as the trainer's Unix user, who owns both::

    release   the kit's assignment, in the workshop's language, generated and put in
              ``outbound/`` at once (a participant fetching meanwhile sees the old or the new
              version, never half of one)
    collect   the newest submission of each participant from ``inbound/``, read without
              trusting it (:mod:`uprkit.hub.exchange_inbound`), then through the kit's own
              door (:func:`uprkit.workshop.collect.collect_submissions`: checked notebooks,
              quarantine, history)
    grade     the kit's sandboxed autograde (bubblewrap), never plain nbgrader autograde
    feedback  the kit's feedback pages, put in ``feedback/`` under the name nbgrader's
              ``fetch_feedback`` looks for (md5 of the submission's secret and notebook name)

Participants are the Unix users ``<course>-<participant_id>`` (lower case), as ``uprkit hub
add-cohort`` makes them; another naming can be passed as ``users`` (Unix user → participant id).
The gradebook is the workshop's (``[gradebook] url`` in ``workshop.toml`` or the SQLite file),
through the kit's functions only: no silent fall-back (nbgrader #1661).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from uprkit import paths
from uprkit.errors import WorkshopError
from uprkit.hub.exchange import DEFAULT_EXCHANGE_ROOT, course_path, trainer_config
from uprkit.hub.exchange_inbound import read_inbound
from uprkit.workshop.folder import Workshop, check_assignment, read_workshop_file, replace_file

__all__ = [
    "HubCollectResult",
    "collect_from_exchange",
    "feedback_name",
    "grade",
    "participants_by_user",
    "release_feedback",
    "release_to_exchange",
    "trainer_config_for",
    "write_trainer_config",
]


@dataclass(frozen=True)
class HubCollectResult:
    """``collected``: participant ids collected now; ``problems``: one line per thing left out."""

    collected: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    refused: dict[str, tuple[str, ...]] = field(default_factory=dict)


def participants_by_user(ws: Workshop, course: str) -> dict[str, str]:
    """Unix user → participant id for the workshop's roster (``<course>-<id>``, lower case)."""
    from uprkit.workshop.roster import load_roster  # pandas, ~0.5 s

    ids = load_roster(ws.roster_path)["participant_id"]
    return {f"{course}-{pid}".lower(): pid for pid in ids}


def trainer_config_for(
    ws: Workshop, course: str, exchange_root=DEFAULT_EXCHANGE_ROOT, *, hub: bool = True
) -> str:
    """The trainer's ``nbgrader_config.py`` text for this workshop (its gradebook written out).

    Write it with :func:`uprkit.hub.exchange.write_config` (as root) or into
    ``~/.jupyter/nbgrader_config.py`` as the trainer.
    """
    from uprkit.workshop.gradebook_db import gradebook_url

    return trainer_config(exchange_root, course, ws.course_dir, db_url=gradebook_url(ws), hub=hub)


def write_trainer_config(
    ws: Workshop, course: str, trainer: str, exchange_root=DEFAULT_EXCHANGE_ROOT
) -> Path:
    """Write :func:`trainer_config_for` as ``~trainer/.jupyter/nbgrader_config.py``.

    As root (``uprkit hub``, once the trainer's workshop exists) or as the trainer. The
    formgrader service reads it: without it, the formgrader would grade outside the sandbox
    and open a SQLite gradebook of its own. The workshop folder is closed to everyone but
    its owner (mode 0700): on a shared machine it holds the roster's names, the gradebook,
    the hidden tests and every submission.
    """
    from uprkit.hub.exchange import write_config

    os.chmod(ws.root, 0o700)
    return write_config(trainer, trainer_config_for(ws, course, exchange_root))


def _exchange_dir(root, course: str, sub: str) -> Path:
    folder = course_path(root, course) / sub
    if not folder.is_dir():
        raise WorkshopError(
            f"{folder} does not exist: make the exchange first (uprkit hub install / add-cohort)"
        )
    return folder


def _workshop_language(ws: Workshop, language: str | None) -> str:
    from uprkit.i18n.messages import check_language

    return check_language(language or read_workshop_file(ws).get("language") or "en")


def _localise_source(ws: Workshop, assignment: str, language: str) -> None:
    """Rewrite the workshop's source of a kit assignment in ``language`` (markdown only)."""
    import nbformat

    from uprkit.i18n.notebooks import build_localised_notebook

    kit = paths.solutions_dir() / assignment
    for source in sorted(ws.source_dir(assignment).glob("*.ipynb")):
        original = kit / source.name
        if original.is_file():
            result = build_localised_notebook(original, language)
            replace_file(source, nbformat.writes(result.notebook) + "\n")


def release_to_exchange(
    ws: Workshop,
    assignment: str,
    *,
    course: str,
    exchange_root=DEFAULT_EXCHANGE_ROOT,
    language: str | None = None,
) -> Path:
    """Generate ``assignment`` (in the workshop's language) and release it to the exchange.

    ``language`` defaults to ``language`` in ``workshop.toml``, else English; only the
    markdown of the kit's own assignments changes (grade cells stay as they are). A second
    release replaces the first at once. Returns the released folder in ``outbound/``.
    """
    from uprkit.workshop.prepare import release_assignment  # nbgrader, ~2 s

    check_assignment(ws, assignment)
    outbound = _exchange_dir(exchange_root, course, "outbound")
    language = _workshop_language(ws, language)
    if language != "en":
        _localise_source(ws, assignment, language)
    release = release_assignment(ws, assignment)
    staging = Path(tempfile.mkdtemp(prefix=f".{assignment}-", dir=outbound))
    try:
        shutil.copytree(release, staging / assignment, symlinks=False)
        for folder, _dirs, files in os.walk(staging):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        target = outbound / assignment
        old = None
        if target.exists():
            old = staging / "replaced"
            os.rename(target, old)
        os.rename(staging / assignment, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _record_path(ws: Workshop, assignment: str) -> Path:
    return ws.runs_dir / "hub" / f"{assignment}.json"


def _read_records(ws: Workshop, assignment: str) -> dict:
    path = _record_path(ws, assignment)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def collect_from_exchange(
    ws: Workshop,
    assignment: str,
    *,
    course: str,
    exchange_root=DEFAULT_EXCHANGE_ROOT,
    users: dict[str, str] | None = None,
) -> HubCollectResult:
    """Collect the newest submission of each participant of ``course`` into the workshop.

    A submission by a user who is not in the roster, a folder made by someone else in a
    participant's name, links, special or huge files are left in the exchange and listed;
    the rest go through the kit's collect (checked at the door, quarantine, history). The
    submission's secret is kept in ``runs/hub/<assignment>.json`` (the trainer's folder) for
    :func:`release_feedback`.
    """
    from uprkit.workshop.collect import collect_submissions  # pandas, ~0.5 s

    check_assignment(ws, assignment)
    inbound = _exchange_dir(exchange_root, course, "inbound")
    users = users if users is not None else participants_by_user(ws, course)
    scan = read_inbound(inbound, assignment)
    problems = list(scan.problems)
    staged = {}
    with tempfile.TemporaryDirectory(prefix="uprkit-hub-collect-") as tmp:
        for user, found in sorted(scan.submissions.items()):
            pid = users.get(user)
            if pid is None:
                problems.append(f"{found.folder}: {user} is not in the roster; left alone")
                continue
            if not found.notebooks:
                problems.append(f"{found.folder}: no notebook in it; nothing collected")
                continue
            folder = Path(tmp) / pid
            folder.mkdir()
            stamp = found.submitted_at.timestamp()
            for name, data in found.notebooks.items():
                (folder / name).write_bytes(data)
                os.utime(folder / name, (stamp, stamp))
            staged[pid] = found
        result = collect_submissions(ws, assignment, tmp) if staged else None
    if result is None:
        return HubCollectResult((), tuple(problems))
    records = _read_records(ws, assignment)
    for pid in result.matched:
        found = staged[pid]
        records[pid] = {
            "user": found.user,
            "submission": found.folder,
            "secret": found.secret,
            "notebooks": sorted(Path(n).stem for n in found.notebooks),
        }
    _record_path(ws, assignment).parent.mkdir(parents=True, exist_ok=True)
    replace_file(_record_path(ws, assignment), json.dumps(records, indent=1, sort_keys=True))
    os.chmod(_record_path(ws, assignment), 0o600)
    problems.extend(result.problems)
    return HubCollectResult(tuple(sorted(result.matched)), tuple(problems), dict(result.refused))


def grade(ws: Workshop, assignment: str, **options):
    """The kit's sandboxed autograde (:func:`uprkit.grading.autograde.autograde`).

    Participants' code always runs in bubblewrap here: ``sandbox=False`` is refused, because
    on a hub the grader's file rights reach every participant's submission.
    """
    if options.pop("sandbox", True) is not True:
        raise WorkshopError("on a hub, participants' code is graded in the sandbox only")
    from uprkit.grading.autograde import autograde  # the sandbox, ~0.2 s

    return autograde(ws, assignment, sandbox=True, **options)


def feedback_name(secret: str, notebook: str) -> str:
    """The file name nbgrader's ``fetch_feedback`` looks for (``utils.notebook_hash``, checked).

    >>> feedback_name("s3cret", "mini")
    '26081f11677bd0e422344f7230f5597a.html'
    """
    digest = hashlib.md5((secret + notebook).encode("utf-8"), usedforsecurity=False)
    return f"{digest.hexdigest()}.html"


def release_feedback(
    ws: Workshop,
    assignment: str,
    *,
    course: str,
    exchange_root=DEFAULT_EXCHANGE_ROOT,
    language: str | None = None,
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Write the kit's feedback pages and put them where each participant's nbgrader finds them.

    Returns (participant id → notebooks released, participant id → why none was). Pages go
    in under an unguessable name (the folder is not listable), each written whole.
    """
    from uprkit.grading.feedback import generate_feedback  # nbgrader, ~2 s

    check_assignment(ws, assignment)
    outbound = _exchange_dir(exchange_root, course, "feedback")
    # each participant's roster language first, then this one (the kit's rule)
    language = language or read_workshop_file(ws).get("language") or ""
    pages = generate_feedback(ws, assignment, language=language)
    records = _read_records(ws, assignment)
    released, missing = {}, dict(pages.needs_a_look)
    for pid, folder in sorted(pages.items()):
        record = records.get(pid)
        if not record or not record.get("secret"):
            missing[pid] = "not collected through the exchange (no submission secret)"
            continue
        pages_of = sorted(Path(folder).glob("*.html"))
        for page in pages_of:
            # nbgrader looks the page up by the name the participant's notebook had: a
            # one-notebook assignment submitted under another name gets it under that name too
            names = {page.stem}
            if len(pages_of) == 1:
                names |= set(record.get("notebooks", []))
            for name in sorted(names):
                target = outbound / feedback_name(record["secret"], name)
                tmp = outbound / f".{target.name}.tmp"
                shutil.copyfile(page, tmp)
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
            released.setdefault(pid, []).append(page.stem)
    return released, missing
