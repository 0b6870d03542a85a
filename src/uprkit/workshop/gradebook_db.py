"""Where a workshop's gradebook lives: SQLite in the folder (the default), or PostgreSQL.

A laptop workshop keeps nbgrader's ``course/gradebook.db``. A hub or cohort server names a
PostgreSQL database in ``workshop.toml``::

    [gradebook]
    url = "postgresql://grader@db.example.org/cohort_2027"
    # backups = "dba"   # leave backups to the database's administrator (default: pg_dump)

The password is never written there: the kit refuses a URL that holds one. libpq reads it
from ``PGPASSWORD`` or from ``~/.pgpass`` (``PGPASSFILE``), as ``psql`` and ``pg_dump`` do.

**No silent fall-back** (nbgrader #1661): with a PostgreSQL URL configured, a missing driver
or a server that cannot be reached stops every command with a message naming the URL
(password masked) and what to do; nothing ever creates a SQLite gradebook instead.
:func:`gradebook_url` is the one place every gradebook user asks (through
``uprkit.workshop.course``: nbgrader's ``CourseDirectory.db_url``, ``open_gradebook``,
``backup_gradebook``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import subprocess
from urllib.parse import urlsplit, urlunsplit

from uprkit.errors import WorkshopError
from uprkit.workshop.folder import WORKSHOP_FILE, Workshop, read_workshop_file

__all__ = [
    "CONNECT_TIMEOUT_S",
    "PASSWORD_HELP",
    "check_gradebook_reachable",
    "gradebook_url",
    "has_password",
    "is_postgres",
    "masked",
    "normalise_postgres_url",
    "pg_dump_backup",
    "postgres_digest",
]

CONNECT_TIMEOUT_S = 5
PASSWORD_HELP = (
    "give the password in the environment (PGPASSWORD) or in ~/.pgpass, never in workshop.toml"
)
_SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")


def is_postgres(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database (else it is the SQLite file).

    >>> is_postgres("postgresql+psycopg://u@h/db"), is_postgres("sqlite:////w/gradebook.db")
    (True, False)
    """
    return url.split("://", 1)[0] in _SCHEMES


def masked(url: str) -> str:
    """The URL as it may be shown (as a trainer writes it): any password replaced by ``***``.

    >>> masked("postgresql+psycopg://grader:s3cret@db.example.org:5433/cohort")
    'postgresql://grader:***@db.example.org:5433/cohort'
    >>> masked("postgresql://grader@/cohort?host=/run/pg&password=s3cret")
    'postgresql://grader@/cohort?host=/run/pg&password=***'
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        if ":" in user:
            netloc = f"{user.split(':', 1)[0]}:***@{host}"
    query = "&".join(
        "password=***" if item.lower().startswith("password=") else item
        for item in parts.query.split("&")
    )
    scheme = "postgresql" if parts.scheme in _SCHEMES else parts.scheme
    return urlunsplit((scheme, netloc, parts.path, query, parts.fragment))


def has_password(url: str) -> bool:
    return "***" in masked(url)


def normalise_postgres_url(url: str, *, where: str = "the gradebook URL") -> str:
    """A PostgreSQL URL for SQLAlchemy with psycopg 3 (``postgresql+psycopg://``).

    >>> normalise_postgres_url("postgresql://grader@db/cohort_2027")
    'postgresql+psycopg://grader@db/cohort_2027'
    >>> normalise_postgres_url("mysql://x@y/z")
    Traceback (most recent call last):
    ...
    uprkit.errors.WorkshopError: the gradebook URL 'mysql://x@y/z' is not a PostgreSQL URL ...
    """
    scheme, sep, rest = url.strip().partition("://")
    if not sep or scheme not in _SCHEMES:
        raise WorkshopError(
            f"{where} {masked(url)!r} is not a PostgreSQL URL (postgresql://USER@HOST/DATABASE"
            "); remove it to keep the SQLite gradebook in the workshop folder"
        )
    parts = urlsplit(url.strip())
    if not parts.path.strip("/"):
        raise WorkshopError(f"{where} {masked(url)!r} names no database (…/DATABASE at its end)")
    return "postgresql+psycopg://" + rest


def gradebook_url(ws: Workshop) -> str:
    """The SQLAlchemy URL of the workshop's gradebook: ``[gradebook] url`` of workshop.toml,
    else the SQLite file ``course/gradebook.db``. A URL with a password is refused."""
    try:
        settings = read_workshop_file(ws).get("gradebook", {})
    except FileNotFoundError:
        settings = {}
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise WorkshopError(f"{ws.root / WORKSHOP_FILE} is not valid TOML: {exc}") from exc
    url = settings.get("url") if isinstance(settings, dict) else None
    if url is None:
        return f"sqlite:///{ws.gradebook_path}"
    where = f"[gradebook] url in {ws.root / WORKSHOP_FILE}"
    if not isinstance(url, str) or not url.strip():
        raise WorkshopError(f"{where} is empty; remove it (SQLite) or give postgresql://…")
    if has_password(url):
        raise WorkshopError(f"{where} holds a password: remove it and {PASSWORD_HELP}")
    return normalise_postgres_url(url, where=where)


def _libpq_url(url: str) -> str:
    """The URL as libpq (psycopg.connect, pg_dump) reads it."""
    return "postgresql://" + url.split("://", 1)[1]


def check_gradebook_reachable(url: str) -> None:
    """Raise a WorkshopError saying what to do if the PostgreSQL gradebook at ``url`` cannot be
    used: the driver (psycopg) is missing, or the server does not answer or refuses us."""
    if not is_postgres(url):
        return
    try:
        import psycopg
    except ImportError:
        raise WorkshopError(
            f"the workshop's gradebook is the PostgreSQL database {masked(url)}, but the "
            "PostgreSQL driver is not installed: pip install 'uprkit[postgres]' (psycopg). "
            "Nothing was graded, and no SQLite gradebook was made instead"
        ) from None
    try:
        psycopg.connect(_libpq_url(url), connect_timeout=CONNECT_TIMEOUT_S).close()
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split())[:400]
        raise WorkshopError(
            f"cannot reach the workshop's gradebook, the PostgreSQL database {masked(url)}: "
            f"{reason}. Start the server or correct [gradebook] url in workshop.toml "
            f"({PASSWORD_HELP}). Nothing was done, and no SQLite gradebook was made instead"
        ) from None


def postgres_digest(engine) -> str:
    """A digest of every row of every table (sorted), to tell whether the gradebook changed."""
    from sqlalchemy import inspect, text

    digest = hashlib.sha256()
    for table in sorted(inspect(engine).get_table_names()):
        with engine.connect() as conn:
            rows = conn.execute(text(f'SELECT t::text FROM "{table}" t ORDER BY 1')).scalars()
            digest.update(table.encode() + b"\0")
            for row in rows:
                digest.update(row.encode() + b"\n")
    return digest.hexdigest()


def pg_dump_backup(ws: Workshop, url: str, reason: str, digest: str, last_file: str):
    """``pg_dump --format=custom`` of the gradebook into backups/ when ``digest`` (of its
    content) differs from the last backup's; else that backup. None with ``backups = "dba"``."""
    try:
        policy = read_workshop_file(ws).get("gradebook", {}).get("backups", "pg_dump")
    except (OSError, ValueError):
        policy = "pg_dump"
    if policy == "dba":
        return None
    if policy != "pg_dump":
        raise WorkshopError(
            f'[gradebook] backups = {policy!r} in {ws.root / WORKSHOP_FILE}: use "pg_dump" '
            '(the kit dumps it into backups/) or "dba" (the database\'s administrator backs it up)'
        )
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise WorkshopError(
            f"cannot back up the gradebook {masked(url)}: pg_dump is not installed (apt-get "
            'install postgresql-client), or set [gradebook] backups = "dba" in workshop.toml '
            "if the database's administrator backs it up"
        )
    ws.backups_dir.mkdir(parents=True, exist_ok=True)
    last = ws.backups_dir / last_file
    with contextlib.suppress(OSError, ValueError):
        last_digest, last_name = last.read_text(encoding="utf-8").split()
        if last_digest == digest and (ws.backups_dir / last_name).is_file():
            return ws.backups_dir / last_name
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = ws.backups_dir / f"gradebook-{stamp}-{reason}.dump"
    partial = target.with_suffix(".dump.partial")
    done = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={partial}", _libpq_url(url)],
        capture_output=True,
        text=True,
        env={**os.environ, "PGCONNECT_TIMEOUT": str(CONNECT_TIMEOUT_S)},
        check=False,
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise WorkshopError(
            f"pg_dump could not back up the gradebook {masked(url)} (nothing was changed): "
            f"{done.stderr.strip()[-500:]}"
        )
    os.replace(partial, target)
    last.write_text(f"{digest} {target.name}\n", encoding="utf-8")
    return target
