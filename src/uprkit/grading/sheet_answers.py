"""The participant's answer on the rubric sheet, so a trainer grades 20 answers in one sheet.

Each answer is read from the notebook the participant handed in (``course/submitted/``), as
hostile input: a regular file only (never through a link), at most 100 MB, parsed as JSON and
never run. The answer cell's text is made plain (markdown marks and HTML tags dropped; prose
written in Python strings, ``recommendation_1 = ("…")``, shown as its words; answer stubs
dropped), control characters removed (a spreadsheet refuses them), truncated at
:data:`MAX_ANSWER_CHARS` with "…", and kept from being read as a formula by a spreadsheet
(a leading ``=``, ``+``, ``-``, ``@`` gets a ``'``, OWASP's advice for CSV injection).
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

from uprkit.workshop.folder import Workshop
from uprkit.workshop.intake import read_regular_file

__all__ = [
    "MAX_ANSWER_CHARS",
    "AnswerReader",
    "plain_answer",
    "read_xlsx_sheet",
    "safe_cell_text",
    "write_xlsx_sheet",
]

MAX_ANSWER_CHARS = 1500
_STUB_LINES = re.compile(
    r"^\s*(#\s*YOUR (CODE|ANSWER) HERE.*|\.\.\.|raise NotImplementedError\(\)|"
    r"YOUR ANSWER HERE.*|%%\w+.*)\s*$",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MARKDOWN = (
    (re.compile(r"<[^>\n]{0,200}>"), ""),  # HTML tags
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # links: their text
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE), ""),  # headings
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),  # quotes
    (re.compile(r"(\*\*|__|~~|`+)"), ""),  # bold, strike-through, code marks
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *italic*
    (re.compile(r"^\s*([-*_])\s*(\1\s*){2,}$", re.MULTILINE), ""),  # horizontal rules
)


def _prose_of_code(source: str) -> str | None:
    """The words of a cell made of ``name = "text"`` lines (prose in Python strings), else
    None. Parsed with ``ast`` (nothing runs); a cell that is not only that stays code."""
    if len(source) > 100_000:
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            return None
        target, value = node.targets[0], node.value
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return None
        name = target.id if isinstance(target, ast.Name) else "answer"
        lines.append(f"{name}: {value.value}")
    return "\n".join(lines) if lines else None


def plain_answer(source: str, cell_type: str) -> str:
    """A cell's answer as plain text (not yet truncated).

    >>> plain_answer("## My answer\\n**Kenya** should [ratify](http://x) the *OP-CAT*.", "markdown")
    'My answer\\nKenya should ratify the OP-CAT.'
    >>> plain_answer('# YOUR ANSWER HERE\\nrec_1 = ("Adopt a law " "on torture")', "code")
    'rec_1: Adopt a law on torture'
    >>> plain_answer("YOUR ANSWER HERE (replace this line with your answer)", "markdown")
    ''
    """
    kept = "\n".join(line for line in source.splitlines() if not _STUB_LINES.match(line))
    if cell_type == "markdown":
        for pattern, replacement in _MARKDOWN:
            kept = pattern.sub(replacement, kept)
    else:
        kept = _prose_of_code(kept) or kept
    kept = re.sub(r"\n{3,}", "\n\n", kept)
    return kept.strip()


def safe_cell_text(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """Text a spreadsheet shows as text: no control characters, at most ``limit`` characters
    (cut at a word, with "…"), and never a formula.

    >>> safe_cell_text("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell_text("word " * 400, 20)
    'word word word word…'
    """
    text = _CONTROL.sub("", text)
    if len(text) > limit:
        cut = text[:limit]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit * 0.8 else cut).rstrip() + "…"
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


class AnswerReader:
    """Reads answers from the submitted notebooks of one assignment, each notebook once."""

    def __init__(self, ws: Workshop, assignment: str, sheet_folder: Path):
        self.ws, self.assignment, self.sheet_folder = ws, assignment, Path(sheet_folder)
        self._cells: dict[tuple[str, str], dict[str, tuple[str, str]] | str] = {}

    def notebook_link(self, pid: str, notebook: str) -> str:
        """The submitted notebook, relative to the sheet's folder (opens from the sheet)."""
        path = self.ws.submitted_dir(pid, self.assignment) / f"{notebook}.ipynb"
        return Path(os.path.relpath(path, self.sheet_folder.resolve())).as_posix()

    def answer(self, pid: str, notebook: str, grade_id: str) -> str:
        cells = self._read(pid, notebook)
        if isinstance(cells, str):
            return f"(answer not shown: {cells}; open the notebook)"
        if grade_id not in cells:
            return "(no such answer cell in the notebook handed in)"
        source, cell_type = cells[grade_id]
        return safe_cell_text(plain_answer(source, cell_type) or "(no answer written)")

    def _read(self, pid: str, notebook: str):
        key = (pid, notebook)
        if key not in self._cells:
            path = self.ws.submitted_dir(pid, self.assignment) / f"{notebook}.ipynb"
            self._cells[key] = _answer_cells(path)
        return self._cells[key]


def _answer_cells(path: Path) -> dict[str, tuple[str, str]] | str:
    data, why = read_regular_file(path)
    if data is None:
        return why
    try:
        cells = json.loads(data.decode("utf-8-sig"))["cells"]
    except (ValueError, KeyError, TypeError):
        return "the notebook is not valid JSON"
    found = {}
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict):
            continue
        meta = cell.get("metadata")
        nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
        if isinstance(grade_id, str) and grade_id not in found:
            source = cell.get("source", "")
            source = "".join(map(str, source)) if isinstance(source, list) else str(source)
            found[grade_id] = (source, str(cell.get("cell_type", "")))
    return found


_WIDTHS = {"description": 40, "comment": 30, "answer": 80, "notebook": 30}


def write_xlsx_sheet(path: Path, columns, rows: list[dict]) -> None:
    """The sheet as an Excel workbook: answers wrapped, the notebook a link, every value text
    (openpyxl would store a participant's ``=…`` as a formula otherwise)."""
    from openpyxl import Workbook  # ~0.3 s, only for an .xlsx sheet
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "grading"
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for col, name in enumerate(columns, start=1):
            cell = sheet.cell(row=number, column=col)
            cell.value = str(row.get(name, ""))
            cell.data_type = "s"
            if name in ("answer", "description"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if name == "notebook" and cell.value:
                cell.hyperlink = cell.value
                cell.style = "Hyperlink"
    for col, name in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=col).column_letter].width = _WIDTHS.get(
            name, 14
        )
    sheet.freeze_panes = "A2"
    book.save(path)


def read_xlsx_sheet(path: Path) -> tuple[list[str], list[dict]]:
    """(header, rows as dicts of text) of the first sheet of an .xlsx grading sheet."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        values = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not values:
        return [], []
    header = ["" if v is None else str(v).strip() for v in values[0]]
    rows = []
    for raw in values[1:]:
        texts = ["" if v is None else _text(v) for v in raw]
        rows.append(dict(zip(header, texts, strict=False)))
    return header, rows


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a criterion typed as 1 comes back as 1.0
    return str(value)
