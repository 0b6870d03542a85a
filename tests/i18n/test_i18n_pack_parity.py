"""A French, Spanish or Arabic workshop pack holds no English a participant or trainer reads.

The pack is made the way a trainer makes it (`uprkit workshop new --language`), then every file
a person reads is searched for English (uprkit.i18n.parity): the lessons' and assignments'
markdown, code comments, quiz questions and printed texts, the README, agenda, facilitator
guide, glossary, set-up notes, country folder, certificate, and the data's README and cards.
What is data, not prose, is left out: CSV and JSON files (column names are a data contract; the
kit's illustrative recommendations are written in English like the UN's own), ``grading/``
(nbgrader's configuration and rubrics for the trainer: their criteria reach participants
translated, through ``uprkit.i18n.documents.rubric_text``) and ``lab-profile/`` (JupyterLab
settings).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from uprkit.i18n.code_comments import comment_messages
from uprkit.i18n.code_strings import display_messages
from uprkit.i18n.parity import english_sentences

NOT_PROSE = ("grading/", "lab-profile/")
READ_AS_TEXT = (".md", ".txt", ".html")
UPRKIT = str(Path(sys.executable).with_name("uprkit"))  # the command a trainer types


def _texts(path: Path):
    """(where, text) of what a person reads in one file of the pack."""
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(notebook["cells"]):
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                    continue  # the participant's own answer
                # an inline code span is read too ("`CODE=date of entry into force`")
                yield f"cell {index}", re.sub(r"`([^`\n]+)`", r"\1", source)
            elif cell["cell_type"] == "code":
                for comment in comment_messages(source):
                    yield f"cell {index} (comment)", comment
                for text in display_messages(source):  # its quiz and what it prints
                    yield f"cell {index} (shown)", text
    elif path.suffix in READ_AS_TEXT:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S | re.I)
        yield "text", html.unescape(re.sub(r"<[^>]+>", "\n", text))


def english_in_pack(pack: Path) -> list[str]:
    found = []
    for path in sorted(pack.rglob("*")):
        relative = path.relative_to(pack).as_posix()
        if not path.is_file() or relative.startswith(NOT_PROSE):
            continue
        for where, text in _texts(path):
            found += [f"{relative} {where}: {s[:100]}" for s in english_sentences(text)]
    return found


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    made = {}
    for language in ("fr", "es", "ar"):
        folder = tmp_path_factory.mktemp("packs") / f"pack-{language}"
        subprocess.run(
            [UPRKIT, "workshop", "new", str(folder), "--country", "KEN",
             "--language", language, "--days", "10"],
            check=True, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        made[language] = folder
    return made


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_a_workshop_pack_reads_in_its_language(packs, language):
    found = english_in_pack(packs[language])
    assert found == [], f"{len(found)} English sentences in the {language} pack:\n" + "\n".join(
        found[:25]
    )


def test_the_check_finds_english_in_an_english_pack(tmp_path):
    """The control: the same check on the English pack finds English everywhere it looks."""
    folder = tmp_path / "pack-en"
    subprocess.run(
        [UPRKIT, "workshop", "new", str(folder), "--country", "KEN",
         "--days", "3"],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    found = english_in_pack(folder)
    kinds = {line.split(" ")[0].split("/")[0] for line in found}
    assert {"README.md", "course", "exercises", "solutions"} <= kinds, kinds
    assert any("(comment)" in line for line in found)
    assert any("(shown)" in line for line in found)
