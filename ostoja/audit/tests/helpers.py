"""Shared helpers of the audit tests."""

from __future__ import annotations

from django.db import connection

from ostoja.audit import triggers


def raw(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def without_triggers() -> None:
    """Drops the append-only triggers inside the test's transaction (rolled back afterwards)."""
    triggers.remove(connection)
