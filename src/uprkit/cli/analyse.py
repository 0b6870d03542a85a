"""``uprkit analyse``: run the recommendation analyser over a CSV of recommendations."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from uprkit.cli._groups import friendly_errors, main
from uprkit.errors import DataError, InputFileError
from uprkit.recommendations import CATEGORY_LABELS, assess_column


def _read_table(path: Path, encoding: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise InputFileError(
            path,
            f"cannot be read as {encoding} text (byte {exc.start}); save it as UTF-8, or pass "
            "--encoding (old UPR Info exports are --encoding mac_roman)",
        ) from exc
    except LookupError as exc:
        raise InputFileError(
            path, f"unknown encoding {encoding!r}; try utf-8, utf-8-sig, cp1252 or mac_roman"
        ) from exc
    except pd.errors.ParserError as exc:
        raise InputFileError(path, f"is not a readable CSV table ({exc})") from exc
    except pd.errors.EmptyDataError as exc:
        raise InputFileError(path, "is empty: expected a CSV table with a header row") from exc


@main.command("analyse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Column that holds the recommendation texts.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="CSV to write."
)
@click.option(
    "--prefix",
    default="",
    show_default=True,
    help="Put before the new column names (e.g. analyser_) when FILE already has such columns.",
)
@click.option("--encoding", default="utf-8-sig", show_default=True, help="Text encoding of FILE.")
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@friendly_errors
def analyse(
    file: Path, text_column: str, out: Path, prefix: str, encoding: str, force: bool
) -> None:
    """Add each recommendation's action category (1-5), an explanation and SMART columns.

    FILE is a CSV with one recommendation per row. The new columns are action_category,
    explanation, one true/false column per SMART element and found_issues.
    """
    if out.exists() and not force:
        raise InputFileError(out, "already exists; choose another --out or pass --force")
    data = _read_table(file, encoding)
    try:
        result = assess_column(data, text_column, prefix=prefix)
    except DataError as exc:
        raise InputFileError(file, str(exc)) from exc
    result.to_csv(out, index=False)
    counts = result[prefix + "action_category"].value_counts(dropna=False)
    click.echo(f"{len(result)} recommendations analysed → {out}")
    for category, label in CATEGORY_LABELS.items():
        click.echo(f"  category {category} ({label}): {int(counts.get(category, 0))}")
    unknown = int(result[prefix + "action_category"].isna().sum())
    if unknown:
        click.echo(f"  not classified (see the explanation column): {unknown}")
