"""Per-person keys on the real models: rotation rewraps them, and the migration moves existing data under them."""

from __future__ import annotations

import base64
import io
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from ostoja.cases.models import Note
from ostoja.cases.tests.test_erasure import _raw_tokens
from ostoja.people.models import Person
from ostoja.testing.world import build_world
from ostoja.vault import personkeys
from ostoja.vault.rewrap import from_person_keys, to_person_keys

pytestmark = pytest.mark.django_db

NEW_KEY = base64.b64decode("bmV3LXJpbmcta2V5LWZvci1yb3RhdGlvbi10ZXN0cyE=")
# Both migrations that seal records under person keys: those of 0011 and those added after it (0013).
OWNERS = {
    **import_module("ostoja.people.migrations.0011_seal_under_person_keys").OWNERS,
    **import_module("ostoja.people.migrations.0013_seal_later_records_under_person_keys").OWNERS,
}


@pytest.fixture(autouse=True)
def _own_store(settings, tmp_path):
    settings.OSTOJA_PERSON_KEYS_DIR = tmp_path / "person-keys"


def test_rotation_rewraps_person_keys_without_re_encrypting_their_data(settings):
    world = build_world()
    before = _raw_tokens()
    personal = {k: t for k, t in before.items() if t.startswith("v3:")}
    ring = {k: t for k, t in before.items() if t.startswith("v2:")}
    assert personal and ring
    old_ring = dict(settings.OSTOJA_ENCRYPTION_KEYS)
    settings.OSTOJA_ENCRYPTION_KEYS = {"k2": NEW_KEY, **old_ring}
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "Klucze osób:" in out.getvalue()  # the command speaks the staff's default language
    after = _raw_tokens()
    assert all(after[k] == t for k, t in personal.items())  # the person's data untouched
    assert all(after[k].startswith("v2:k2:") for k in ring)  # the ring's values moved
    key_file = settings.OSTOJA_PERSON_KEYS_DIR / world.person.data_key[:2] / world.person.data_key
    assert key_file.read_text().startswith("v2:k2:")
    settings.OSTOJA_ENCRYPTION_KEYS = {"k2": NEW_KEY}  # the old key retired
    personkeys.forget_cache()
    again = Person.objects.get(pk=world.person.pk)
    assert again.given_name == world.person.given_name
    assert [n.text for n in Note.objects.filter(case=world.case)]


def test_the_migration_moves_existing_data_under_each_persons_key():
    world = build_world()
    editor = SimpleNamespace(connection=connection)
    from_person_keys(OWNERS)(apps, editor)  # as the data was before this change: under the ring
    Person.objects.update(data_key="")
    before = _raw_tokens()
    assert not any(t.startswith("v3:") for t in before.values())
    to_person_keys(OWNERS)(apps, editor)
    person = Person.objects.get(pk=world.person.pk)
    assert person.data_key and person.given_name == world.person.given_name
    after = _raw_tokens()
    moved = {k for k, t in after.items() if t.startswith(f"v3:{person.data_key}:")}
    assert ("people.Person", person.pk, "given_name") in moved
    assert ("cases.Case", world.case.pk, "risk_flags") in moved
    assert any(label == "history.FieldChange" for label, _pk, _name in moved)
    assert any(label == "identification.ScreeningAnswer" for label, _pk, _name in moved)
    # Rows of nobody's stay under the ring; a second run changes nothing.
    assert any(t.startswith("v2:") for t in after.values())
    to_person_keys(OWNERS)(apps, editor)
    assert _raw_tokens() == after
    # Every value still opens where it is.
    for model in apps.get_models():
        list(model._base_manager.all())
