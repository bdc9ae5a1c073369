"""A throw-away model with one encrypted field of each kind, for the field and rotation tests.

The vault app has no models of its own. The specimen model is defined, registered and given a table
only while a test module that asks for it runs, then dropped and unregistered again, so that
``makemigrations`` and every other app's tests never see it.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import connection, models

from ostoja.vault.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedIntegerField,
    EncryptedJSONField,
    EncryptedTextField,
    SealedModel,
)

SPECIMEN_TABLE = "vault_test_specimen"

# Fixed test keys, distinct from the ones the test settings provide.
KEY_A = base64.b64decode("YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=")
KEY_B = base64.b64decode("YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=")
KEY_C = base64.b64decode("Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2M=")


def _define_specimen() -> type[models.Model]:
    class Specimen(SealedModel):
        name = EncryptedCharField(max_length=100, null=True, blank=True)
        note = EncryptedTextField(null=True, blank=True)
        born = EncryptedDateField(null=True, blank=True)
        visits = EncryptedIntegerField(null=True, blank=True)
        extra = EncryptedJSONField(null=True, blank=True)
        label = EncryptedCharField(max_length=50, default="", blank=True)

        class Meta:
            app_label = "vault"
            db_table = SPECIMEN_TABLE

        def __str__(self) -> str:
            return f"specimen {self.pk}"

    return Specimen


@pytest.fixture(scope="module")
def specimen_model(django_db_setup, django_db_blocker) -> Iterator[type[models.Model]]:
    model = _define_specimen()
    try:
        with django_db_blocker.unblock(), connection.schema_editor() as editor:
            editor.create_model(model)
        yield model
        with django_db_blocker.unblock(), connection.schema_editor() as editor:
            editor.delete_model(model)
    finally:
        apps.all_models["vault"].pop(model._meta.model_name, None)
        apps.clear_cache()


@pytest.fixture
def specimen(specimen_model, db) -> type[models.Model]:
    """The specimen model, inside a test transaction that rolls its rows back."""
    return specimen_model


def raw_row(pk: int) -> dict[str, str | None]:
    """The stored text of every column of one specimen row, read past the fields."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, note, born, visits, extra, label FROM {SPECIMEN_TABLE} WHERE id = %s",  # noqa: S608
            [pk],
        )
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


@pytest.fixture(autouse=True)
def _own_person_key_store(settings, tmp_path):
    """Each test its own person key store: rotation tests change the ring the keys are sealed under."""
    settings.OSTOJA_PERSON_KEYS_DIR = tmp_path / "person-keys"
