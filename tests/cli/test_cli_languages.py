"""The CLI offers exactly the kit's languages (it keeps its own list to start fast)."""

from __future__ import annotations

from uprkit.cli._groups import LANGUAGE_CHOICE
from uprkit.i18n.messages import LANGUAGES


def test_the_cli_language_choice_is_the_kits_list():
    assert tuple(LANGUAGE_CHOICE.choices) == LANGUAGES
