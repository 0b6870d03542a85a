"""The comments of a notebook's code cells, which participants read as instructions.

"# Write your answer between the quotes" is prose: a localised lesson or assignment translates it
like a markdown paragraph (one catalog message per comment), and leaves the code itself, nbgrader's
markers (``### BEGIN SOLUTION``) and tool directives (``# noqa``) exactly as they are. Comments
are found with Python's tokenizer, so a ``#`` inside a string is never taken for one.

>>> source = 'x = "#1"  # Just run this cell.\\n### BEGIN SOLUTION\\ny = 2 # noqa: F841'
>>> comment_messages(source)
['Just run this cell.']
>>> translate_comments(source, {"Just run this cell.": "Exécutez cette cellule."})[0]
'x = "#1"  # Exécutez cette cellule.\\n### BEGIN SOLUTION\\ny = 2 # noqa: F841'
>>> comment_messages("# Run this cell: it loads\\n# the tools.\\nx = 1")
['Run this cell: it loads the tools.']
>>> translate_comments("# Run this cell: it loads\\n# the tools.\\nx = 1", {
...     "Run this cell: it loads the tools.": "Exécutez cette cellule."})[0]
'# Exécutez cette cellule.\\nx = 1'
"""

from __future__ import annotations

import io
import re
import textwrap
import tokenize

_KEPT = re.compile(
    r"^(BEGIN|END) (SOLUTION|HIDDEN TESTS)\b|^(noqa|type:|fmt:|pragma|ruff:)|^!|^%", re.I
)
_PROSE = re.compile(r"[^\W\d_]{2,}.*\s.*[^\W\d_]{2,}", re.S)  # two words or more


def _comments(source: str) -> list[tuple[int, int, int, str]]:
    """(first line, last line, column of the "#", text) of each prose comment.

    Consecutive whole-line comments at the same column are one comment (one sentence may run
    over several lines).
    """
    found: list[tuple[int, int, int, str]] = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []  # not Python (a cell magic, a shell line): left alone
    lines = source.split("\n")
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        (row, column), text = token.start, token.string.lstrip("#").strip()
        if not text or _KEPT.search(text):
            continue
        whole_line = not lines[row - 1][:column].strip()
        if found and whole_line and found[-1][1] == row - 2 and found[-1][2] == column:
            first, _, _, before = found[-1]
            if not lines[first][:column].strip():
                found[-1] = (first, row - 1, column, f"{before} {text}")
                continue
        found.append((row - 1, row - 1, column, text))
    return [c for c in found if _PROSE.search(c[3])]


def code_without_comments(source: str) -> str:
    """The code of a cell with its comments left out: what must be the same in every language.

    >>> with_comments = code_without_comments("x = 1  # one\\n# two\\ny = '#'")
    >>> with_comments == code_without_comments("x = 1\\ny = '#'")
    True
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source
    kept = [(t.type, t.string) for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]
    return tokenize.untokenize(kept)


def comment_messages(source: str) -> list[str]:
    """The prose comments of a code cell, in order: the messages a catalog holds for it."""
    return [text for *_, text in _comments(source)]


def translate_comments(source: str, table: dict[str, str]) -> tuple[str, int, list[str]]:
    """``source`` with each comment found in ``table`` translated; (source, done, missing)."""
    lines = source.split("\n")
    done, missing = 0, []
    for first, last, column, text in reversed(_comments(source)):
        if text not in table:
            missing.insert(0, text)
            continue
        indent, hashes = lines[first][:column], re.match(r"#+\s*", lines[first][column:]).group(0)
        width = max(40, 92 - column - len(hashes))
        wrapped = textwrap.wrap(" ".join(table[text].split()), width) or [""]
        if first == last and indent.strip():  # after code on the same line: one line
            wrapped = [" ".join(wrapped)]
        lines[first : last + 1] = [indent + hashes + wrapped[0]] + [
            " " * column + hashes + more for more in wrapped[1:]
        ]
        done += 1
    return "\n".join(lines), done, missing


_FENCED_COMMENT = re.compile(r"(^|\s)(#+\s+)(.*\S)")


def _fenced_comments(paragraph: str) -> list[tuple[int, int, str]]:
    """(line, column of the text, text) of the prose comments in a fenced code block."""
    lines = paragraph.split("\n")
    if len(lines) < 2 or not re.match(r"^\s*(```|~~~)", lines[0]):
        return []
    found = []
    for number, line in enumerate(lines[1:-1], start=1):
        match = _FENCED_COMMENT.search(line)
        if match and not _KEPT.search(match.group(3)) and _PROSE.search(match.group(3)):
            found.append((number, match.start(3), match.group(3)))
    return found


def fenced_comment_messages(paragraph: str) -> list[str]:
    """The comments of a fenced code block in markdown ("# on Windows: ..."), in order.

    >>> fenced_comment_messages("```sh\\nmake demo   # runs the whole demo\\n```")
    ['runs the whole demo']
    """
    return [text for *_, text in _fenced_comments(paragraph)]


def translate_fenced_comments(paragraph: str, table: dict[str, str]) -> tuple[str, int, list[str]]:
    """A fenced block with its comments found in ``table`` translated; (block, done, missing)."""
    lines = paragraph.split("\n")
    done, missing = 0, []
    for number, column, text in _fenced_comments(paragraph):
        if text in table:
            lines[number] = lines[number][:column] + " ".join(table[text].split())
            done += 1
        else:
            missing.append(text)
    return "\n".join(lines), done, missing
