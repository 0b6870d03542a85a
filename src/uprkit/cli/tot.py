"""Commands for trainers of trainers: choose a cohort, pack the kit for offline use, local packs.

Each command imports its library module when it runs, so that ``uprkit --help`` does not pay for
them; the comments give the saving (``python -X importtime -c 'import uprkit.cli; import
MODULE'``, over what ``uprkit.cli`` already loads).
"""

from __future__ import annotations

from pathlib import Path

import click

from uprkit.cli._groups import LANGUAGE_CHOICE, cohort, friendly_errors, main, workshop
from uprkit.paths import course_dir, solutions_dir
from uprkit.training.wheel_targets import PLATFORMS, PYTHONS  # standard library only


@cohort.command("select")
@click.argument("applications", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--size", type=int, default=20, show_default=True, help="Places in the cohort.")
@click.option(
    "--rubric",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Scoring rubric (TOML); default: datasets/selection_rubric.toml.",
)
@click.option("--lock-in", multiple=True, metavar="ID", help="Always pick this application.")
@click.option("--lock-out", multiple=True, metavar="ID", help="Never pick this application.")
@click.option(
    "--relax",
    is_flag=True,
    help="When the balance rules cannot all be met, loosen them (and say how) instead of stopping.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Count months to each country's next review from this day (default: today).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the cohort as a roster CSV (for `uprkit workshop init --roster`).",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the explanation to this text file.",
)
@friendly_errors
def select_command(applications, size, rubric, lock_in, lock_out, relax, as_of, out, report):
    """Propose a cohort from APPLICATIONS (CSV), explaining every pick and near miss."""
    # ~0.03 s of import
    from uprkit.workshop.selection.cohort import describe_selection, run_selection

    selection, roster = run_selection(
        applications, size=size, rubric_path=rubric, lock_in=lock_in, lock_out=lock_out,
        relax=relax, as_of=as_of.date() if as_of else None,
    )  # fmt: skip
    text = describe_selection(selection)
    click.echo(text, nl=False)
    if report:
        report.write_text(text, encoding="utf-8")
    if out:
        roster.to_csv(out, index=False, encoding="utf-8")
        click.echo(f"\nRoster written to {out} (it holds names: keep it out of git and e-mail).")


@main.command("pack")
@click.option(
    "--offline",
    "offline_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build a folder that installs the whole kit with no internet (wheels, course, data).",
)
@click.option(
    "--handouts",
    "handouts_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Export every lesson as a printable HTML handout into this folder.",
)
@click.option("--pdf", is_flag=True, help="Also print PDF handouts (needs Chromium).")
@click.option(
    "--language",
    "-l",
    default="en",
    show_default=True,
    type=LANGUAGE_CHOICE,
    help="Language of the handouts and of the offline pack's install messages.",
)
@click.option("--no-handouts", is_flag=True, help="Leave the handouts out of the offline pack.")
@click.option(
    "--for",
    "audience",
    type=click.Choice(["participants", "trainer"]),
    default="participants",
    show_default=True,
    help="participants: lessons, exercises, data, never the answers or grading material; "
    "trainer: everything needed to run the workshop.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where built dependency wheels are kept between packs (default ~/.cache/uprkit).",
)
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    type=click.Choice(list(PLATFORMS)),
    help="Only wheels for this computer (repeat for several; default: all five).",
)
@click.option(
    "--python",
    "pythons",
    multiple=True,
    type=click.Choice(list(PYTHONS)),
    help="Only wheels for this Python (repeat for several; default: 3.11, 3.12 and 3.13).",
)
@friendly_errors
def pack_command(
    offline_dir, handouts_dir, pdf, language, no_handouts, cache, audience, platforms, pythons
):
    """Pack the kit for a workshop without internet, and/or export the lessons as handouts."""
    # ~0.6 s of import (nbconvert, nbclient)
    from uprkit.training.handouts import export_handouts
    from uprkit.training.offline_pack import build_offline_pack

    if not offline_dir and not handouts_dir:
        raise click.UsageError("give --offline DIR, --handouts DIR, or both")
    if offline_dir:
        click.echo("Building the offline pack (the first time downloads every dependency)...")
        pack = build_offline_pack(
            offline_dir,
            cache_dir=cache,
            handouts=not no_handouts,
            pdf=pdf,
            language=language,
            audience=audience,
            platforms=list(platforms) or None,
            pythons=list(pythons) or None,
        )
        source = "reused from the cache" if pack.from_cache else "downloaded and cached"
        click.echo(f"The {audience}' pack" if audience == "participants" else "The trainer's pack")
        click.echo(f"{len(pack.wheels)} wheels ({source}) in {pack.wheelhouse}")
        for result in pack.targets:
            state = "yes" if result.problem is None else f"NO ({result.problem.splitlines()[0]})"
            click.echo(f"  {result.target.label}: {state}")
        click.echo(f"Check a copy before the workshop: uprkit verify-pack {pack.root}")
        click.echo(f"Handouts: {len(pack.handouts)}. Install with: sh {pack.root}/install.sh")
        for note in pack.notes:
            click.echo(f"Note: {note}")
    if handouts_dir:
        lessons = sorted(course_dir().glob("*.ipynb"))
        result = export_handouts(handouts_dir, lessons, language=language, pdf=pdf)
        click.echo(f"{len(result.files)} handout file(s) in {handouts_dir}")
        for note in result.notes:
            click.echo(f"Note: {note}")


@main.command("verify-pack")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
def verify_pack_command(folder):
    """Check a copy of an offline pack against its MANIFEST.sha256 (changed, missing, added)."""
    from uprkit.training.pack_manifest import main as verify

    raise SystemExit(verify(["verify-pack", str(folder)]))


@main.group("i18n")
def i18n_group() -> None:
    """Translate the kit: message catalogs and lessons in French, Spanish and Arabic."""


@i18n_group.command("extract")
@friendly_errors
def i18n_extract_command():
    """Update the .po catalogs from the code, the lessons, the assignments, the facilitator guide,
    glossary and set-up notes, the data's cards and the rubrics (for translators)."""
    # ~0.3 s of import together (babel's catalogs, nbformat)
    from uprkit.i18n.documents import (
        DOCUMENTS,
        data_documents,
        update_document_catalog,
        update_rubric_catalog,
    )
    from uprkit.i18n.messages import LANGUAGES, update_message_catalogs
    from uprkit.i18n.notebooks import update_lesson_catalog

    for path in update_message_catalogs():
        click.echo(f"updated {path}")
    notebooks = sorted(course_dir().glob("*.ipynb")) + sorted(solutions_dir().glob("*/*.ipynb"))
    documents = [course_dir() / name for name in DOCUMENTS] + data_documents()[:1]
    for language in LANGUAGES[1:]:
        for notebook in notebooks:
            click.echo(f"updated {update_lesson_catalog(notebook, language)}")
        for document in documents:  # the data's documents share one catalog: once is enough
            click.echo(f"updated {update_document_catalog(document, language)}")
        click.echo(f"updated {update_rubric_catalog(language)}")


@i18n_group.command("compile")
@friendly_errors
def i18n_compile_command():
    """Compile the message catalogs (.po) into .mo files (optional: .po files are read directly)."""
    from uprkit.i18n.messages import compile_catalogs  # ~0.16 s of import

    for path in compile_catalogs():
        click.echo(f"wrote {path}")


@i18n_group.command("build-notebooks")
@click.option("--language", "-l", required=True, type=LANGUAGE_CHOICE)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the localised notebooks (default: build/course-LANGUAGE).",
)
@click.argument("notebooks", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@friendly_errors
def i18n_build_command(language, out, notebooks):
    """Build the lessons (or NOTEBOOKS) in one language from the lesson catalogs."""
    from uprkit.i18n.notebooks import build_localised_notebooks  # ~0.17 s of import

    out = out or Path("build") / f"course-{language}"
    for target, result in build_localised_notebooks(language, out, list(notebooks) or None):
        missing = f", {len(result.untranslated)} still in English" if result.untranslated else ""
        click.echo(f"{target}: {result.translated} paragraphs translated{missing}")


@workshop.command("new")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--country", required=True, help="The State (ISO3 code or name), e.g. KEN.")
@click.option("--language", "-l", default="en", show_default=True,
              type=LANGUAGE_CHOICE)  # fmt: skip
@click.option("--days", type=click.Choice(["3", "5", "10"]), default="5", show_default=True)
@click.option(
    "--ratifications",
    type=click.Path(exists=True, path_type=Path),
    help="A ratification table (UNTC, OHCHR dashboard) for the treaty-body calendar.",
)
@click.option("--handouts", is_flag=True, help="Add printable HTML handouts of the lessons.")
@click.option("--pdf", is_flag=True, help="With --handouts: PDF too (needs Chromium).")
@friendly_errors
def workshop_new_command(folder, country, language, days, ratifications, handouts, pdf):
    """Make FOLDER a self-contained local workshop pack for one country and language."""
    from uprkit.training.workshop_pack import build_workshop_pack  # ~0.6 s of import

    pack = build_workshop_pack(
        folder, country=country, language=language, days=int(days), ratifications=ratifications,
        handouts=handouts, pdf=pdf,
    )  # fmt: skip
    click.echo(
        f"Workshop pack for {pack.country} in {language}, {pack.days} days: {pack.root} "
        f"({len(pack.agenda)} agenda items, {len(pack.notebooks)} notebooks)"
    )
    for note in pack.notes:
        click.echo(f"Note: {note}")
