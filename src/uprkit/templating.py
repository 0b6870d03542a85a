r"""Pages and text a person reads come from Jinja2 templates kept beside the code that fills them.

One environment per package, for the files in ``<package>/templates/``: HTML templates
(``*.html.j2``) are autoescaped, so a participant's words, a State's name or a file name always
show as text, never as markup; text and Markdown templates are not (escaping would put ``&amp;``
into a README). A value a template does not get is an error, never an empty string.

>>> render("uprkit.widgets", "list.html.j2", items=["<b>bold</b>", "A & B"], ordered=False)
'<ul><li>&lt;b&gt;bold&lt;/b&gt;</li><li>A &amp; B</li></ul>\n'
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

__all__ = ["Markup", "environment", "offline_html_exporter", "render"]


@functools.cache
def environment(package: str) -> jinja2.Environment:
    """The templates of ``package`` (a dotted name such as ``"uprkit.reports"``)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(package: str, template: str, **values) -> str:
    """``<package>/templates/<template>`` filled with ``values``."""
    return environment(package).get_template(template).render(**values)


def offline_html_exporter(**options):
    """nbconvert's HTMLExporter ("lab" look) whose pages make no network request.

    nbconvert's own template loads require.js, MathJax and mermaid from a CDN (and the widget
    renderer from unpkg when a notebook holds widgets): a third-party request each time a trainer
    opens a page, and a broken page offline. ``templates/offline_notebook.html.j2`` leaves those
    out; ``options`` go to the exporter (``exclude_input=True``, ...). Every page the kit writes
    from a notebook (reports, handouts, briefings) comes from here; the participants' feedback
    pages (``uprkit.grading.feedback_page``) are written without nbconvert's templates at all.
    """
    # nbconvert, ~0.4 s of import: paid only by what writes HTML from a notebook.
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(Path(__file__).parent / "templates")],
        template_file="offline_notebook.html.j2",
        mathjax_url="",
        require_js_url="",
        **options,
    )
