"""Right-to-left HTML pages that keep citation keys, document symbols, dates and numbers readable.

In an Arabic paragraph the browser lays out each run of Latin letters, digits and punctuation by
the Unicode bidirectional algorithm, and the neutral characters between them (brackets, hyphens,
slashes, spaces) take the paragraph's direction: a citation key such as ``[OHCHR-MEMB]`` could
read ``[-OHCHR MEMB]``, a document symbol or a date could come out in pieces. Wrapping each in
``<bdi>`` (HTML's bidirectional isolate) lays it out on its own, left to right, as one word of
the Arabic sentence. The kit's Arabic pages (feedback, reports, handouts) pass through
:func:`isolate_in_html`; text inside ``<pre>``, ``<code>``, ``<style>``, ``<script>``,
``<title>`` and ``<bdi>``, and inside tags, is left alone. (Markdown and plain text, which
have no ``<bdi>``, are isolated with Unicode's LRI…PDI by :func:`uprkit.i18n.bidi.isolate_ltr`:
the localised Arabic notebooks already are, and an isolated piece inside ``<bdi>`` reads the
same.)

>>> isolate_in_html("<p>انظر [OHCHR-MEMB] و A/HRC/WG.6/40/L.1</p>")
'<p>انظر <bdi>[OHCHR-MEMB]</bdi> و <bdi>A/HRC/WG.6/40/L.1</bdi></p>'
>>> isolate_in_html("<p>في 2026-11-23: 45.5 %</p>")
'<p>في <bdi>2026-11-23</bdi>: <bdi>45.5 %</bdi></p>'
>>> isolate_in_html('<pre>x = [1, 2]</pre><a href="#q-1">[UPRI-S17]</a>')
'<pre>x = [1, 2]</pre><a href="#q-1"><bdi>[UPRI-S17]</bdi></a>'
"""

from __future__ import annotations

import re

__all__ = ["isolate_in_html"]

_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_SKIPPED = frozenset({"pre", "code", "style", "script", "title", "bdi", "textarea", "svg", "math"})
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_LEFT_TO_RIGHT = re.compile(
    r"\[[A-Z][A-Za-z0-9]*(?:[-–.][A-Za-z0-9]+)*(?:[;,]\s*[A-Z][A-Za-z0-9]*(?:[-–.][A-Za-z0-9]+)*)*\]"
    r"|\b[A-Z]{1,6}(?:/[A-Za-z0-9.()-]+)+"  # document symbols: A/HRC/WG.6/40/L.1, CRC/C/KEN/CO/3-5
    r"|\b\d{4}-\d{2}-\d{2}\b"  # ISO dates
    r"|(?<![\w.#&])[-+−]?\d+(?:[.,:/]\d+)*(?:\s?%)?"  # numbers, 3.5, 12:30, 45 %
)


def isolate_in_html(html: str) -> str:
    """``html`` with each citation key, document symbol, ISO date and number in ``<bdi>``."""
    out, skipping = [], []
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            out.append(piece)
            match = _TAG_NAME.match(piece)
            if match and match.group(2).lower() in _SKIPPED and not piece.endswith("/>"):
                name = match.group(2).lower()
                if match.group(1):
                    if name in skipping:
                        skipping.remove(name)
                else:
                    skipping.append(name)
            continue
        out.append(piece if skipping else _LEFT_TO_RIGHT.sub(r"<bdi>\g<0></bdi>", piece))
    return "".join(out)
