"""Files earlier safe-contact protocol changes under the person they belong to.

They were written with the protocol's own id as the person's id, so they showed in the file of
whichever person happened to have that id. Person fields and protocol fields have different names,
so the rows to move are the "person" changes of protocol fields.
"""

from django.db import migrations

PROTOCOL_FIELDS = ("channel", "when", "if_someone_else_answers", "messages", "other_instructions")
BATCH = 1000


def forwards(apps, schema_editor):
    FieldChange = apps.get_model("history", "FieldChange")
    Protocol = apps.get_model("people", "SafeContactProtocol")
    rows = (
        FieldChange.objects.filter(object_type="person", field__in=PROTOCOL_FIELDS)
        .order_by("pk")
        .values_list("pk", "object_id")
    )
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        last = batch[-1][0]
        owners = dict(
            Protocol.objects.filter(pk__in={object_id for _, object_id in batch}).values_list("pk", "person_id")
        )
        for pk, protocol_id in batch:
            person_id = owners.get(protocol_id)
            if person_id is not None and person_id != protocol_id:
                FieldChange.objects.filter(pk=pk).update(object_id=person_id)


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_initial"),
        ("people", "0003_searchtoken_single_person_index"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
