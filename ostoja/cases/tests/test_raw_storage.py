"""The database holds no plaintext of protected fields (docs/SECURITY.md, "What a copy of the database tells"), on SQLite and PostgreSQL."""

import os
import shutil
import subprocess

import pytest
from django.db import connection

from ostoja.accounts.roles import Role
from ostoja.cases import services as case_services

SECRETS = [
    "Коваленко",
    "Kovalenko",
    "Olena",
    "601234567",
    "XK1234567",
    "kryjówka przy ulicy",
    "kod-słowo-malina",
]


def _create_protected_records(person_factory, case, cast):
    from ostoja.people.models import IdentityDocument, SafeContactProtocol

    person = person_factory(phone="+48601234567")
    IdentityDocument.objects.create(
        person=person, kind="passport", number="XK1234567", status="held_by_other"
    )
    protocol = SafeContactProtocol.objects.get(person=person)
    protocol.other_instructions = "kryjówka przy ulicy"
    protocol.save()
    channel = person.channels.get()
    channel.code_word = "kod-słowo-malina"
    channel.save()
    case.person = person
    case.save()
    case_services.note_add(case=case, author=cast[Role.CASE_MANAGER], text="Olena: kryjówka przy ulicy")
    return person


def _all_table_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — table names from introspection
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


@pytest.mark.django_db
def test_no_plaintext_in_any_table(person_factory, case, cast):
    _create_protected_records(person_factory, case, cast)
    dump = _all_table_text()
    leaked = [s for s in SECRETS if s in dump]
    assert not leaked, f"plaintext in the database: {leaked}"


@pytest.mark.django_db(transaction=True)
def test_no_plaintext_in_a_postgresql_dump(person_factory, case, cast):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run the suite with DATABASE_URL=postgres://…")
    if not shutil.which("pg_dump"):
        pytest.fail("pg_dump is needed for this test (postgresql-client)")
    _create_protected_records(person_factory, case, cast)
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    dump = subprocess.run(
        ["pg_dump", "-h", settings.get("HOST") or "127.0.0.1", "-p", str(settings.get("PORT") or 5432),
         "-U", settings.get("USER") or "postgres", settings["NAME"]],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    assert "Create model" not in dump and "CREATE TABLE" in dump
    leaked = [s for s in SECRETS if s in dump]
    assert not leaked, f"plaintext in pg_dump: {leaked}"
