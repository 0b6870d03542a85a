"""A follow-up tracker for civil society: from the recommendations a State received to evidence.

One row per recommendation (``matrix``), saved as a spreadsheet a coalition can share
(``files``), checked against a Frictionless schema with every fault named by row and column
(``checks``), and partners' copies merged with their disagreements kept for a person to decide
(``merge``); every save keeps the version it replaces (``versions``).
Layer: simulations (the domain); imports data, recommendations and errors only.
"""

from uprkit.simulations.followup.checks import PROBLEM_COLUMNS, check_matrix
from uprkit.simulations.followup.clusters import cluster_recommendations, find_instrument
from uprkit.simulations.followup.files import read_matrix, write_matrix
from uprkit.simulations.followup.matrix import (
    MatrixBuild,
    build_matrix,
    matrix_from_export,
    matrix_from_kit,
)
from uprkit.simulations.followup.merge import CONFLICT_COLUMNS, MergeResult, merge_matrices
from uprkit.simulations.followup.schema import (
    EDITABLE_COLUMNS,
    FIXED_COLUMNS,
    MATRIX_COLUMNS,
    Status,
    matrix_schema,
)

__all__ = [
    "CONFLICT_COLUMNS",
    "EDITABLE_COLUMNS",
    "FIXED_COLUMNS",
    "MATRIX_COLUMNS",
    "MatrixBuild",
    "MergeResult",
    "PROBLEM_COLUMNS",
    "Status",
    "build_matrix",
    "check_file",
    "check_matrix",
    "cluster_recommendations",
    "create_matrix",
    "find_instrument",
    "matrix_from_export",
    "matrix_from_kit",
    "matrix_schema",
    "merge_files",
    "merge_matrices",
    "read_matrix",
    "SaveResult",
    "changes_between",
    "last_saved_version",
    "save_matrix",
    "write_matrix",
]
from uprkit.simulations.followup.versions import (
    SaveResult,
    changes_between,
    last_saved_version,
    save_matrix,
)
from uprkit.simulations.followup.workflow import check_file, create_matrix, merge_files
