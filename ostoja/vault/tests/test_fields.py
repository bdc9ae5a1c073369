"""Encrypted model fields: round trips, ciphertext at rest, loud failures, refused lookups."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.exceptions import FieldError, ValidationError
from django.db import connection, models
from django.db.migrations.writer import MigrationWriter
from django.db.models import Q

from ostoja.vault.crypto import DecryptionError, key_id_of
from ostoja.vault.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedField,
    EncryptedIntegerField,
    EncryptedJSONField,
    EncryptedTextField,
    Locked,
    SealedModel,
)
from ostoja.vault.tests.conftest import KEY_A, KEY_B, SPECIMEN_TABLE, raw_row

VALUES = {
    "name": "Олена Коваленко",
    "note": "Spotkanie w schronisku przy ul. Długiej 7, pokój 12",
    "born": datetime.date(1994, 3, 17),
    "visits": 4711,
    "extra": {"languages": ["uk", "ru"], "aliases": ["Ołena Kowalenko"]},
    "label": "Shevchenko",
}


def test_values_round_trip(specimen):
    row = specimen.objects.create(**VALUES)
    loaded = specimen.objects.get(pk=row.pk)
    for name, value in VALUES.items():
        assert getattr(loaded, name) == value
    assert type(loaded.born) is datetime.date
    assert type(loaded.visits) is int


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("note", ""), ("visits", 0), ("extra", []), ("extra", {}), ("extra", ""), ("label", "")],
)
def test_empty_values_round_trip_as_ciphertext(specimen, field, value):
    row = specimen.objects.create(**{field: value})
    assert getattr(specimen.objects.get(pk=row.pk), field) == value
    stored = raw_row(row.pk)[field]
    assert stored is not None
    assert stored.startswith("v2:")


@pytest.mark.parametrize("field", ["name", "note", "born", "visits", "extra"])
def test_none_stays_null(specimen, field):
    row = specimen.objects.create(**{field: None})
    assert raw_row(row.pk)[field] is None
    assert getattr(specimen.objects.get(pk=row.pk), field) is None
    assert specimen.objects.filter(pk=row.pk, **{f"{field}__isnull": True}).exists()


def test_only_ciphertext_at_rest(specimen, settings):
    row = specimen.objects.create(**VALUES)
    stored = raw_row(row.pk)
    fragments = [
        "Олена",
        "Коваленко",
        "Długiej",
        "schronisku",
        "1994",
        "4711",
        "languages",
        "Ołena",
        "Shevchenko",
    ]
    for column, text in stored.items():
        assert text.startswith(f"v2:{next(iter(settings.OSTOJA_ENCRYPTION_KEYS))}:"), column
        for fragment in fragments:
            assert fragment not in text, (column, fragment)
    # Nor anywhere else in the table's raw content, whatever column it could hide in.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SPECIMEN_TABLE}")  # noqa: S608
        dump = repr(cursor.fetchall())
    for fragment in fragments:
        assert fragment not in dump


def test_same_value_stores_differently(specimen):
    first = specimen.objects.create(name="Anna Nowak")
    second = specimen.objects.create(name="Anna Nowak")
    assert raw_row(first.pk)["name"] != raw_row(second.pk)["name"]


def test_save_update_fields_and_bulk_create_encrypt_for_the_row(specimen):
    row = specimen.objects.create(name="before")
    row.name, row.visits = "after save", 0
    row.save(update_fields=["name", "visits"])
    assert raw_row(row.pk)["name"].startswith("v2:")
    row.refresh_from_db()
    assert (row.name, row.visits) == ("after save", 0)
    created = specimen.objects.bulk_create(
        [specimen(name="bulk", born=datetime.date(2001, 1, 2)), specimen(name="bulk 2", label="x")]
    )
    assert all(made.pk is not None for made in created)
    for made in created:
        assert specimen.objects.get(pk=made.pk).name == made.name
    assert specimen.objects.get(pk=created[0].pk).born == datetime.date(2001, 1, 2)


def test_update_and_bulk_update_of_encrypted_fields_are_refused(specimen):
    # One value cannot be sealed for many rows at once; the instance's save() seals it for its row.
    from django.db import transaction

    row = specimen.objects.create(name="before")
    with pytest.raises(FieldError, match="for its row"), transaction.atomic():
        specimen.objects.filter(pk=row.pk).update(name="after")
    row.name = "after"
    with pytest.raises(FieldError, match="for its row"), transaction.atomic():
        specimen.objects.bulk_update([row], ["name"])
    assert specimen.objects.get(pk=row.pk).name == "before"


def test_new_rows_get_their_key_before_they_are_written(specimen, django_assert_num_queries):
    specimen.objects.create(name="first")
    row = specimen(name="Olena")
    with django_assert_num_queries(2):  # the key from the sequence, then one INSERT
        row.save()
    assert row.pk is not None and not row._state.adding
    later = specimen.objects.create(name="Anna")
    assert later.pk > row.pk
    # Keys the database picks itself after that do not collide with allocated ones.
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {SPECIMEN_TABLE} (label) VALUES (%s)", [raw_row(later.pk)["label"]])  # noqa: S608
    assert specimen.objects.create(name="Iryna").pk > later.pk + 1


def test_values_and_values_list_stay_locked(specimen):
    specimen.objects.create(name="Julija", visits=0)
    [(name, visits)] = list(specimen.objects.values_list("name", "visits"))
    assert isinstance(name, Locked) and isinstance(visits, Locked)
    with pytest.raises(TypeError, match="values_list"):
        str(name)
    assert list(specimen.objects.values_list("label", flat=True)) != [""]


def test_wrong_key_raises_on_load(specimen, settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    row = specimen.objects.create(name="Yuliia", visits=0)
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_B}
    with pytest.raises(DecryptionError):
        specimen.objects.get(pk=row.pk)
    with pytest.raises(DecryptionError):
        list(specimen.objects.only("visits"))


def test_missing_key_raises_on_load(specimen, settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    row = specimen.objects.create(label="", born=datetime.date(2000, 1, 1))
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}
    with pytest.raises(DecryptionError):
        specimen.objects.get(pk=row.pk)
    with pytest.raises(DecryptionError):
        specimen.objects.only("label").get(pk=row.pk)


def test_tampered_value_raises_on_load(specimen):
    row = specimen.objects.create(name="Mykhailo")
    token = raw_row(row.pk)["name"]
    flipped = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SPECIMEN_TABLE} SET name = %s WHERE id = %s", [flipped, row.pk])  # noqa: S608
    with pytest.raises(DecryptionError):
        specimen.objects.get(pk=row.pk)


def test_plaintext_written_behind_the_fields_raises(specimen):
    row = specimen.objects.create(name="x")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SPECIMEN_TABLE} SET name = %s WHERE id = %s", ["Mykhailo", row.pk])  # noqa: S608
    with pytest.raises(DecryptionError):
        specimen.objects.get(pk=row.pk)


@pytest.mark.parametrize(("source", "target"), [("name", "label"), ("label", "note"), ("note", "name")])
def test_value_copied_to_another_column_raises(specimen, source, target):
    row = specimen.objects.create(name="Olena", label="Olena", note="Olena")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SPECIMEN_TABLE} SET {target} = {source} WHERE id = %s", [row.pk])  # noqa: S608
    with pytest.raises(DecryptionError):
        specimen.objects.get(pk=row.pk)


@pytest.mark.parametrize("column", ["name", "note", "born", "visits", "extra", "label"])
def test_values_swapped_between_rows_do_not_open(specimen, column):
    """A review swapped two persons' phone numbers without any key: each value is bound to its row."""
    first = specimen.objects.create(
        name="Olena", note="a", born=datetime.date(1990, 1, 1), visits=1, extra=[1], label="x"
    )
    second = specimen.objects.create(
        name="Anna", note="b", born=datetime.date(1991, 2, 2), visits=2, extra=[2], label="y"
    )
    one, two = raw_row(first.pk)[column], raw_row(second.pk)[column]
    with connection.cursor() as cursor:
        for pk, token in ((first.pk, two), (second.pk, one)):
            cursor.execute(f"UPDATE {SPECIMEN_TABLE} SET {column} = %s WHERE id = %s", [token, pk])  # noqa: S608
    for pk in (first.pk, second.pk):
        with pytest.raises(DecryptionError, match="another column or row"):
            specimen.objects.get(pk=pk)


def test_a_value_moved_with_a_changed_key_of_its_row_does_not_open(specimen):
    # Renumbering the row (to make a moved value match its old key) moves the whole row instead.
    row = specimen.objects.create(name="Olena")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SPECIMEN_TABLE} SET id = %s WHERE id = %s", [row.pk + 1000, row.pk])  # noqa: S608
    with pytest.raises(DecryptionError):
        specimen.objects.get(pk=row.pk + 1000)


def test_an_old_format_value_planted_from_a_backup_does_not_open(specimen):
    from ostoja.vault.crypto import LEGACY_VERSION, encrypt

    row = specimen.objects.create(name="Olena")
    old = encrypt(b"Mallory", aad=b"vault.specimen.name", version=LEGACY_VERSION)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SPECIMEN_TABLE} SET name = %s WHERE id = %s", [old, row.pk])  # noqa: S608
    with pytest.raises(DecryptionError, match="migrate"):
        specimen.objects.get(pk=row.pk)


def test_binding_is_the_model_label_field_name_and_row(specimen):
    field = specimen._meta.get_field("name")
    assert field.aad == b"vault.specimen.name"
    assert field.aad_for(42) == b"vault.specimen.name#42"
    with pytest.raises(FieldError):
        field.aad_for(None)
    pinned = EncryptedCharField(max_length=10, binding="people.person.given_name")
    assert pinned.aad == b"people.person.given_name"
    assert pinned.deconstruct()[3]["binding"] == "people.person.given_name"


@pytest.mark.parametrize(
    "condition",
    [
        {"name": "Olena"},
        {"name__exact": "Olena"},
        {"name__iexact": "olena"},
        {"name__icontains": "len"},
        {"name__startswith": "v1:"},
        {"name__in": ["Olena"]},
        {"name": None},
        {"note__contains": "x"},
        {"label__gt": ""},
        {"born": datetime.date(1994, 3, 17)},
        {"born__year": 1994},
        {"born__range": (datetime.date(1990, 1, 1), datetime.date(2000, 1, 1))},
        {"visits": 0},
        {"visits__lt": 5},
        {"extra__languages": "uk"},
        {"extra__contains": ["uk"]},
        {"extra__has_key": "languages"},
    ],
)
def test_lookups_are_refused(specimen, condition):
    with pytest.raises(FieldError, match="encrypted"):
        list(specimen.objects.filter(**condition))
    with pytest.raises(FieldError, match="encrypted"):
        list(specimen.objects.exclude(Q(**condition)))


def test_isnull_lookup_works(specimen):
    empty = specimen.objects.create(name="")
    missing = specimen.objects.create(name=None)
    assert list(specimen.objects.filter(name__isnull=True)) == [missing]
    assert list(specimen.objects.filter(name__isnull=False)) == [empty]


def test_not_null_column_refuses_none(specimen):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        specimen.objects.create(label=None)


def test_columns_are_text(specimen):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, SPECIMEN_TABLE)
    types = {
        column.name: connection.introspection.get_field_type(column.type_code, column)
        for column in description
    }
    for name in ("name", "note", "born", "visits", "extra", "label"):
        assert types[name] == "TextField", name


def test_form_fields_match_the_plain_ones(specimen):
    meta = specimen._meta
    name = meta.get_field("name").formfield()
    assert isinstance(name, forms.CharField)
    assert name.max_length == 100
    assert isinstance(meta.get_field("note").formfield().widget, forms.Textarea)
    assert isinstance(meta.get_field("born").formfield(), forms.DateField)
    visits = meta.get_field("visits").formfield()
    assert isinstance(visits, forms.IntegerField)
    assert visits.max_value is None
    assert isinstance(meta.get_field("extra").formfield(), forms.JSONField)


def test_model_form_round_trip(specimen):
    form_class = forms.modelform_factory(specimen, fields=["name", "born", "visits", "extra", "label"])
    form = form_class(
        data={"name": "Ołena", "born": "1994-03-17", "visits": "0", "extra": '["uk"]', "label": ""}
    )
    assert form.is_valid(), form.errors
    row = form.save()
    loaded = specimen.objects.get(pk=row.pk)
    assert (loaded.name, loaded.born, loaded.visits, loaded.extra, loaded.label) == (
        "Ołena",
        datetime.date(1994, 3, 17),
        0,
        ["uk"],
        "",
    )
    too_long = form_class(data={"name": "x" * 101, "label": "", "extra": "null"})
    assert not too_long.is_valid()
    assert "name" in too_long.errors


def test_full_clean_uses_plain_validation(specimen):
    row = specimen(name="x" * 101, label="")
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert "name" in caught.value.message_dict
    bad_json = specimen(label="", extra={"when": datetime.date(2020, 1, 1)})
    with pytest.raises(ValidationError) as caught:
        bad_json.full_clean()
    assert "extra" in caught.value.message_dict


def test_integer_field_takes_numbers_only(specimen):
    with pytest.raises(ValueError, match="visits"):
        specimen.objects.create(visits="many")


def test_date_field_has_no_next_by_helpers(specimen):
    assert not hasattr(specimen, "get_next_by_born")


@pytest.mark.parametrize(
    "field",
    [
        EncryptedTextField(null=True),
        EncryptedCharField(max_length=20, blank=True, verbose_name="given name"),
        EncryptedDateField(null=True, blank=True),
        EncryptedIntegerField(default=0),
        EncryptedJSONField(default=list, blank=True),
        EncryptedCharField(max_length=20, binding="people.person.given_name"),
    ],
)
def test_fields_deconstruct_and_serialise_for_migrations(field):
    _name, path, args, kwargs = field.deconstruct()
    assert path.startswith("ostoja.vault.fields.Encrypted")
    rebuilt = type(field)(*args, **kwargs)
    assert rebuilt.deconstruct()[1:] == (path, args, kwargs)
    source, imports = MigrationWriter.serialize(field)
    assert "import ostoja.vault.fields" in imports
    assert source.startswith(path)


def _check_ids(**options) -> set[str]:
    class Probe(SealedModel):
        secret = EncryptedCharField(max_length=10, **options)

        class Meta:
            app_label = "vault"
            managed = False

        def __str__(self) -> str:
            return f"probe {self.pk}"

    try:
        return {message.id for message in Probe._meta.get_field("secret").check()}
    finally:
        from django.apps import apps

        apps.all_models["vault"].pop("probe", None)
        apps.clear_cache()


@pytest.mark.parametrize(
    ("options", "check_id"),
    [
        ({"unique": True}, "vault.E002"),
        ({"db_index": True}, "vault.E003"),
        ({"db_default": "x"}, "vault.E004"),
        ({"db_collation": "C"}, "vault.E005"),
    ],
)
def test_checks_refuse_what_ciphertext_cannot_do(options, check_id):
    assert check_id in _check_ids(**options)


def test_checks_accept_a_plain_encrypted_field():
    assert not {i for i in _check_ids(blank=True) if i.startswith("vault.")}


def test_unbound_field_cannot_seal():
    with pytest.raises(FieldError):
        _ = EncryptedTextField().aad


def test_every_field_is_an_encrypted_field():
    for cls in (
        EncryptedTextField,
        EncryptedCharField,
        EncryptedDateField,
        EncryptedIntegerField,
        EncryptedJSONField,
    ):
        assert issubclass(cls, EncryptedField)


def test_key_id_is_readable_from_every_stored_value(specimen, settings):
    current = next(iter(settings.OSTOJA_ENCRYPTION_KEYS))
    row = specimen.objects.create(**VALUES)
    for text in raw_row(row.pk).values():
        assert key_id_of(text) == current


def test_a_model_with_encrypted_fields_must_be_sealed():
    class Unsealed(models.Model):
        secret = EncryptedCharField(max_length=10)

        class Meta:
            app_label = "vault"
            managed = False

        def __str__(self) -> str:
            return "unsealed"

    try:
        assert "vault.E006" in {m.id for m in Unsealed._meta.get_field("secret").check()}
    finally:
        from django.apps import apps

        apps.all_models["vault"].pop("unsealed", None)
        apps.clear_cache()
