"""Importers of a trainer's real exports (UPR Info, SDG–Human Rights Data Explorer, ratification tables)."""
