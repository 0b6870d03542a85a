"""Read the fact sheet's status of a fact, and the status a lesson gives it (for test_facts_agree).

The fact sheet (``../shared/domain/facts.md``) flags facts CONFIRMED, DERIVED or UNCONFIRMED, and
says "if no flag is written, the row is CONFIRMED by the source(s) in its row". A flag belongs to
the *clause* it is written in: a table cell, a bullet or a paragraph is cut at ``;`` and at sentence
ends, never inside brackets, so "X (≈1 min 29 s, DERIVED); Y (CONFIRMED)" gives X DERIVED and Y
CONFIRMED. A clause with no flag takes the flags of its table row's Status and Source cells, then
the section's (the "UNCONFIRMED list" makes everything in it UNCONFIRMED), then CONFIRMED.

The kit points at the fact sheet with anchors: short verbatim snippets (``**`` bold markers and
line breaks ignored). A fact's status on the fact sheet is the weakest over all its anchors and
all their occurrences, so a second anchor can bring in the UNCONFIRMED list or a correction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRENGTH = {"UNCONFIRMED": 0, "DERIVED": 1, "CONFIRMED": 2}
FLAG = re.compile(r"\b(UNCONFIRMED|DERIVED|CONFIRMED)\b")
ANCHOR_SEPARATOR = " || "


def normalise(text: str) -> str:
    """Bold markers out, whitespace collapsed: how anchors and fact-sheet text are compared."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def weakest(flags) -> str | None:
    flags = list(flags)
    return min(flags, key=STRENGTH.__getitem__) if flags else None


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: cut at ";" and at ". X" (X a capital), outside brackets."""
    spans, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (
            char == ";" or (char == "." and re.match(r"\.\s+[A-Z*]", text[i : i + 3]))
        ):
            spans.append((start, i + 1))
            start = i + 1
    spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Block:
    """A table cell (with its row's fallback flags), a bullet or a paragraph of the fact sheet."""

    text: str
    fallback: str | None  # flags of the row's Status/Source cells, else the section's
    row: str  # the whole table row or block: where a fact's value must be written


def blocks(markdown: str) -> list[Block]:
    """Cut the fact sheet into blocks; bullets and numbered items keep their continuation lines."""
    out: list[Block] = []
    section_flag: str | None = None
    header: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section_flag = "UNCONFIRMED" if "UNCONFIRMED" in line else None
            header = []
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if set("".join(cells)) <= set("-: "):
                pass  # the |---| line under a header
            elif not header:
                header = [c.lower() for c in cells]
            else:
                # rows may have fewer cells than the header (a ragged table): zip stops early
                columns = zip(header, cells, strict=False)
                marked = [cell for name, cell in columns if name in ("status", "source")]
                fallback = weakest(FLAG.findall(" ".join(marked))) or section_flag
                row = normalise(line)
                out += [Block(normalise(cell), fallback, row) for cell in cells]
        elif line.startswith(">"):  # a quoted note: its lines are one block
            text = [line.lstrip("> ")]
            while i + 1 < len(lines) and lines[i + 1].startswith(">"):
                i += 1
                text.append(lines[i].lstrip("> "))
            joined = normalise(" ".join(text))
            out.append(Block(joined, section_flag, joined))
        elif line.strip():
            text = [line]
            while i + 1 < len(lines) and lines[i + 1].strip() and _continues(lines[i + 1]):
                i += 1
                text.append(lines[i])
            joined = normalise(" ".join(text))
            out.append(Block(joined, section_flag, joined))
        else:
            header = []
        i += 1
    return out


def _continues(line: str) -> bool:
    """A wrapped line of the same bullet or paragraph (not a new bullet, row or heading)."""
    return not re.match(r"\s{0,1}([*\-]\s|\d+\.\s|#|\||>)", line)


def status_of(anchor: str, sheet: list[Block]) -> tuple[str | None, list[str]]:
    """The fact sheet's status of ``anchor`` (weakest over occurrences) and the rows it is in.

    ``None`` when the anchor is not in the fact sheet.
    """
    anchor = normalise(anchor)
    found: list[str] = []
    rows: list[str] = []
    for block in sheet:
        start = block.text.find(anchor)
        while start >= 0:
            end = start + len(anchor)
            flags = []
            for left, right in clauses(block.text):
                if left < end and right > start:
                    flags += FLAG.findall(block.text[left:right])
            found.append(weakest(flags) or block.fallback or "CONFIRMED")
            rows.append(block.row)
            start = block.text.find(anchor, start + 1)
    return weakest(found), rows


def lesson_clauses(markdown: str) -> list[tuple[str, str]]:
    """(clause, paragraph) pairs of a lesson's markdown: a table row is one clause (its status
    column is the flag of the numbers in it); prose is cut like the fact sheet."""
    out = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", markdown):
        if paragraph.lstrip().startswith("|"):
            for row in paragraph.strip().splitlines():
                out.append((normalise(row), normalise(row)))
            continue
        text = normalise(paragraph)
        out += [(text[left:right], text) for left, right in clauses(text)]
    return out
