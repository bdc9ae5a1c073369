"""A consistent copy of the database and its way back, for SQLite and PostgreSQL.

SQLite: the online backup API copies every page of the database as of one moment (readers and the
writer go on meanwhile); the counts are taken from that copy. PostgreSQL: one REPEATABLE READ, READ
ONLY transaction exports its snapshot, counts every table in it and holds it open while ``pg_dump
--snapshot`` dumps exactly what it sees (custom format); ``pg_restore --single-transaction`` puts it
back all or nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

# Tables whose rows mean an installation is in use: any row in one and a restore is refused.
IN_USE = ("accounts.User", "audit.AuditEvent", "people.Person", "cases.Case", "hotline.Contact")


class DatabaseError(Exception):
    """The database could not be copied or restored: what is wrong, for the operator."""


def _quote(connection: BaseDatabaseWrapper, name: str) -> str:
    return connection.ops.quote_name(name)


def tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor, include_views=False)
    return sorted(name for name in names if not name.startswith("sqlite_"))


def counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Rows per table, in the connection's current transaction or snapshot."""
    found = {}
    with connection.cursor() as cursor:
        for table in tables(connection):
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, table)}")  # noqa: S608 (introspected)
            found[table] = int(cursor.fetchone()[0])
    return found


def in_use(connection: BaseDatabaseWrapper) -> list[str]:
    """The tables of :data:`IN_USE` that hold a row: an installation that is not empty."""
    present = set(tables(connection))
    busy = []
    with connection.cursor() as cursor:
        for label in IN_USE:
            table = apps.get_model(label)._meta.db_table
            if table in present:
                cursor.execute(f"SELECT 1 FROM {_quote(connection, table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    busy.append(label)
    return busy


# --- SQLite ---------------------------------------------------------------------------------------


def sqlite_copy(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    """Copies the database into ``target`` with the backup API; the counts of the copy."""
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
        found = {}
        names = [
            row[0]
            for row in destination.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in sorted(names):
            quoted = '"' + table.replace('"', '""') + '"'
            found[table] = int(destination.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0])  # noqa: S608
    finally:
        destination.close()
    return found


def sqlite_restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Replaces the whole database with the copy in ``source`` (the backup API, one transaction)."""
    connection.close()
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()
    connection.close()


# --- PostgreSQL -----------------------------------------------------------------------------------


def _pg_env(connection: BaseDatabaseWrapper) -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(db["NAME"])}
    for key, variable in (
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(
            _(
                "%(program)s is not installed: install the PostgreSQL client programs of the server's major "
                "version (Debian: postgresql-client) on this machine."
            )
            % {"program": name}
        )
    return found


@contextlib.contextmanager
def postgres_snapshot(connection: BaseDatabaseWrapper) -> Iterator[tuple[str, dict[str, int]]]:
    """A read-only snapshot held open: its id for ``pg_dump --snapshot`` and the counts in it."""
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
        yield snapshot, counts(connection)


def postgres_dump(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    """Dumps the database (custom format) from one snapshot into ``target``; the counts in it."""
    pg_dump = _tool("pg_dump")
    if connection.in_atomic_block:
        raise DatabaseError(_("A backup of PostgreSQL cannot be taken inside another transaction."))
    with postgres_snapshot(connection) as (snapshot, found):
        result = subprocess.run(  # noqa: S603 (fixed program, arguments of our own)
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             f"--file={target}"],
            env=_pg_env(connection), capture_output=True, text=True, check=False,
        )  # fmt: skip
    if result.returncode != 0:
        raise DatabaseError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
    return found


def postgres_restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Loads a dump into the (empty) database in one transaction: all of it or nothing."""
    pg_restore = _tool("pg_restore")
    connection.close()
    result = subprocess.run(  # noqa: S603 (fixed program, arguments of our own)
        [pg_restore, "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
         "--clean", "--if-exists", f"--dbname={connection.settings_dict['NAME']}", str(source)],
        env=_pg_env(connection), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise DatabaseError(
            _("pg_restore failed, nothing was restored: %(error)s") % {"error": result.stderr.strip()}
        )
