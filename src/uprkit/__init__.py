"""uprkit: a Jupyter training kit on the UN Universal Periodic Review and the treaty bodies.

The package is a small domain library (data, recommendation analyser, simulations) with thin
front ends: ipywidgets for the course notebooks and a click CLI (``uprkit``) for trainers.
Importing it has no side effects.
"""

__version__ = "0.1.0"

from uprkit.errors import UprkitError

__all__ = ["UprkitError", "__version__"]
