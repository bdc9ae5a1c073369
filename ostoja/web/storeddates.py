"""Reading stored dates that no calendar can hold, without taking the page down.

PostgreSQL keeps a ``timestamptz`` from 4713 BC to 294276 AD; Python's ``datetime`` holds years 1
to 9999. A value written as ``0001-01-01T00:00:00+14:00`` is 1 BC in UTC, and
``9999-12-31T23:59:59-12:00`` is year 10000: reading either raised ("timestamp too large (after
year 10K)") and every page listing that row answered 500. SQLite stores text and fails the same
way on such text.

Here, when a database connection opens, the loaders for dates and timestamps are replaced by ones
that read such a value as the first or last moment of Python's calendar (``ostoja.dates.TOO_EARLY``,
``TOO_LATE``). Pages then show "invalid date" for that row (``ostoja.dates.show``), and the
window checks of every form and the API keep new ones out.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

from django.utils.dateparse import parse_date, parse_datetime

_YEAR = re.compile(rb"\s*(-?)(\d+)")


def _too_late(raw: bytes) -> bool:
    """Whether an unreadable stored value lies after the calendar's end (else before its start)."""
    if raw.rstrip().endswith(b"BC"):
        return False
    if raw.strip().lower() == b"infinity":
        return True
    match = _YEAR.match(raw)
    return bool(match) and not match.group(1) and int(match.group(2)) > 9999


# --- SQLite: converters by declared column type (module-wide in sqlite3) ----------------------------


def _sqlite_datetime(raw: bytes) -> dt.datetime:
    try:
        value = parse_datetime(raw.decode())
    except (ValueError, UnicodeDecodeError):
        value = None
    if value is None:
        return dt.datetime.max if _too_late(raw) else dt.datetime.min
    return value


def _sqlite_date(raw: bytes) -> dt.date:
    try:
        value = parse_date(raw.decode())
    except (ValueError, UnicodeDecodeError):
        value = None
    if value is None:
        return dt.date.max if _too_late(raw) else dt.date.min
    return value


def _install_sqlite() -> None:
    # Django registers the plain parsers when its SQLite backend is imported; these replace them.
    sqlite3.register_converter("datetime", _sqlite_datetime)
    sqlite3.register_converter("timestamp", _sqlite_datetime)
    sqlite3.register_converter("date", _sqlite_date)


# --- PostgreSQL: psycopg loaders on each connection ------------------------------------------------


def _install_postgresql(wrapper) -> None:
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader
    from psycopg import DataError
    from psycopg.types.datetime import DateLoader

    zone = wrapper.timezone

    class TolerantTimestamptzLoader(BaseTzLoader):
        timezone = zone  # the same zone Django expects, so its cursors keep this loader

        def load(self, data):
            try:
                return super().load(data)
            except DataError:
                edge = dt.datetime.max if _too_late(bytes(data)) else dt.datetime.min
                return edge.replace(tzinfo=self.timezone)

    class TolerantDateLoader(DateLoader):
        def load(self, data):
            try:
                return super().load(data)
            except DataError:
                return dt.date.max if _too_late(bytes(data)) else dt.date.min

    adapters = wrapper.connection.adapters
    adapters.register_loader("timestamptz", TolerantTimestamptzLoader)
    adapters.register_loader("date", TolerantDateLoader)


def install(sender=None, connection=None, **kwargs) -> None:
    """``connection_created`` receiver: tolerant readers for the connection just opened."""
    if connection is None:
        return
    if connection.vendor == "sqlite":
        _install_sqlite()
    elif connection.vendor == "postgresql":
        _install_postgresql(connection)
