r"""The feedback page a participant reads: their answers, each check's message, and nothing else.

nbgrader's own feedback page is the autograded notebook as a trainer sees it: full Python
tracebacks with the grading machine's paths and the kit's source, the test cells' code, "Grade
cell: test_…" and "Student's answer", and MathJax and require.js loaded from a CDN. This page is
written from the same graded notebook (nbgrader's ``GenerateFeedback`` still finds the
submissions, the gradebook's scores and comments, and writes the files) by
:class:`FeedbackPageExporter`, and shows per question:

- the participant's answer (prose as prose, code as code), with what their cell printed;
- per check, the message written for them (the failure of ``uprkit.grading.checks``, the
  ✓/✗ line of each choice), or for an unexpected error one plain sentence, never a traceback;
- for an answer a trainer graded, the rubric's criteria met and the trainer's comment;
- in the notebook's language (or the one asked for), right to left in Arabic.

The page is one self-contained HTML file: no script, stylesheet, font or image from anywhere.

>>> plain_error("AnswerCheckFailed", "`plan` has 3 word(s); write at least 8.", check=True)
'`plan` has 3 word(s); write at least 8.'
>>> plain_error("FileNotFoundError", "No such file: '/home/trainer/x.csv'", check=False)
'Python could not run this cell (FileNotFoundError).'
>>> plain_error("CellTimeoutError", "No reply from kernel before timeout", check=True)
'This cell took too long to run and was stopped: does a loop never end?'
>>> _printed([{"output_type": "stream", "name": "stdout", "text": "in /tmp/scratch-7/x.csv\n"}])
['in …']
>>> criteria_lines("- 1/1: names an action\n- 0/2: gives a date (too vague)")
[('met', '1/1: names an action'), ('missed', '0/2: gives a date (too vague)')]
"""

from __future__ import annotations

import re

from nbconvert.exporters import Exporter
from traitlets import Dict, Unicode, default

from uprkit.grading.bidi import isolate_in_html
from uprkit.grading.checks import MESSAGES as CHECK_MESSAGES
from uprkit.grading.prose import answer_text, read_answer_cell
from uprkit.i18n.messages import LANGUAGES, N_, gettext, text_direction
from uprkit.templating import Markup, render

__all__ = [
    "FeedbackPageExporter",
    "criteria_lines",
    "page_language",
    "plain_error",
    "render_feedback_page",
    "translate_check_text",
]

HIDDEN_NOTE = N_(
    "Some tests are hidden on purpose, so their code is not shown; re-read the question and "
    "check your answer above."
)
# Notes the grader puts in place of an output (uprkit.grading.feedback), translated on the page.
QUOTED_NOTE = N_("This output quoted a hidden test, so it is not shown.")
TOO_LARGE_NOTE = N_("This output ({size} KB of HTML) is too large for this page; it is not shown.")
# The page's own words, translated when the page is written (the template gets them as labels).
LABELS = {
    "feedback": N_("Feedback"),
    "your_score": N_("Your score"),
    "late": N_("late submission: {points} points deducted"),
    "no_answer": N_("(no answer)"),
    "assessment": N_("Your trainer's assessment"),
    "not_graded": N_("not graded yet"),
    "points": N_("{score} of {points} points"),
}
# Check failures whose message was written for the participant (uprkit.grading.checks).
_MESSAGE_ERRORS = {"AssertionError", "AnswerCheckFailed"}
_UNSAFE = re.compile(r"[/\\]|site-packages|File \"|Traceback|\.py\b")
# A path of the grading machine in something a cell printed (its scratch folder, say).
_MACHINE_PATH = re.compile(
    r"(?<![\w.])(?:/(?:tmp|root|home|work|usr|opt|var|srv|etc|proc|Users|private)\b|[A-Za-z]:\\)"
    r"[^\s'\"]*"
)
_NAME = re.compile(r"name '([A-Za-z_][A-Za-z0-9_]*)' is not defined")
_CRITERION = re.compile(r"^\s*[-*]\s*([\d.]+)\s*/\s*([\d.]+)\s*:\s*(.+)$")
# Tags that could fetch something: none of them may point off the page.
_FETCHING = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(src|href|data)\s*=\s*"
    r"[\"']?\s*(?!data:|#)[a-z]*:?//[^>]*>",
    re.IGNORECASE,
)
_STYLE_URL = re.compile(r"url\(\s*[\"']?\s*(?!data:)[a-z]*:?//[^)]*\)", re.IGNORECASE)


def _pattern(message: str) -> re.Pattern:
    """A check's message as a regular expression that captures its values."""
    regex, seen = "", set()
    for part in re.split(r"(\{\{|\}\}|\{[a-z_]+\})", message):
        if part in ("{{", "}}"):
            regex += re.escape(part[0])
        elif part.startswith("{") and part.endswith("}") and len(part) > 2:
            key = part[1:-1]
            regex += f"(?P={key})" if key in seen else f"(?P<{key}>.+?)"
            seen.add(key)
        else:
            regex += re.escape(part)
    return re.compile(regex + r"\Z", re.S)


_CHECK_PATTERNS = [
    (message, _pattern(message))
    for message in sorted([*CHECK_MESSAGES.values(), QUOTED_NOTE, TOO_LARGE_NOTE], key=len)[::-1]
]
_MARKED = re.compile(r"^(\s*[✓✗] )(.+)$")


def translate_check_text(text: str, _) -> str:
    """A check's message or printed line, written in English by the participant's kernel, in
    the page's language (its values kept; the ✓/✗ label translated where the catalog has it).

    >>> from uprkit.i18n.messages import gettext
    >>> translate_check_text("`plan` has 3 word(s); write at least 8.", gettext("es"))
    '`plan` tiene 3 palabra(s); escriba al menos 8.'
    >>> translate_check_text("  ✗ time frame", gettext("fr"))
    '  ✗ délai'
    """
    marked = _MARKED.match(text)
    if marked:
        return marked.group(1) + _(marked.group(2))
    stripped = text.strip()
    for message, pattern in _CHECK_PATTERNS:
        match = pattern.match(stripped)
        if match:
            values = {
                key: "; ".join(_(part) for part in value.split("; "))
                for key, value in match.groupdict().items()
            }
            try:
                translated = _(message).format(**values)
            except (KeyError, IndexError, ValueError):  # a catalog's slip: keep the English
                return text
            return text[: len(text) - len(text.lstrip())] + translated
    return text


def _safe(text: str) -> bool:
    return bool(text) and len(text) <= 400 and not _UNSAFE.search(text)


def plain_error(ename: str, evalue: str, *, check: bool, _=lambda s: s) -> str:
    """One sentence for an error a participant sees: a check's own message, or what happened,
    never a traceback, a path or the kit's source."""
    evalue = (evalue or "").strip()
    if ename == "CellTimeoutError":  # the grader stopped it (uprkit.grading.executor)
        return _("This cell took too long to run and was stopped: does a loop never end?")
    if check and ename in _MESSAGE_ERRORS:
        return translate_check_text(evalue, _) if _safe(evalue) else _("This check did not pass.")
    name = _NAME.search(evalue) if ename == "NameError" else None
    if name:
        return _(
            "`{name}` has no value: run the cell with your answer, and keep its first line "
            "as you received it."
        ).format(name=name.group(1))
    if check:
        return _(
            "This check could not read your answer ({error}). Look at your answer above: is it "
            "written the way the question asks?"
        ).format(error=ename)
    if _safe(evalue):
        return _("Python could not run this cell ({error}: {message}).").format(
            error=ename, message=evalue
        )
    return _("Python could not run this cell ({error}).").format(error=ename)


def criteria_lines(comment: str) -> list[tuple[str, str]]:
    """The rubric lines of a trainer's comment (``- 1/2: criterion``) as (met|partly|missed|note,
    text); any other line is a note."""
    lines = []
    for line in (comment or "").splitlines():
        if not line.strip():
            continue
        match = _CRITERION.match(line)
        if not match:
            lines.append(("note", line.strip()))
            continue
        awarded, points = float(match.group(1)), float(match.group(2))
        state = "met" if awarded >= points else "partly" if awarded > 0 else "missed"
        lines.append((state, line.strip().lstrip("-* ").strip()))
    return lines


def _score(meta: dict) -> tuple[float | None, float | None]:
    score, points = meta.get("score"), meta.get("points")
    return (None if score is None else float(score)), (None if points is None else float(points))


# A prompt that opens with its number in bold ("**Question 3** (…)", "**السؤال 3**").
_NUMBERED_PROMPT = re.compile(r"^\s*\*\*([^*]{0,40}\d[^*]{0,20})\*\*")


def _question_title(source: str, fallback: str) -> str:
    r"""The question a cell asks: its heading, else the bold number it opens with.

    >>> _question_title("<div dir='rtl'>\n\n<p dir='rtl'><strong>السؤال 3</strong> (…). ما…", "x")
    'السؤال 3'
    >>> _question_title("## Question 2 — your own recommendation (4 points)", "x")
    'Question 2 — your own recommendation'
    """
    for line in source.splitlines():
        if line.lstrip().startswith("#"):
            title = line.strip().lstrip("#").strip()
            return re.sub(r"\s*\([^()]*\)\s*$", "", title) or fallback
    for line in source.splitlines():
        plain = re.sub(r"<[^>]+>", "", re.sub(r"</?(?:strong|b)>", "**", line))
        if plain.strip():  # the first line of text (a translated paragraph may be HTML)
            numbered = _NUMBERED_PROMPT.match(plain)
            return numbered.group(1).strip() if numbered else fallback
    return fallback


def _printed(outputs) -> list[str]:
    """What a cell printed to stdout, and plain-text results (no HTML: it could fetch)."""
    lines = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream" and output.get("name") == "stdout":
            lines.extend(str(output.get("text", "")).rstrip("\n").split("\n"))
        elif kind in ("display_data", "execute_result"):
            text = output.get("data", {}).get("text/plain")
            if text:
                lines.extend(str(text).rstrip("\n").split("\n"))
    return [_MACHINE_PATH.sub("…", line) for line in lines if line.strip()]


def _errors(outputs) -> list[tuple[str, str]]:
    return [
        (str(o.get("ename", "Error")), str(o.get("evalue", "")))
        for o in outputs
        if o.get("output_type") == "error"
    ]


def _answer(cell, meta, question: str, _) -> dict:
    prose = read_answer_cell(cell.source) if cell.cell_type == "code" else None
    if prose is not None:
        text, kind = ("" if not prose[1] else prose[1]), "prose"
    elif cell.cell_type == "markdown":  # nbgrader's text stub left as released: no answer
        text, kind = (answer_text(cell.source) or ""), "prose"
    else:
        text, kind = cell.source.strip(), "code"
    outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
    score, points = _score(meta)
    return {
        "kind": "answer",
        "id": meta.get("grade_id", ""),
        "label": _("Your answer"),
        "nav": f"{_('Your answer')}: {question}",
        "graded": bool(meta.get("grade")),
        "score": score,
        "points": points,
        "format": kind,
        "text": text,
        "printed": []
        if prose is not None
        else [translate_check_text(x, _) for x in _printed(outputs)],
        "errors": [plain_error(e, v, check=False, _=_) for e, v in _errors(outputs)],
        "criteria": criteria_lines(str(meta.get("comment") or "")),
    }


def _check(cell, meta, question: str, _) -> dict:
    score, points = _score(meta)
    outputs = cell.get("outputs", [])
    errors = _errors(outputs)
    messages = [("fail", plain_error(e, v, check=True, _=_)) for e, v in errors]
    if errors and cell.get("metadata", {}).get("uprkit_hidden_tests"):
        messages.append(("note", _(HIDDEN_NOTE)))
    printed = [
        translate_check_text(line, _)
        for line in _printed(o for o in outputs if o.get("output_type") == "stream")
    ]
    if not errors and not printed and score is not None and score == points:
        messages.append(("ok", _("Passed.")))
    return {
        "kind": "check",
        "id": meta.get("grade_id", ""),
        "label": _("Check for {question}").format(question=question),
        "nav": _("Check for {question}").format(question=question),
        "score": score,
        "points": points,
        "printed": printed,
        "messages": messages,
    }


def page_sections(nb, _) -> list[dict]:
    """The page, top to bottom: the kit's text, the participant's answers, the checks."""
    sections, question = [], _("this question")
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            sections.append(_answer(cell, meta, question, _))
        elif meta.get("grade") and cell.cell_type == "code":
            sections.append(_check(cell, meta, question, _))
        elif cell.cell_type == "markdown" and meta.get("locked"):
            question = _question_title(cell.source, question)
            sections.append({"kind": "text", "html": _markdown(cell.source)})
    return sections


def _markdown(source: str) -> Markup:
    """The kit's own text (locked cells, restored from the release) as HTML."""
    from nbconvert.filters import markdown2html  # mistune, imported with nbconvert

    return Markup(_FETCHING.sub("", markdown2html(source)))


def _first_heading(nb) -> str:
    """The assignment's title: the first heading of its text (the kit's, not an answer)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.get("metadata", {}).get("nbgrader", {}).get(
            "locked"
        ):
            title = _question_title(re.sub(r"<[^>]+>", "", cell.source), "")
            if title:
                return title
    return ""


def _number(value) -> str:
    return f"{round(float(value), 2):g}"


def page_language(*choices) -> str:
    """The first of ``choices`` that is one of the kit's languages, else English: for a feedback
    page, the participant's roster ``language``, then the one the trainer asked for
    (``--language``), then the notebook's own.

    >>> page_language("AR", "fr", "es"), page_language(None, "", "es"), page_language("de")
    ('ar', 'es', 'en')
    """
    for choice in choices:
        code = choice.strip().lower() if isinstance(choice, str) else ""
        if code in LANGUAGES:
            return code
    return "en"


def render_feedback_page(nb, resources: dict, language: str) -> str:
    """The whole page as one string of self-contained HTML."""
    _ = gettext(language)
    grades = dict(resources.get("nbgrader", {}))
    title = _first_heading(nb) or grades.get("notebook") or ""
    labels = {key: _(message) for key, message in LABELS.items()}

    def points(score, maximum) -> str:
        if score is None:
            return labels["not_graded"]
        return labels["points"].format(score=_number(score), points=_number(maximum or 0))

    late = float(grades.get("late_penalty") or 0)
    page = render(
        "uprkit.grading",
        "feedback.html.j2",
        language=language,
        direction=text_direction(language),
        title=title,
        total=points(grades.get("score"), grades.get("max_score")),
        late=labels["late"].format(points=_number(late)) if late > 0 else "",
        sections=page_sections(nb, _),
        points=points,
        labels=labels,
    )
    page = _STYLE_URL.sub("none", _FETCHING.sub("", page))
    return isolate_in_html(page) if text_direction(language) == "rtl" else page


class FeedbackPageExporter(Exporter):
    """nbconvert exporter for nbgrader's ``GenerateFeedback``: runs the registered
    preprocessors (nbgrader's ``GetGrades``, the kit's hidden-test stripping), then writes
    :func:`render_feedback_page`."""

    output_mimetype = "text/html"
    language = Unicode("", help="The page's language; default: the notebook's own, else en").tag(
        config=True
    )
    languages = Dict(
        help="participant_id -> language from the roster: a person's own language comes first"
    ).tag(config=True)

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb, resources = super().from_notebook_node(nb, resources, **kw)
        student = (resources or {}).get("nbgrader", {}).get("student", "")
        language = page_language(
            self.languages.get(student), self.language, nb.metadata.get("language")
        )
        return render_feedback_page(nb, resources, language), resources
