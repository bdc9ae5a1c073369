"""Case counts by status, kept by the database so the supervisor's caseload box reads a few rows.

Counting the cases table by status walks every case ever opened. Instead, triggers on
``cases_case`` append a row to ``cases_statuscount`` for every case inserted (+1), deleted (-1)
and moved from one status to another (-1 and +1), whoever writes it (the ORM, a bulk update, a
migration, the command line). Writers only insert, so they never wait on a shared counter row.
``counts()`` sums the rows per status; the ``caseload`` housekeeping job folds them into one row
per status, in one ``DELETE … RETURNING`` so no row is lost or counted twice.

SQLite drops a table's triggers when a migration rebuilds it, so they are installed again after
every migrate (``apps.py``), like the audit tables' triggers.
"""

from __future__ import annotations

from collections import Counter

from django.db import connections, router, transaction
from django.db.models import Count, Sum

from ostoja.cases.models import Case, StatusCount

PG_FUNCTION = "cases_count_status"
PG_TRIGGER = "cases_case_count_status"
SQLITE_TRIGGERS = ("cases_case_count_insert", "cases_case_count_delete", "cases_case_count_update")


def _postgresql_install() -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN RETURN NULL; END IF; "
        "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
        "INSERT INTO cases_statuscount (status, delta) VALUES (OLD.status, -1); END IF; "
        "IF TG_OP IN ('UPDATE', 'INSERT') THEN "
        "INSERT INTO cases_statuscount (status, delta) VALUES (NEW.status, 1); END IF; "
        "RETURN NULL; END; $$",
        f'CREATE OR REPLACE TRIGGER "{PG_TRIGGER}" AFTER INSERT OR DELETE OR UPDATE OF status '
        f'ON "cases_case" FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()',
    ]


def _sqlite_install() -> list[str]:
    insert, delete, update = SQLITE_TRIGGERS
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{insert}" AFTER INSERT ON "cases_case" BEGIN '
        "INSERT INTO cases_statuscount (status, delta) VALUES (NEW.status, 1); END",
        f'CREATE TRIGGER IF NOT EXISTS "{delete}" AFTER DELETE ON "cases_case" BEGIN '
        "INSERT INTO cases_statuscount (status, delta) VALUES (OLD.status, -1); END",
        f'CREATE TRIGGER IF NOT EXISTS "{update}" AFTER UPDATE OF status ON "cases_case" '
        "WHEN OLD.status <> NEW.status BEGIN "
        "INSERT INTO cases_statuscount (status, delta) VALUES (OLD.status, -1); "
        "INSERT INTO cases_statuscount (status, delta) VALUES (NEW.status, 1); END",
    ]


def install(connection) -> None:
    """Creates the counting triggers (again); safe to call when they exist."""
    if connection.vendor == "postgresql":
        statements = _postgresql_install()
    elif connection.vendor == "sqlite":
        statements = _sqlite_install()
    else:
        raise NotImplementedError(f"Case counting triggers are not written for {connection.vendor}.")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER IF EXISTS "{PG_TRIGGER}" ON "cases_case"')
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def counts(*, using: str | None = None) -> dict[str, int]:
    """The number of cases in each status (statuses with none are left out)."""
    rows = StatusCount.objects.using(using or router.db_for_read(StatusCount))
    return {status: n for status, n in rows.values_list("status").annotate(n=Sum("delta")).order_by() if n}


def compact(*, using: str | None = None) -> int:
    """Folds the rows into one per status; returns how many rows were folded."""
    alias = using or router.db_for_write(StatusCount)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("DELETE FROM cases_statuscount RETURNING status, delta")
        taken = cursor.fetchall()
        totals: Counter[str] = Counter()
        for status, delta in taken:
            totals[status] += delta
        StatusCount.objects.using(alias).bulk_create(
            [StatusCount(status=status, delta=n) for status, n in sorted(totals.items()) if n]
        )
    return len(taken)


def rebuild(*, using: str | None = None) -> None:
    """Counts the cases table once and starts the counts from it (for installing, and repairs)."""
    alias = using or router.db_for_write(StatusCount)
    with transaction.atomic(using=alias):
        StatusCount.objects.using(alias).all().delete()
        found = Case.objects.using(alias).values_list("status").annotate(n=Count("pk")).order_by()
        StatusCount.objects.using(alias).bulk_create([StatusCount(status=s, delta=n) for s, n in found])
