"""The analyser against UPR Info's coding of a real export (a floor; figures: benchmarks/)."""

from __future__ import annotations

import pytest

from uprkit.data.importers.upr_info import import_upr_info
from uprkit.recommendations import SMART_ELEMENTS, assess_column

pytestmark = pytest.mark.shared


def test_agreement_with_upr_info_on_a_check_file_is_at_least_090(real_data):
    # 14-17.csv was not looked at while the word lists were written (see benchmarks/)
    data = import_upr_info(real_data / "upr_info_sessions_1-20" / "14-17.csv").data
    table = assess_column(data, "text", prefix="analyser_")
    labelled = table[table["action_category"].notna()]
    agreement = (labelled["analyser_action_category"] == labelled["action_category"]).mean()
    assert len(labelled) > 9000
    # measured 0.915 on this file (benchmarks/analyser_agreement.py); the floor keeps ~0.01 margin
    assert agreement >= 0.90, f"agreement {agreement:.3f} on {len(labelled)} rows"
    assert labelled["analyser_action_category"].isna().mean() < 0.01
    for element in SMART_ELEMENTS:
        assert table["analyser_" + element].any(), element
