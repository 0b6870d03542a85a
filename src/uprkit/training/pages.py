"""The training packs' templates, kept as files in ``uprkit/training/templates/``.

Pages a person reads (the certificate, the agenda, the READMEs, INSTALL.txt) are Jinja2
templates; HTML ones (``*.html.j2``) are autoescaped, text and Markdown ones are not (escaping
would put ``&amp;`` into a README). The install scripts are kept as they are written.
"""

from __future__ import annotations

import functools
from importlib.resources import files

import jinja2

__all__ = ["render", "read_text"]


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("uprkit.training", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **values) -> str:
    """The template ``name`` filled with ``values``."""
    return _environment().get_template(name).render(**values)


def read_text(name: str) -> str:
    """A file kept as it is (an install script), with its own line endings turned into ``\\n``."""
    return files("uprkit.training").joinpath("templates", name).read_text(encoding="utf-8")
