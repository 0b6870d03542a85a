"""Importers of a trainer's real exports into the kit's schema, reporting what was not understood.

One function per source, each returning an :class:`ImportResult` (``data``, ``problems``,
``encodings``): UPR Info's database export, the SDG-Human Rights Data Explorer, and treaty
ratification tables (World Politics Datalab, UN Treaty Collection, OHCHR dashboard). Files
are read by :mod:`uprkit.data.tabular`, which tells a CSV's encoding from its bytes.
"""

from uprkit.data.importers.common import PROBLEM_COLUMNS, ImportResult
from uprkit.data.importers.ratifications import RATIFICATION_COLUMNS, import_ratifications
from uprkit.data.importers.sdg_explorer import import_sdg_explorer
from uprkit.data.importers.upr_info import import_upr_info

__all__ = [
    "PROBLEM_COLUMNS",
    "RATIFICATION_COLUMNS",
    "ImportResult",
    "import_ratifications",
    "import_sdg_explorer",
    "import_upr_info",
]
