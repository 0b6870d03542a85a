"""How often the analyser's action category agrees with UPR Info's human coding, and how fast it is.

Reads the real UPR Info export (sessions 1-20) in ../shared/data/real through
``uprkit.data.importers.upr_info.import_upr_info``. The word lists were written while looking at the first
three files only ("development" files); the last two ("check" files) measure how well the rules
carry over to sessions they were not written on.

Baseline, measured in the same run: a majority rule learned from the first three words of each
text (backing off to two words, one word, then the most common category), learned on the
development files and scored on the check files; also learned and scored on all rows (in-sample,
so flattering to the baseline).

Run:  .venv/bin/python benchmarks/analyser_agreement.py [PATH_TO_upr_info_sessions_1-20]
The last line is ``agreement 0.NNN on N rows`` (all five files).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from uprkit.data.importers.upr_info import import_upr_info
from uprkit.recommendations import assess, assess_column, classify_actions

KIT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = (
    Path(os.environ.get("UPRKIT_SHARED", KIT_ROOT.parent / "shared"))
    / "data/real/upr_info_sessions_1-20"
)
DEVELOPMENT_FILES = ("1-5.csv", "6-9.csv", "10-13.csv")
CHECK_FILES = ("14-17.csv", "17-20.csv")
_WORD = re.compile(r"[a-z]+")


def load(folder: Path) -> pd.DataFrame:
    frames = []
    for name in DEVELOPMENT_FILES + CHECK_FILES:
        data = import_upr_info(folder / name).data
        frames.append(
            data.assign(file=name, part="development" if name in DEVELOPMENT_FILES else "check")
        )
    data = pd.concat(frames, ignore_index=True)
    return data[data["action_category"].notna()].reset_index(drop=True)


def _prefixes(text: str) -> tuple[str, ...]:
    words = _WORD.findall(text.lower())[:3]
    return tuple(" ".join(words[:k]) for k in (3, 2, 1))


def learn_first_words_rule(texts, labels) -> tuple[list[dict[str, int]], int]:
    """Majority category per first-3, first-2 and first word; and the overall majority."""
    counts = [defaultdict(Counter) for _ in range(3)]
    for text, label in zip(texts, labels, strict=True):
        for level, prefix in enumerate(_prefixes(text)):
            counts[level][prefix][label] += 1
    tables = [{p: c.most_common(1)[0][0] for p, c in level.items()} for level in counts]
    return tables, Counter(labels).most_common(1)[0][0]


def apply_first_words_rule(rule, texts) -> list[int]:
    tables, overall = rule
    predictions = []
    for text in texts:
        for level, prefix in enumerate(_prefixes(text)):
            if prefix in tables[level]:
                predictions.append(tables[level][prefix])
                break
        else:
            predictions.append(overall)
    return predictions


def agreement(predicted, truth) -> float:
    """Share of rows where the category is the same (a missing prediction counts as wrong)."""
    predicted = pd.Series(list(predicted), dtype="Int64")
    truth = pd.Series(list(truth), dtype="Int64")
    return float((predicted == truth).fillna(False).mean())


def main(folder: Path) -> None:
    data = load(folder)
    development = (data["part"] == "development").to_numpy()
    check = ~development
    print(
        f"UPR Info export: {len(data)} rows with a human action category "
        f"({development.sum()} development rows: {', '.join(DEVELOPMENT_FILES)}; "
        f"{check.sum()} check rows: {', '.join(CHECK_FILES)})"
    )

    # --- speed ------------------------------------------------------------------------------
    try:
        load_average = os.getloadavg()[0]
    except OSError:
        load_average = float("nan")
    texts = data["text"]
    assess_column(data.head(50), "text", prefix="analyser_")  # warm the lazy word indexes
    wall, cpu = time.perf_counter(), time.process_time()
    classified = classify_actions(texts)
    classify_wall, classify_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    assessed = assess_column(data, "text", prefix="analyser_")
    both_wall, both_cpu = time.perf_counter() - wall, time.process_time() - cpu
    sample = texts.sample(500, random_state=0).tolist()
    one = []
    for text in sample:
        start = time.perf_counter()
        assess(text)
        one.append(time.perf_counter() - start)
    predicted = classified["action_category"]
    assert predicted.equals(assessed["analyser_action_category"].rename("action_category"))

    # --- agreement ----------------------------------------------------------------------------
    labels = data["action_category"].astype(int)
    dev_rule = learn_first_words_rule(texts[development], labels[development])
    baseline_check = agreement(apply_first_words_rule(dev_rule, texts[check]), labels[check])
    all_rule = learn_first_words_rule(texts, labels)
    baseline_all = agreement(apply_first_words_rule(all_rule, texts), labels)
    analyser_dev = agreement(predicted[development], labels[development])
    analyser_check = agreement(predicted[check], labels[check])
    analyser_all = agreement(predicted, labels)

    print("\nexact agreement with UPR Info's action_category")
    rows_shown = [
        ("analyser (uprkit.recommendations)", analyser_dev, analyser_check, analyser_all),
        ("baseline: first-3-words majority, learned on dev", None, baseline_check, None),
        ("baseline: same rule learned on all (in-sample)", None, None, baseline_all),
    ]
    print(f"  {'':50} {'development':>11} {'check':>7} {'all':>7}")
    for name, *figures in rows_shown:
        cells = [f"{f:.3f}" if f is not None else "-" for f in figures]
        print(f"  {name:50} {cells[0]:>11} {cells[1]:>7} {cells[2]:>7}")
    print(f"  analyser minus baseline on the check files: {analyser_check - baseline_check:+.3f}")
    print(f"  not classified (category None): {int(predicted.isna().sum())} rows")
    per_file = []
    for name in DEVELOPMENT_FILES + CHECK_FILES:
        in_file = (data["file"] == name).to_numpy()
        per_file.append(f"{name} {agreement(predicted[in_file], labels[in_file]):.3f}")
    print("  per file: " + ", ".join(per_file))

    print("\nconfusion matrix, all rows (rows: UPR Info, columns: analyser; 0 = not classified)")
    confusion = pd.crosstab(
        labels.rename("human"), predicted.fillna(0).astype(int).rename("analyser")
    )
    print(confusion.to_string())

    rows = len(data)
    print(
        f"\nspeed (load average {load_average:.1f} on {os.cpu_count()} cores; CPU time is this "
        "process only)"
    )
    print(
        f"  classify_actions, {rows} rows: {classify_wall:.2f} s wall, {classify_cpu:.2f} s CPU "
        f"({rows / classify_wall:,.0f} rows/s)"
    )
    print(
        f"  assess_column (classify + SMART + issues), {rows} rows: {both_wall:.2f} s wall, "
        f"{both_cpu:.2f} s CPU ({rows / both_wall:,.0f} rows/s)"
    )
    print(
        f"  one assess(): median {statistics.median(one) * 1000:.3f} ms, "
        f"max {max(one) * 1000:.3f} ms over {len(one)} texts"
    )
    print(f"agreement {analyser_all:.3f} on {rows} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER)
