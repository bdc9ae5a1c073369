"""A backup of one of everything, restored by ``ostoja restore`` into a new installation, row for row.

The world of ``ostoja.testing.world`` (every kind of record, a library upload in the media
directory, sealed audit events) is backed up by ``ostoja backup``; a separate process restores it
into a fresh database (SQLite: a new file; PostgreSQL: a new database) with its own empty media
directory, where the command checks counts, the audit chain and a sample of encrypted records.
Then every table of both databases is read and compared row by row, the sequences that give new
keys too, and the uploaded files byte for byte.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.utils.translation import gettext as _

from ostoja.backup import database
from ostoja.testing.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]


def _url(db: dict, name: str) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _ostoja(*args: str, database_url: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "OSTOJA_MODE": "test", "DATABASE_URL": database_url, "OSTOJA_MEDIA_ROOT": str(media)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "ostoja.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip


def _start(message: str) -> str:
    """The words of a message before its first value, in the language the command speaks."""
    return _(message).split("%(")[0]


def _rows(conn) -> dict[str, list[tuple]]:
    """Every row of every table, and the sequences that hand out new keys."""
    found: dict[str, list[tuple]] = {}
    with conn.cursor() as cursor:
        for table in database.tables(conn):
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")  # noqa: S608
            found[table] = sorted(cursor.fetchall(), key=repr)
        if conn.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
        else:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        found["(sequences)"] = sorted(cursor.fetchall(), key=repr)
    return found


def _target(tmp_path, migrated: bool):
    """A new database beside the test database: blank, or a copy of the migrated test database taken
    before anything is written to it (an installation where only ``ostoja migrate`` has run)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(tmp_path / "restored.sqlite3")
        if migrated:
            connection.ensure_connection()
            copy = sqlite3.connect(name)
            connection.connection.backup(copy)
            copy.close()
        return name, _url(db, name)
    name = f"{db['NAME']}_restored"
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if migrated:
            _copy_when_alone(cursor, db["NAME"], name)
        else:
            cursor.execute(f'CREATE DATABASE "{name}"')
    return name, _url(db, name)


def _copy_when_alone(cursor, source: str, name: str) -> None:
    """PostgreSQL copies a template only while nobody else is connected to it. The test database is
    this test process's own, but threads of earlier tests may still hold a connection to it: the
    live server's request threads keep theirs for ``CONN_MAX_AGE`` between keep-alive requests.
    Those are ended (a thread that uses its connection again reconnects: ``CONN_HEALTH_CHECKS``)."""
    for _attempt in range(50):
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        try:
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            return
        except OperationalError as error:
            if "being accessed by other users" not in str(error):
                raise
            time.sleep(0.1)  # an ended backend takes a moment to leave
    raise AssertionError(f"{source} stayed in use: it cannot be copied")


@pytest.fixture
def drop(tmp_path):
    yield
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                f'DROP DATABASE IF EXISTS "{connection.settings_dict["NAME"]}_restored" WITH (FORCE)'
            )


def _open(name: str):
    wrapper = type(connections["default"])
    return wrapper({**connection.settings_dict, "NAME": name}, alias="restored")


@pytest.mark.parametrize("migrated", [False, True], ids=["blank database", "migrated database"])
def test_a_backup_of_everything_restores_into_a_new_installation_row_for_row(
    settings, tmp_path, drop, migrated
):
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    name, url = _target(tmp_path, migrated)
    build_world()
    archive = tmp_path / "ostoja.backup"
    call_command("backup", str(archive))
    before = _rows(connection)
    uploads = {
        p.relative_to(tmp_path / "media"): p.read_bytes()
        for p in (tmp_path / "media").rglob("*")
        if p.is_file()
    }
    assert uploads, "the world holds an uploaded library document"
    assert sum(len(rows) for rows in before.values()) > 200

    media = tmp_path / "restored-media"
    cluttered = tmp_path / "cluttered-media"
    (cluttered / "public-library").mkdir(parents=True)
    (cluttered / "public-library" / "left-over.pdf").write_bytes(b"%PDF-1.7")
    refused = _ostoja("restore", str(archive), database_url=url, media=cluttered)
    assert refused.returncode != 0
    assert (
        _start("The media directory %(path)s is not empty: restore only into a new installation.")
        in refused.stderr
    )

    done = _ostoja("restore", str(archive), database_url=url, media=media)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "database restored" in done.stdout  # then checked: a failed check exits non-zero

    restored = _open(name)
    try:
        after = _rows(restored)
    finally:
        restored.close()
    assert sorted(after) == sorted(before)
    for table, rows in before.items():
        assert after[table] == rows, f"{table} differs after the restore"
    assert {p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()} == uploads

    # The restored installation is not empty any more: a second restore is refused.
    again = _ostoja("restore", str(archive), database_url=url, media=tmp_path / "empty-media")
    assert again.returncode != 0
    assert (
        _start(
            "The database is not empty (it holds %(tables)s): a backup is restored only into a new, empty "
            "installation. Create an empty database (and run nothing but 'ostoja migrate' on it)."
        )
        in again.stderr
    )
