"""The texts a lesson's code shows a participant: its quiz questions and what it prints.

``Question(prompt=..., choices=(...), explanation=..., source=...)`` and the strings given to
``print(...)`` are read, not computed with: a localised lesson translates them through the
lesson's catalog, like its paragraphs. Nothing else in the code changes (a key, a status value
or an argument that code compares stays English), and ``correct=`` is an index, so the right
answer stays right. An f-string's translation must keep the same ``{expressions}``; one that
does not is not used (the English stays, and the build reports it as untranslated).

>>> source = 'print("Total:", n)\\nshow_quiz([Question(prompt="Who reviews?", '
>>> source += 'choices=("A", "Other States"), correct=1, explanation="Peers do.", '
>>> source += 'source="[UPRI-WHAT]")])'
>>> display_messages(source)
['Total:', 'Who reviews?', 'Other States', 'Peers do.']
>>> table = {'f"{n} delegations"': 'f"{n} délégations"'}
>>> print(translate_display_strings('print(f"{n} delegations")', table)[0])
print(f"{n} délégations")
"""

from __future__ import annotations

import ast
import re

QUESTION_FIELDS = ("prompt", "choices", "explanation", "source")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _is_text(value: str) -> bool:
    """A text a person reads: it has a word (not a citation key, code or a separator)."""
    stripped = re.sub(r"\[[A-Z0-9-]+\]", "", value)
    return bool(_WORD.search(stripped)) and not (stripped.isupper() and stripped.isascii())


def _shown(node: ast.AST):
    """The string constants and f-strings an expression shows, through + and if-else only."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.JoinedStr):
        yield node
    elif isinstance(node, ast.BinOp):
        yield from _shown(node.left)
        yield from _shown(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _shown(node.body)
        yield from _shown(node.orelse)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from _shown(element)


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _display_nodes(tree: ast.AST):
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = _call_name(call)
        if name == "print":
            for argument in call.args:
                yield from _shown(argument)
        elif name == "Question":
            for keyword in call.keywords:
                if keyword.arg in QUESTION_FIELDS:
                    yield from _shown(keyword.value)


def _offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def _char_offset(source_lines: list[str], starts: list[int], line: int, byte_column: int) -> int:
    text = source_lines[line - 1].encode("utf-8")[:byte_column].decode("utf-8", "replace")
    return starts[line - 1] + len(text)


def _display_strings(source: str) -> list[tuple[int, int, str, ast.AST]]:
    """(start, end, message, node) of each text shown, in source order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # a cell magic or a shell line: left alone
    lines, starts, found = source.splitlines(keepends=True), _offsets(source), []
    for node in _display_nodes(tree):
        segment = ast.get_source_segment(source, node)
        message = node.value if isinstance(node, ast.Constant) else segment
        text = node.value if isinstance(node, ast.Constant) else _literal_text(node)
        if segment is None or not _is_text(text):
            continue
        start = _char_offset(lines, starts, node.lineno, node.col_offset)
        end = _char_offset(lines, starts, node.end_lineno, node.end_col_offset)
        found.append((start, end, message, node))
    return sorted(found, key=lambda item: item[0])


def _literal_text(node: ast.JoinedStr) -> str:
    return "".join(v.value for v in node.values if isinstance(v, ast.Constant))


def _expressions(node: ast.JoinedStr) -> list[str]:
    return sorted(ast.dump(v.value) for v in node.values if isinstance(v, ast.FormattedValue))


def display_messages(source: str) -> list[str]:
    """The texts of a code cell a participant reads (quiz, prints): one catalog message each.

    A plain string's message is its text; an f-string's is its source (``f"{n} delegations"``),
    and its translation is an f-string with the same expressions.
    """
    return [message for _, _, message, _ in _display_strings(source)]


def _replacement(node: ast.AST, translation: str) -> str | None:
    if isinstance(node, ast.Constant):
        return repr(translation)
    try:
        translated = ast.parse(translation.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(translated, ast.JoinedStr) or _expressions(translated) != _expressions(node):
        return None
    return translation.strip()


def translate_display_strings(source: str, table: dict[str, str]) -> tuple[str, int, list[str]]:
    """``source`` with each shown text found in ``table`` translated; (source, done, missing)."""
    done, missing = 0, []
    for start, end, message, node in reversed(_display_strings(source)):
        new = _replacement(node, table[message]) if message in table else None
        if new is None:
            missing.insert(0, message)
            continue
        source = source[:start] + new + source[end:]
        done += 1
    return source, done, missing


def blank_display_strings(source: str) -> str:
    """``source`` with every shown text replaced by ``""``: what must be the same in every
    language (with the comments left out too, see ``code_without_comments``)."""
    for start, end, _, _ in reversed(_display_strings(source)):
        source = source[:start] + '""' + source[end:]
    return source
