"""``uprkit analyse``: run the recommendation analyser over a table (CSV or Excel)."""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import friendly_errors, main, refuse_overwrite
from uprkit.errors import DataError, InputFileError
from uprkit.recommendations import CATEGORY_LABELS


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
@click.option(
    "--encoding",
    default=None,
    help="Text encoding of a CSV FILE: mac-roman, cp1252, latin-1 or utf-8. Default: UTF-8 when "
    "valid, else told from the bytes like `uprkit data import` (the output says which was used).",
)
@click.option(
    "--sheet",
    default=None,
    help="Sheet to read when FILE is an Excel workbook with several sheets.",
)
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@friendly_errors
def analyse(
    file: Path,
    text_column: str,
    out: Path,
    prefix: str,
    encoding: str | None,
    sheet: str | None,
    force: bool,
) -> None:
    """Add each recommendation's action category (1-5), an explanation and SMART columns.

    FILE is a CSV or an Excel workbook (.xlsx; --sheet when it has several) with one
    recommendation per row. The new columns are action_category, explanation, one true/false
    column per SMART element (empty where the text could not be read) and found_issues. OUT
    is a CSV. For an SDG-Human Rights Data Explorer export the text column is Tekst; to bring
    its other columns into the kit's schema use `uprkit data import sdg-explorer`.
    """
    # Imported here, not at the top: the reader and assess_column need pandas, which `uprkit
    # --help` (it loads every command module) does not: 0.63 s CPU with them, 0.11 s without
    # (median of 9 runs of `python -c 'import click, uprkit.recommendations, uprkit.errors'`).
    from uprkit.data.tabular import is_workbook, read_table
    from uprkit.recommendations import assess_column

    refuse_overwrite(out, force)
    workbook = is_workbook(file)
    if encoding is not None and workbook:
        raise click.UsageError(
            f"{file} is an Excel workbook, which carries its own encoding; leave out --encoding"
        )
    if sheet is not None and not workbook:
        raise click.UsageError(f"{file} is a CSV file, which has no sheets; leave out --sheet")
    data, how = read_table(file, encoding=encoding, sheet=sheet)
    if "told from the bytes" in how:  # say it, so that a wrong reading can be seen and forced
        click.echo(f"{file.name} read as {how}")
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
