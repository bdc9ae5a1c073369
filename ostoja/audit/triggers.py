"""Database triggers that make the audit tables append-only (docs/SECURITY.md: the audit log is append-only).

The application never updates or deletes audit rows; the triggers make sure nothing else does
either, short of a database owner dropping them (which ``manage.py audit verify`` reports, and
which breaks the hash chain as soon as a row is touched).

There is deliberately no TRUNCATE trigger on PostgreSQL: the test suite empties tables with
TRUNCATE between transactional tests, and TRUNCATE needs the table owner's rights anyway.

SQLite drops a table's triggers when a migration rebuilds the table, so the ``post_migrate``
handler in ``apps.py`` installs them again after every migrate; installing is idempotent.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from ostoja.audit.models import AuditEvent, AuditObject, AuditSeal

MESSAGE = "audit rows are append-only"
PG_FUNCTION = "audit_refuse_change"


def _tables() -> list[str]:
    return [AuditEvent._meta.db_table, AuditObject._meta.db_table, AuditSeal._meta.db_table]


def trigger_names(vendor: str) -> list[str]:
    """The names of every trigger ``install`` creates on a database of ``vendor``."""
    if vendor == "postgresql":
        return [f"{table}_append_only" for table in _tables()]
    names = []
    for table in _tables():
        names += [f"{table}_no_update", f"{table}_no_delete"]
    return names


def _connection(schema_editor_or_connection: Any) -> BaseDatabaseWrapper:
    if isinstance(schema_editor_or_connection, BaseDatabaseSchemaEditor):
        return schema_editor_or_connection.connection
    return schema_editor_or_connection


def _existing(connection: BaseDatabaseWrapper) -> list[str]:
    """The audit tables present (a migration before the one creating a table installs without it)."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
    return [table for table in _tables() if table in present]


def _sqlite_install(tables: list[str]) -> list[str]:
    statements = []
    for table in tables:
        for operation in ("UPDATE", "DELETE"):
            name = f"{table}_no_{operation.lower()}"
            statements.append(
                f'CREATE TRIGGER IF NOT EXISTS "{name}" BEFORE {operation} ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    return statements


def _postgresql_install(tables: list[str]) -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation'; END; $$"
    ]
    for table in tables:
        statements.append(
            f'CREATE OR REPLACE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
    return statements


def install(schema_editor_or_connection: Any) -> None:
    """Creates the triggers (again); safe to call when they already exist."""
    connection = _connection(schema_editor_or_connection)
    if connection.vendor == "sqlite":
        statements = _sqlite_install(_existing(connection))
    elif connection.vendor == "postgresql":
        statements = _postgresql_install(_existing(connection))
    else:
        raise NotImplementedError(f"Append-only triggers are not written for {connection.vendor}.")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove(schema_editor_or_connection: Any) -> None:
    """Drops the triggers: for reversing the migration and for emptying test databases."""
    connection = _connection(schema_editor_or_connection)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in trigger_names("sqlite"):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        elif connection.vendor == "postgresql":
            for table, name in zip(_tables(), trigger_names("postgresql"), strict=True):
                if table in _existing(connection):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")


def missing(schema_editor_or_connection: Any) -> list[str]:
    """The names of triggers that should exist and do not (empty when the tables are protected)."""
    connection = _connection(schema_editor_or_connection)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = trigger_names("sqlite")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname = ANY(%s)",
                [_tables()],
            )
            expected = trigger_names("postgresql")
        else:
            return []
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected if name not in present]


def tables_exist(schema_editor_or_connection: Any) -> bool:
    connection = _connection(schema_editor_or_connection)
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
    return all(table in existing for table in _tables())
