"""The rubrics of the written answers (grading/rubrics/*.yaml), and the trainer's pass with them.

nbgrader's formgrader takes one number per written answer. A rubric splits that number into
criteria that two trainers apply the same way. ``write_grading_sheet`` lists, in a CSV or an
Excel workbook (``.xlsx``), every answer still waiting for a human grade, one line per
criterion, each with the participant's answer as plain text and a link to their notebook
(read as hostile input: :mod:`uprkit.grading.sheet_answers`); the trainer fills in
``awarded`` (and a comment where useful), and ``apply_grading_sheet`` writes each answer's
total into the gradebook as its manual grade, with the criteria met as the answer's comment
(the participant reads it in the feedback). A grade already recorded is never overwritten
unless the trainer asks (``force``), and a sheet with mistakes is refused as a whole, with every
mistake listed by line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from uprkit.errors import GradingError, InputFileError
from uprkit.grading.sheet_answers import AnswerReader, read_xlsx_sheet, write_xlsx_sheet
from uprkit.i18n.documents import rubric_text
from uprkit.i18n.messages import LANGUAGES
from uprkit.paths import grading_dir
from uprkit.workshop.course import backup_gradebook, open_gradebook
from uprkit.workshop.folder import Workshop, check_assignment, workshop_lock
from uprkit.workshop.roster import load_roster

__all__ = [
    "SHEET_COLUMNS",
    "Criterion",
    "Part",
    "Rubric",
    "SheetResult",
    "apply_grading_sheet",
    "load_rubric",
    "write_grading_sheet",
]

SHEET_COLUMNS = (
    "participant_id",
    "grade_id",
    "criterion",
    "description",
    "max_points",
    "awarded",
    "comment",
    "answer",  # the participant's answer as plain text (uprkit.grading.sheet_answers)
    "notebook",  # the notebook handed in, relative to the sheet's folder
)


@dataclass(frozen=True)
class Criterion:
    points: float
    description: str


@dataclass(frozen=True)
class Part:
    """One written answer (an nbgrader grade cell) and its criteria."""

    grade_id: str
    points: float
    criteria: tuple[Criterion, ...]
    note: str = ""


@dataclass(frozen=True)
class Rubric:
    assignment: str
    parts: tuple[Part, ...]
    path: Path

    def part(self, grade_id: str) -> Part:
        for part in self.parts:
            if part.grade_id == grade_id:
                return part
        raise KeyError(grade_id)


@dataclass
class SheetResult:
    """What ``apply_grading_sheet`` did: answers graded, left blank, or kept as recorded."""

    graded: int = 0
    unchanged: int = 0
    blank: int = 0
    kept: list[str] = field(default_factory=list)  # "p03 situation: recorded 3, sheet 4"


def rubric_path(assignment: str) -> Path:
    return grading_dir() / "rubrics" / f"{assignment}.yaml"


def load_rubric(assignment: str, path: Path | None = None) -> Rubric:
    """The rubric of ``assignment``, checked: each part's criteria add up to its points."""
    path = Path(path) if path is not None else rubric_path(assignment)
    if not path.is_file():
        raise InputFileError(
            path,
            f"no rubric for {assignment}: this assignment has no written "
            "answers graded by hand, or its rubric file is missing",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("parts"), list):
        raise InputFileError(
            path,
            "expected a mapping with a 'parts' list (see the other rubrics in grading/rubrics/)",
        )
    parts = []
    for number, raw in enumerate(data["parts"], start=1):
        try:
            criteria = tuple(
                Criterion(float(c["points"]), str(c["description"]).strip())
                for c in raw["criteria"]
            )
            part = Part(
                str(raw["grade_id"]),
                float(raw["points"]),
                criteria,
                str(raw.get("note", "")).strip(),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputFileError(
                path,
                f"part {number}: needs grade_id, points and criteria "
                f"(each with points and description); problem: {exc!r}",
            ) from None
        if abs(sum(c.points for c in part.criteria) - part.points) > 1e-9:
            raise InputFileError(
                path,
                f"part {part.grade_id}: its criteria add up to "
                f"{sum(c.points for c in part.criteria):g} points, not {part.points:g}",
            )
        parts.append(part)
    return Rubric(str(data.get("assignment", assignment)), tuple(parts), path)


def _grade_cells(gradebook, assignment: str) -> dict[str, str]:
    """grade_id -> notebook name, for the assignment's released notebooks."""
    return {
        cell.name: notebook.name
        for notebook in gradebook.find_assignment(assignment).notebooks
        for cell in notebook.grade_cells
    }


def _check_rubric_matches(rubric: Rubric, cells: dict[str, str]) -> None:
    unknown = [p.grade_id for p in rubric.parts if p.grade_id not in cells]
    if unknown:
        raise InputFileError(
            rubric.path,
            f"parts {', '.join(unknown)} are not graded cells of "
            f"{rubric.assignment} (its cells: "
            f"{', '.join(sorted(cells))})",
        )


def write_grading_sheet(
    ws: Workshop,
    assignment: str,
    out: Path | None = None,
    *,
    force: bool = False,
    rubric: Rubric | None = None,
) -> tuple[Path, int]:
    """Write the grading sheet of the answers still waiting for a human grade; (path, answers).

    Default place: ``WORKSHOP/grading-sheets/ASSIGNMENT.csv``; an ``out`` ending in ``.xlsx``
    writes an Excel workbook. An existing sheet (perhaps half filled in) is never replaced
    unless ``force``. ``rubric``: another rubric than the kit's (a translated or local one,
    from ``load_rubric(assignment, path)``). Each line carries the answer (truncated at
    1,500 characters) and the notebook's path relative to the sheet.
    """
    check_assignment(ws, assignment)
    rubric = rubric or load_rubric(assignment)
    out = Path(out) if out is not None else ws.root / "grading-sheets" / f"{assignment}.csv"
    if out.exists() and not force:
        raise GradingError(
            f"{out} already exists (it may hold grades you typed); apply it with "
            f"`uprkit rubric apply {assignment} {out}`, or pass --force to start "
            "a new sheet"
        )
    rows, answers = [], 0
    reader = AnswerReader(ws, assignment, out.parent)
    with open_gradebook(ws) as gradebook:
        cells = _grade_cells(gradebook, assignment)
        _check_rubric_matches(rubric, cells)
        for submission in sorted(
            gradebook.assignment_submissions(assignment), key=lambda s: s.student.id
        ):
            for part in rubric.parts:
                grade = gradebook.find_grade(
                    part.grade_id, cells[part.grade_id], assignment, submission.student.id
                )
                if not grade.needs_manual_grade:
                    continue  # untouched (nbgrader gave 0) or graded already
                answers += 1
                pid, notebook = submission.student.id, cells[part.grade_id]
                answer = reader.answer(pid, notebook, part.grade_id)
                link = reader.notebook_link(pid, notebook)
                for number, criterion in enumerate(part.criteria, start=1):
                    rows.append(
                        {
                            "participant_id": submission.student.id,
                            "grade_id": part.grade_id,
                            "criterion": number,
                            "description": criterion.description,
                            "max_points": f"{criterion.points:g}",
                            "awarded": "",
                            "comment": "",
                            "answer": answer,
                            "notebook": link,
                        }
                    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        write_xlsx_sheet(out, SHEET_COLUMNS, rows)
        return out, answers
    with out.open("w", encoding="utf-8-sig", newline="") as fh:  # -sig: Excel reads accents
        writer = csv.DictWriter(fh, fieldnames=SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return out, answers


def _read_sheet(sheet: Path, rubric: Rubric) -> dict[tuple[str, str], list[tuple]]:
    """(participant, grade_id) -> [(criterion, awarded or None, comment)], or every mistake."""
    header, lines = _sheet_lines(sheet)
    missing = [c for c in ("participant_id", "grade_id", "criterion", "awarded") if c not in header]
    if missing:
        raise InputFileError(
            sheet,
            f"missing columns {', '.join(missing)}; a sheet has {', '.join(SHEET_COLUMNS)} "
            "(make one with `uprkit rubric sheet`)",
        )
    problems, answers = [], {}
    for line, row in lines:
        pid = (row.get("participant_id") or "").strip()
        grade_id = (row.get("grade_id") or "").strip()
        try:
            part = rubric.part(grade_id)
        except KeyError:
            problems.append(
                f"line {line}: {grade_id!r} is not a part of the {rubric.assignment} "
                f"rubric ({', '.join(p.grade_id for p in rubric.parts)})"
            )
            continue
        try:
            number = int(row.get("criterion") or "")
            criterion = part.criteria[number - 1]
            if number < 1:
                raise IndexError
        except (ValueError, IndexError):
            problems.append(
                f"line {line}: criterion {row.get('criterion')!r} of {grade_id} "
                f"should be 1 to {len(part.criteria)}"
            )
            continue
        text = (row.get("awarded") or "").strip().replace(",", ".")
        awarded = None
        if text:
            try:
                awarded = float(text)
            except ValueError:
                problems.append(f"line {line}: awarded {text!r} is not a number")
                continue
            if not 0 <= awarded <= criterion.points:
                problems.append(
                    f"line {line}: awarded {awarded:g} for {pid} {grade_id} "
                    f"criterion {number}, which is worth 0 to {criterion.points:g}"
                )
                continue
        answers.setdefault((pid, grade_id), []).append(
            (number, awarded, (row.get("comment") or "").strip())
        )
    for (pid, grade_id), marks in answers.items():
        numbers = [m[0] for m in marks]
        if len(set(numbers)) != len(numbers):
            problems.append(f"{pid} {grade_id}: a criterion appears twice")
        filled = [m for m in marks if m[1] is not None]
        if filled and len(filled) != len(rubric.part(grade_id).criteria):
            problems.append(
                f"{pid} {grade_id}: {len(filled)} of "
                f"{len(rubric.part(grade_id).criteria)} criteria have a mark; give "
                "every criterion a mark (0 is a mark) or leave them all blank"
            )
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InputFileError(sheet, f"nothing was recorded; fix these first:\n  {shown}{more}")
    return answers


def _sheet_lines(sheet: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """(header, [(line number, row)]) of a CSV or .xlsx sheet."""
    if not sheet.is_file():
        raise InputFileError(sheet, "no such grading sheet")
    if sheet.suffix.lower() == ".xlsx":
        try:
            header, rows = read_xlsx_sheet(sheet)
        except Exception as exc:  # openpyxl's many kinds of "not a workbook"
            raise InputFileError(sheet, f"not a readable .xlsx workbook ({exc})") from None
        return header, list(enumerate(rows, start=2))
    try:
        with sheet.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            return list(reader.fieldnames or []), list(enumerate(reader, start=2))
    except UnicodeDecodeError:
        raise InputFileError(sheet, "not UTF-8 text; save it as 'CSV UTF-8'") from None


def _comment(part: Part, marks: list[tuple], language: str = "en") -> str:
    """The criteria as the participant reads them in their feedback, in their language."""
    lines = []
    for number, awarded, remark in sorted(marks):
        criterion = part.criteria[number - 1]
        lines.append(
            f"- {awarded:g}/{criterion.points:g}: {rubric_text(criterion.description, language)}"
            + (f" ({remark})" if remark else "")
        )
    return "\n".join(lines)


def apply_grading_sheet(
    ws: Workshop, assignment: str, sheet: Path, *, force: bool = False, rubric: Rubric | None = None
) -> SheetResult:
    """Record a filled-in grading sheet: each answer's total as its manual grade, and the
    criteria as its comment. Answers left blank stay ungraded. A grade recorded before (by
    formgrader or an earlier sheet) that differs is kept and listed, unless ``force``."""
    check_assignment(ws, assignment)
    sheet = Path(sheet)
    rubric = rubric or load_rubric(assignment)
    answers = _read_sheet(sheet, rubric)
    with workshop_lock(ws, f"uprkit rubric apply {assignment}"):
        return _apply(ws, assignment, sheet, answers, rubric, force)


def _roster_languages(ws) -> dict[str, str]:
    """participant_id -> the language the roster gives them (en, fr, es, ar); others: English."""
    roster = load_roster(ws.roster_path)
    if "language" not in roster:
        return {}
    return {
        pid: own.strip().lower()
        for pid, own in zip(roster["participant_id"], roster["language"], strict=True)
        if isinstance(own, str) and own.strip().lower() in LANGUAGES
    }


def _apply(ws, assignment, sheet, answers, rubric, force) -> SheetResult:
    result = SheetResult()
    with open_gradebook(ws) as gradebook:
        students = {s.student.id for s in gradebook.assignment_submissions(assignment)}
    unknown = sorted({pid for pid, _ in answers} - students)
    if unknown:
        raise InputFileError(
            sheet,
            f"nothing was recorded: no graded submission of {assignment} from {', '.join(unknown)}",
        )
    backup_gradebook(ws, f"before-rubric-{assignment}")
    languages = _roster_languages(ws)
    with open_gradebook(ws) as gradebook:
        cells = _grade_cells(gradebook, assignment)
        _check_rubric_matches(rubric, cells)
        for (pid, grade_id), marks in sorted(answers.items()):
            if all(m[1] is None for m in marks):
                result.blank += 1
                continue
            part = rubric.part(grade_id)
            total = sum(m[1] for m in marks)
            grade = gradebook.find_grade(grade_id, cells[grade_id], assignment, pid)
            if grade.manual_score is not None and not force:
                if abs(grade.manual_score - total) < 1e-9:
                    result.unchanged += 1
                else:
                    result.kept.append(
                        f"{pid} {grade_id}: recorded {grade.manual_score:g}, sheet {total:g}"
                    )
                continue
            grade.manual_score = total
            grade.needs_manual_grade = False  # what formgrader does on save
            comment = gradebook.find_comment(grade_id, cells[grade_id], assignment, pid)
            comment.manual_comment = _comment(part, marks, languages.get(pid, "en"))
            result.graded += 1
        gradebook.db.commit()
    return result
