"""Move a workshop's SQLite gradebook into an empty PostgreSQL database, verified, nothing lost.

``uprkit workshop gradebook migrate --to postgresql://USER@HOST/DATABASE``:

1. under the workshop's lock, the SQLite file is opened read-only (it stays byte for byte as
   it was, as the way back);
2. the target must be empty (no table): a database holding anything is refused;
3. nbgrader's tables are made from nbgrader's own SQLAlchemy models, then every table is
   copied in dependency order (plus ``alembic_version``) in **one transaction**;
4. before that transaction commits, every table is read back and compared with the source,
   row by row (row counts, every grade and comment): any difference rolls it all back;
5. only then is ``workshop.toml`` switched to the URL (one atomic rename).

Interrupted anywhere before 5, the workshop is still on SQLite. Interrupted between the
commit and 5, the target holds an exact copy: a second run sees that it equals the SQLite
gradebook and just switches (any other non-empty target is refused).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from urllib.parse import quote

from uprkit.errors import WorkshopError
from uprkit.workshop.course import alembic_on_path, nbgrader_sqlalchemy_quirks
from uprkit.workshop.folder import (
    WORKSHOP_FILE,
    Workshop,
    read_workshop_file,
    replace_file,
    workshop_lock,
    write_workshop_file,
)
from uprkit.workshop.gradebook_db import (
    PASSWORD_HELP,
    check_gradebook_reachable,
    gradebook_url,
    has_password,
    is_postgres,
    masked,
    normalise_postgres_url,
)

__all__ = ["link_course_config", "migrate_gradebook"]

_ALEMBIC = "alembic_version"
_LINK_MARK = "# uprkit: the gradebook named in ../workshop.toml"
_LINK = f"""

{_LINK_MARK} ([gradebook] url), so that plain nbgrader and
# formgrader run in this folder use uprkit's database, never a new SQLite file (nbgrader #1661).
def _uprkit_gradebook_url():
    import os
    import tomllib

    toml = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workshop.toml")
    if not os.path.exists(toml):
        return None
    with open(toml, "rb") as fh:
        url = tomllib.load(fh).get("gradebook", {{}}).get("url")
    return "postgresql+psycopg://" + url.split("://", 1)[1] if url else None


if _uprkit_gradebook_url():
    c.CourseDirectory.db_url = _uprkit_gradebook_url()  # noqa: F821
"""


def link_course_config(ws: Workshop) -> bool:
    """Make the course's nbgrader_config.py read the gradebook's URL from workshop.toml (once;
    inert while workshop.toml names none). True if it was added now."""
    config = ws.course_dir / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    if _LINK_MARK in text:
        return False
    if not text:
        text = "c = get_config()  # noqa: F821\n"
    replace_file(config, text.rstrip("\n") + "\n" + _LINK)
    return True


def _tables():
    """nbgrader's tables, parents before children, then alembic's version table."""
    from nbgrader.api import Base  # ~1.8 s
    from sqlalchemy import Column, MetaData, String, Table

    alembic = Table(_ALEMBIC, MetaData(), Column("version_num", String(32), nullable=False))
    return Base.metadata, [*Base.metadata.sorted_tables, alembic]


def _rows(conn, table) -> list[tuple]:
    """Every row of ``table``, in a stable order (by all columns, as text)."""
    rows = [tuple(row) for row in conn.execute(table.select())]
    return sorted(rows, key=lambda row: tuple("" if v is None else repr(v) for v in row))


def _differences(source, target, tables) -> list[str]:
    problems = []
    for table in tables:
        ours, theirs = _rows(source, table), _rows(target, table)
        if len(ours) != len(theirs):
            problems.append(f"{table.name}: {len(ours)} row(s) in SQLite, {len(theirs)} in target")
        elif ours != theirs:
            unequal = sum(a != b for a, b in zip(ours, theirs, strict=True))
            problems.append(f"{table.name}: {unequal} row(s) differ")
    return problems


def _source_tables_known(source_engine, tables) -> None:
    from sqlalchemy import inspect

    known = {table.name for table in tables}
    present = set(inspect(source_engine).get_table_names())
    if unknown := sorted(present - known):
        raise WorkshopError(
            f"the SQLite gradebook holds table(s) nbgrader's models do not know: "
            f"{', '.join(unknown)}; nothing was migrated (is it from another nbgrader version?)"
        )
    if missing := sorted(known - present):
        raise WorkshopError(
            f"the SQLite gradebook lacks table(s) {', '.join(missing)} (half made? engineering "
            "notes, trap 3); open it once with `uprkit status` to complete it, then migrate"
        )


def _copy(source, target, metadata, tables) -> dict[str, int]:
    """Inside the target's transaction: make the tables, copy every row, compare them all."""
    metadata.create_all(target)
    tables[-1].create(target)
    counts = {}
    for table in tables:
        rows = [dict(row._mapping) for row in source.execute(table.select())]
        if rows:
            target.execute(table.insert(), rows)
        counts[table.name] = len(rows)
    if problems := _differences(source, target, tables):
        raise WorkshopError(
            "the copy is not equal to the SQLite gradebook, so nothing was kept in the target "
            "and the workshop stays on SQLite: " + "; ".join(problems)
        )
    return counts


def _copy_all_or_nothing(src, target_engine, metadata, tables, url) -> dict[str, int]:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with target_engine.begin() as dst:  # one transaction: all or nothing
            return _copy(src, dst, metadata, tables)
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:400]
        raise WorkshopError(
            f"copying the gradebook into {masked(url)} failed: {reason}. Nothing was kept in "
            "the target and the workshop stays on SQLite; correct the cause and run this again"
        ) from exc


def _already_a_copy(source, target, tables) -> bool:
    from sqlalchemy import inspect

    names = set(inspect(target).get_table_names())
    return names == {t.name for t in tables} and not _differences(source, target, tables)


def _switch(ws: Workshop, url: str) -> None:
    settings = read_workshop_file(ws)
    section = dict(settings.get("gradebook", {}))
    section["url"] = url
    section["migrated_from"] = str(ws.gradebook_path.relative_to(ws.root))
    section["migrated"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    settings["gradebook"] = section
    write_workshop_file(ws, settings)


def _check_target_url(ws: Workshop, target_url: str) -> str:
    if has_password(target_url):
        raise WorkshopError(
            f"the target URL {masked(target_url)} holds a password: it would be written into "
            f"{WORKSHOP_FILE}; remove it and {PASSWORD_HELP}"
        )
    url = normalise_postgres_url(target_url, where="the target URL")
    current = gradebook_url(ws)
    if is_postgres(current):
        raise WorkshopError(
            f"the workshop's gradebook is already the PostgreSQL database {masked(current)}; "
            "nothing to migrate"
        )
    if not ws.gradebook_path.is_file():
        raise WorkshopError(
            f"no SQLite gradebook at {ws.gradebook_path} to migrate; for a new workshop, set "
            f"[gradebook] url in {ws.root / WORKSHOP_FILE} instead"
        )
    check_gradebook_reachable(url)
    return url


def migrate_gradebook(ws: Workshop, target_url: str) -> dict:
    """Copy the workshop's SQLite gradebook into the empty PostgreSQL database ``target_url``,
    verify it, then switch workshop.toml to it. Returns ``{"url", "tables", "resumed"}``."""
    from sqlalchemy import create_engine, inspect

    url = _check_target_url(ws, target_url)
    metadata, tables = _tables()
    with workshop_lock(ws, "uprkit workshop gradebook migrate"):
        source_engine = _read_only_sqlite(ws.gradebook_path)
        target_engine = create_engine(url)
        try:
            with alembic_on_path(), nbgrader_sqlalchemy_quirks(), source_engine.connect() as src:
                _source_tables_known(source_engine, tables)
                resumed = False
                if inspect(target_engine).get_table_names():
                    with target_engine.connect() as dst:
                        resumed = _already_a_copy(src, dst, tables)
                    if not resumed:
                        raise WorkshopError(
                            f"the target database {masked(url)} is not empty; the migration "
                            "copies into an empty database only (create one: createdb NAME); "
                            "the workshop stays on SQLite"
                        )
                    counts = {t.name: len(_rows(src, t)) for t in tables}
                else:
                    counts = _copy_all_or_nothing(src, target_engine, metadata, tables, url)
        finally:
            source_engine.dispose()
            target_engine.dispose()
        link_course_config(ws)  # inert until the switch below
        _switch(ws, target_url.strip())
    return {"url": masked(url), "tables": counts, "resumed": resumed}


def _read_only_sqlite(path: Path):
    """An engine opening ``path`` read-only: the migration cannot change the way back."""
    from sqlalchemy import create_engine

    uri = f"file:{quote(str(path))}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
