"""Test support: letting transactional tests empty the append-only audit tables on SQLite.

Django empties the database after a transactional test (pytest-django ``transactional_db``,
``live_server``, ``django_db(transaction=True)``) with DELETE on SQLite, which the append-only
triggers refuse. ``audit_flush_allowed`` runs its teardown just before that flush: it drops the
triggers, empties the audit tables, and installs the triggers again, so the flush finds nothing
left to delete there and the next test finds the tables protected. On PostgreSQL the flush uses
TRUNCATE, which the row triggers do not see, so the fixture does nothing there.

Register it for the whole suite by listing this module in the root ``conftest.py``::

    pytest_plugins = ["ostoja.testing.fixtures", "ostoja.audit.testing"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections, router, transaction

TRANSACTIONAL_FIXTURES = ("transactional_db", "live_server", "django_db_reset_sequences")


def uses_transactional_db(request: pytest.FixtureRequest) -> bool:
    """Whether pytest-django will empty the database by flushing after this test."""
    if any(name in request.fixturenames for name in TRANSACTIONAL_FIXTURES):
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False
    transaction_arg = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
    reset_arg = marker.kwargs.get("reset_sequences", marker.args[1] if len(marker.args) > 1 else False)
    return bool(transaction_arg or reset_arg)


def empty_audit_tables(alias: str) -> None:
    """Deletes every audit row with the triggers briefly dropped, then protects the tables again."""
    from ostoja.audit import triggers
    from ostoja.audit.models import AuditEvent, AuditObject, AuditSeal, AuditUnsealed, BreakGlassGrant

    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        triggers.remove(connection)
        for model in (BreakGlassGrant, AuditSeal, AuditUnsealed, AuditObject, AuditEvent):
            cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608 (table names from models)
        triggers.install(connection)


@pytest.fixture(autouse=True)
def audit_flush_allowed(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[None]:
    if not uses_transactional_db(request):
        yield
        return
    # Requested here so that the database fixture is set up first and torn down (flushed) after us.
    request.getfixturevalue("transactional_db")
    yield
    from ostoja.audit.models import AuditEvent

    alias = router.db_for_write(AuditEvent)
    if connections[alias].vendor == "sqlite":
        with django_db_blocker.unblock():
            empty_audit_tables(alias)
