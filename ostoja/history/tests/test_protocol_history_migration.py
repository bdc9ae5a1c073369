import importlib

import pytest
from django.apps import apps

from ostoja.accounts.roles import Role
from ostoja.history.models import FieldChange
from ostoja.people import services as people_services
from ostoja.people.models import Person, SafeContactProtocol

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ostoja.history.migrations.0002_protocol_changes_under_the_person")


def _person(cast, name: str) -> Person:
    return people_services.person_register(
        person=Person(given_name=name, registered_by=cast[Role.CASE_MANAGER]), channels=[]
    )


def test_old_protocol_changes_move_to_their_person(cast):
    first, second = _person(cast, "Anna"), _person(cast, "Olena")
    SafeContactProtocol.objects.filter(person__in=[first, second]).delete()
    # The second person's protocol carries the first person's id, as ids often did.
    protocol = SafeContactProtocol.objects.create(pk=first.pk, person=second)
    actor = cast[Role.CASE_MANAGER]
    misfiled = FieldChange.objects.create(
        object_type="person", object_id=protocol.pk, field="when", label="when", new_value="after 18:00",
        changed_by=actor,
    )  # fmt: skip
    own_field = FieldChange.objects.create(
        object_type="person", object_id=first.pk, field="given_name", label="name", new_value="Anna",
        changed_by=actor,
    )  # fmt: skip
    migration.forwards(apps, None)
    misfiled.refresh_from_db()
    own_field.refresh_from_db()
    assert misfiled.object_id == second.pk
    assert own_field.object_id == first.pk
    assert misfiled.new_value == "after 18:00"
