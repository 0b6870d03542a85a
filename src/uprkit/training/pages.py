"""The training packs' templates, kept as files in ``uprkit/training/templates/``.

Pages a person reads (the certificate, the agenda, the READMEs, INSTALL.txt) are Jinja2
templates; HTML ones (``*.html.j2``) are autoescaped, text and Markdown ones are not (escaping
would put ``&amp;`` into a README). The install scripts are kept as they are written.
"""

from __future__ import annotations

from importlib.resources import files

from uprkit import templating

__all__ = ["render", "read_text"]


def render(name: str, **values) -> str:
    """The template ``name`` filled with ``values``."""
    return templating.render(__package__, name, **values)


def read_text(name: str) -> str:
    """A file kept as it is (an install script), with its own line endings turned into ``\\n``."""
    return files("uprkit.training").joinpath("templates", name).read_text(encoding="utf-8")
