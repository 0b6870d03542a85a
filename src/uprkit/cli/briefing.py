"""Commands of this area (filled in by its owner)."""

from uprkit.cli._groups import main  # noqa: F401
