"""Left-to-right pieces inside right-to-left text, kept in their order.

In an Arabic paragraph the Unicode bidi algorithm reorders the neutral characters around Latin
text and digits: the citation key ``[OHCHR-MEMB]`` is shown as "[-OHCHR MEMB]", a range "2–5"
as "5–2", the date "2026-03-01" with its parts swapped. Wrapping each such piece in the Unicode
isolates LRI (U+2066) … PDI (U+2069) keeps it whole and left to right, in Markdown, HTML and plain
text alike (the ``<bdi>`` element does the same in HTML, not in a Markdown source or a CSV).

>>> isolate_ltr("المصدر: [OHCHR-MEMB]، الفترة 2–5") == (
...     "المصدر: \u2066[OHCHR-MEMB]\u2069، الفترة \u20662–5\u2069")
True
>>> isolate_ltr("راجع `uprkit analyse [FILE]` و A/HRC/WG.6/40/L.1") == (
...     "راجع `uprkit analyse [FILE]` و \u2066A/HRC/WG.6/40/L.1\u2069")
True
>>> isolate_ltr("[تقرير](https://x.org/A/HRC/52/1) <a href='/A/HRC/1'>") == (
...     "[تقرير](https://x.org/A/HRC/52/1) <a href='/A/HRC/1'>")
True
>>> isolate_ltr(isolate_ltr("[UPRI-GLOSS]")) == isolate_ltr("[UPRI-GLOSS]")
True
"""

from __future__ import annotations

import re

LRI, PDI = "\u2066", "\u2069"
_LTR_PIECES = re.compile(
    r"\[[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\]"  # a citation key of the fact sheet
    r"|\b\d{4}-\d{2}-\d{2}(?:T[\d:]+)?\b"  # an ISO date (and time)
    r"|\b[A-Z]{1,6}(?:/[A-Z0-9.]+)+\b"  # a UN document symbol: A/HRC/WG.6/40/L.1, CCPR/C/GC/37
    r"|\d[\d,.:]*\s?[–—-]\s?\d[\d,.:]*"  # a range: 2–5, 1,000-2,675, 09:00–09:45
)
# Left as they are (an isolate inside would break them): code, link targets, URLs, HTML tags
_PROTECTED = re.compile(r"(`+).+?\1|\]\([^)\s]*\)|https?://[^\s)>\]]+|<[^>\n]+>", re.S)


def isolate_ltr(text: str) -> str:
    """``text`` with its citation keys, ISO dates, document symbols and number ranges isolated.

    Code spans, link targets, URLs and HTML tags are left as they are, and a piece already
    isolated is not wrapped twice.
    """
    out, last = [], 0
    for code in _PROTECTED.finditer(text):
        out.append(_isolate(text[last : code.start()]))
        out.append(code.group(0))
        last = code.end()
    out.append(_isolate(text[last:]))
    return "".join(out)


def _isolate(text: str) -> str:
    def wrap(match: re.Match) -> str:
        start, end = match.span()
        if text[max(start - 1, 0) : start] == LRI and text[end : end + 1] == PDI:
            return match.group(0)
        return f"{LRI}{match.group(0)}{PDI}"

    return _LTR_PIECES.sub(wrap, text)
