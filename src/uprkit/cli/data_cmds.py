"""``uprkit data ...``: bring real exports into the kit's schema (one command, one importer)."""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import data, friendly_errors, refuse_overwrite

IMPORTERS = {
    "upr-info": "import_upr_info",
    "sdg-explorer": "import_sdg_explorer",
    "ratification": "import_ratifications",
}  # names in uprkit.data.importers


@data.command("import")
@click.argument("kind", type=click.Choice(sorted(IMPORTERS)))
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the imported rows to this CSV (UTF-8); problems go beside it as *.problems.csv.",
)
@click.option(
    "--encoding",
    default=None,
    help="Read CSV files in this encoding: mac-roman, cp1252, latin-1 or utf-8. Default: "
    "UTF-8 when valid, else told from the bytes (the report says which was used).",
)
@click.option("--force", is_flag=True, help="Replace --out (and its problems file) if they exist.")
@friendly_errors
def import_command(
    kind: str, file: Path, out: Path | None, encoding: str | None, force: bool
) -> None:
    """Import FILE (or a folder of files) of KIND and report the rows that were not understood.

    KIND is upr-info (UPR Info database CSV export), sdg-explorer (SDG-Human Rights Data
    Explorer .xlsx) or ratification (World Politics Datalab CSVs, UN Treaty Collection table,
    OHCHR dashboard .xls). The report says how each file's text was decoded.
    """
    # Imported here, not at the top: the importers need pandas, which `uprkit --help` (it loads
    # every command module) does not: importing them costs 0.55 s CPU (see cli/analyse.py).
    from uprkit.data import importers

    if encoding is not None and kind == "sdg-explorer":
        raise click.UsageError(
            "--encoding applies to CSV files; sdg-explorer reads .xlsx workbooks, which carry "
            "their own encoding. Leave out --encoding."
        )
    if out is not None:
        refuse_overwrite(out, force)  # before the import: say it at once, not after a long read
    options = {} if encoding is None else {"encoding": encoding}
    result = getattr(importers, IMPORTERS[kind])(file, **options)
    click.echo(result.summary())
    if out is None:
        return
    problems_path = out.with_name(out.stem + ".problems.csv")
    if len(result.problems):
        refuse_overwrite(problems_path, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    result.data.to_csv(out, index=False, encoding="utf-8")
    click.echo(f"wrote {len(result.data)} rows to {out}")
    if len(result.problems):
        result.problems.to_csv(problems_path, index=False, encoding="utf-8")
        click.echo(f"wrote {len(result.problems)} problems to {problems_path}")
