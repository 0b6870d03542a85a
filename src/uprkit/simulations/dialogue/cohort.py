"""Cohort mode of the Working Group dialogue: a trainer gives each participant a delegation.

Statements come from a CSV (``delegation,statement`` and optionally ``participant_id``) or from
notebooks (a cell tagged ``statement`` whose first line is ``Delegation: <State>``). One bad
statement does not stop the room: it is listed in ``problems`` with its file and line, and that
delegation keeps its scripted statement. The outcome table names participants by their id only
(pseudonyms), never by name.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uprkit.errors import InputFileError, SimulationError, UprkitError
from uprkit.simulations.dialogue.report import WorkingGroupReport, draft_report
from uprkit.simulations.dialogue.script import Dialogue, add_statement, script_responses
from uprkit.simulations.dialogue.states import resolve_state


@dataclass(frozen=True)
class StatementInput:
    """One statement as handed in, before it is checked."""

    delegation: str
    text: str
    participant_id: str | None
    source: str  # "file, line n" or the notebook path


def assign_delegations(
    participant_ids: Sequence[str], dialogue: Dialogue, *, seed: int
) -> dict[str, str]:
    """Give each participant one delegation on the list of speakers, by lot (seeded)."""
    ids = [str(p) for p in participant_ids]
    if not ids:
        raise SimulationError("no participants to assign: the roster is empty")
    repeated = sorted({p for p in ids if ids.count(p) > 1})
    if repeated:
        raise SimulationError(f"participant ids appear twice: {', '.join(repeated)}")
    delegations = list(dialogue.speakers.order)
    if len(ids) > len(delegations):
        raise SimulationError(
            f"{len(ids)} participants but only {len(delegations)} delegations on the list of "
            "speakers: plan the dialogue with more registered delegations"
        )
    random.Random(seed).shuffle(delegations)
    return dict(zip(ids, delegations, strict=False))


def read_statements_csv(path: str | Path) -> list[StatementInput]:
    """Read ``delegation,statement[,participant_id]`` rows (UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputFileError(path, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(path, "not UTF-8 text; save the CSV as UTF-8") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"delegation", "statement"} - set(reader.fieldnames or [])
    if missing:
        raise InputFileError(
            path,
            f"missing column(s) {', '.join(sorted(missing))}; expected delegation,statement "
            f"(optional participant_id), found {', '.join(reader.fieldnames or []) or 'none'}",
            line=1,
        )
    rows = []
    for row in reader:
        line = reader.line_num
        rows.append(
            StatementInput(
                (row.get("delegation") or "").strip(),
                row.get("statement") or "",
                (row.get("participant_id") or "").strip() or None,
                f"{path}, line {line}",
            )
        )
    return rows


def read_statements_notebooks(folder: str | Path) -> list[StatementInput]:
    """Find cells tagged ``statement`` in the notebooks under ``folder``.

    The participant id is the first folder under ``folder`` (nbgrader's submitted/<id>/... layout).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputFileError(folder, "not a folder of notebooks")
    found = []
    for notebook in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputFileError(notebook, f"not a readable notebook ({exc})") from exc
        relative = notebook.relative_to(folder).parts
        participant = relative[0] if len(relative) > 1 else None
        for cell in cells:
            if "statement" not in cell.get("metadata", {}).get("tags", []):
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            first, _, rest = source.strip().partition("\n")
            if not first.lower().startswith("delegation:"):
                raise InputFileError(
                    notebook, "the statement cell must start with a line 'Delegation: <State>'"
                )
            found.append(
                StatementInput(first.split(":", 1)[1].strip(), rest, participant, str(notebook))
            )
    return found


@dataclass(frozen=True)
class CohortOutcome:
    dialogue: Dialogue
    report: WorkingGroupReport
    problems: tuple[str, ...]
    table: pd.DataFrame  # participant_id, delegation, recommendations, supported, noted, ...


def run_cohort_dialogue(
    dialogue: Dialogue,
    statements: Sequence[StatementInput],
    *,
    seed: int,
    assignments: Mapping[str, str] | None = None,
) -> CohortOutcome:
    """Put the participants' statements into the dialogue, script the SuR's answers, report."""
    problems: list[str] = []
    played: dict[str, str | None] = {}
    for item in statements:
        try:
            code = resolve_state(item.delegation, dialogue.states)
            if assignments and item.participant_id and assignments.get(item.participant_id) != code:
                expected = assignments.get(item.participant_id)
                raise SimulationError(
                    f"participant {item.participant_id} was assigned "
                    f"{expected or 'no delegation'}, not {code}"
                )
            if code in played:
                raise SimulationError(f"a second statement for {code}; the first one is kept")
            dialogue = add_statement(dialogue, code, item.text)
            played[code] = item.participant_id
        except UprkitError as exc:
            problems.append(f"{item.source}: {exc}")
    dialogue = script_responses(dialogue, seed=seed)
    numbers = {}
    for rec in dialogue.recommendations():
        for code in rec.recommending_states:
            numbers.setdefault(code, []).append(rec.number)
    rows = []
    for code, participant in played.items():
        answers = [dialogue.responses.get(n) for n in numbers.get(code, [])]
        rows.append(
            {
                "participant_id": participant or "",
                "delegation": dialogue.names.get(code, code),
                "recommendations": len(answers),
                "supported": sum(1 for a in answers if a is not None and a.value == "supported"),
                "noted": sum(1 for a in answers if a is not None and a.value == "noted"),
                "other": sum(
                    1 for a in answers if a is None or a.value not in ("supported", "noted")
                ),
            }
        )
    table = pd.DataFrame(
        rows,
        columns=["participant_id", "delegation", "recommendations", "supported", "noted", "other"],
    )
    return CohortOutcome(dialogue, draft_report(dialogue), tuple(problems), table)
