"""The age group kept in clear for statistics: computed where the person is saved, at the band edges,
and filled for persons saved before it existed."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from ostoja.people import services as people_services
from ostoja.people.codes import AgeBand, age_band, age_band_of
from ostoja.people.models import Person

pytestmark = pytest.mark.django_db


def _birthday(years: int, days: int = 0) -> dt.date:
    """The date of birth of someone who turns ``years`` today (``days`` later: not yet). On 29 February,
    when that year had no 29 February, of someone who turned ``years`` the day before, on the 28th: the
    day after, 1 March, is still the birthday not yet reached."""
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:
        born = today.replace(year=today.year - years, day=28)
    return born + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, ""), (-1, ""), (0, "0-8"), (8, "0-8"), (9, "9-17"), (17, "9-17"), (18, "18-20"), (20, "18-20"),
     (21, "21-23"), (29, "27-29"), (30, "30-38"), (47, "39-47"), (48, "48+"), (130, "48+")],
)  # fmt: skip
def test_the_bands_at_their_edges(age, band):
    assert age_band(age) == band


def test_the_band_follows_the_birthday_not_the_year():
    today = dt.date(2026, 6, 15)
    assert age_band_of(dt.date(2008, 6, 15), None, today) == AgeBand.FROM_18  # 18 today
    assert age_band_of(dt.date(2008, 6, 16), None, today) == AgeBand.FROM_9  # 17 until tomorrow
    assert age_band_of(None, 17, today) == AgeBand.FROM_9
    assert age_band_of(None, 18, today) == AgeBand.FROM_18
    assert age_band_of(None, None, today) == ""
    assert age_band_of(dt.date(2000, 1, 1), 5, today) == AgeBand.FROM_24  # the date of birth wins


def test_saving_the_person_sets_the_band(person_factory):
    person = person_factory(date_of_birth=_birthday(18))
    assert Person.objects.get(pk=person.pk).age_band == "18-20"
    person = person_factory(family_latin="Younger", date_of_birth=_birthday(18, days=1))
    assert Person.objects.get(pk=person.pk).age_band == "9-17"
    unknown = person_factory(family_latin="Unknown")
    assert Person.objects.get(pk=unknown.pk).age_band == ""


def test_an_edit_of_the_age_alone_updates_the_band(person_factory):
    person = person_factory()
    person.estimated_age = 17
    people_services.person_update(person=person, expected_version=person.version, fields=["estimated_age"])
    assert Person.objects.get(pk=person.pk).age_band == "9-17"
    person = Person.objects.get(pk=person.pk)
    person.estimated_age = None
    person.date_of_birth = _birthday(40)
    people_services.person_update(
        person=person, expected_version=person.version, fields=["estimated_age", "date_of_birth"]
    )
    assert Person.objects.get(pk=person.pk).age_band == "39-47"


def test_an_edit_of_other_fields_keeps_the_band(person_factory):
    person = person_factory(estimated_age=30)
    Person.objects.filter(pk=person.pk).update(age_band="48+")  # as saved on another day
    person = Person.objects.get(pk=person.pk)
    person.needs_interpreter = True
    people_services.person_update(
        person=person, expected_version=person.version, fields=["needs_interpreter"]
    )
    assert Person.objects.get(pk=person.pk).age_band == "48+"


def test_the_migration_fills_the_bands_of_existing_persons(person_factory):
    adult = person_factory(date_of_birth=_birthday(30))
    minor = person_factory(family_latin="Minor", estimated_age=12)
    unknown = person_factory(family_latin="Unknown")
    Person.objects.update(age_band="")  # as before the column existed
    migration = importlib.import_module("ostoja.people.migrations.0014_age_band")
    migration.fill_bands(apps, SimpleNamespace(connection=connection))
    bands = dict(Person.objects.values_list("pk", "age_band"))
    assert bands[adult.pk] == "30-38"
    assert bands[minor.pk] == "9-17"
    assert bands[unknown.pk] == ""
