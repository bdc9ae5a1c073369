"""The age group of each person in clear (``Person.age_band``), for statistics that must not decrypt.

Existing persons get the band of their date of birth (else their estimated age) as on the day they were
last saved, the rule ``Person.save()`` follows from now on. This is the one place that decrypts them,
in batches ordered by primary key, writing only the new column; a person whose values cannot be
opened (erased: the key is destroyed) keeps no band.
"""

from django.db import migrations, models, transaction
from django.utils import timezone

from ostoja.people.codes import age_band_of
from ostoja.vault.crypto import DecryptionError

BATCH_SIZE = 500


def _opened(field, value, pk):
    token = getattr(value, "token", None)  # the historical model leaves values locked
    if token is None:
        return value
    try:
        return field.open(token, pk)
    except DecryptionError:
        return None


def fill_bands(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    using = schema_editor.connection.alias
    born_field = Person._meta.get_field("date_of_birth")
    estimated_field = Person._meta.get_field("estimated_age")
    manager = Person._base_manager.db_manager(using)
    last_pk = 0
    while True:
        with transaction.atomic(using=using):
            batch = list(
                manager.filter(pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", "date_of_birth", "estimated_age", "updated_at")[:BATCH_SIZE]
            )
            if not batch:
                return
            for pk, born, estimated, updated_at in batch:
                if born is None and estimated is None:
                    continue
                band = age_band_of(
                    _opened(born_field, born, pk),
                    _opened(estimated_field, estimated, pk),
                    timezone.localdate(updated_at) if updated_at else timezone.localdate(),
                )
                if band:
                    manager.filter(pk=pk).update(age_band=band)
        last_pk = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0013_seal_later_records_under_person_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="age_band",
            field=models.CharField(
                blank=True,
                choices=[
                    ("0-8", "0–8 years"), ("9-17", "9–17 years"), ("18-20", "18–20 years"), ("21-23", "21–23 years"),
                    ("24-26", "24–26 years"), ("27-29", "27–29 years"), ("30-38", "30–38 years"),
                    ("39-47", "39–47 years"), ("48+", "48 years and over"),
                ],
                db_index=True, editable=False, max_length=8, verbose_name="age group",
            ),  # fmt: skip
        ),
        migrations.RunPython(fill_bands, migrations.RunPython.noop, elidable=False),
    ]
