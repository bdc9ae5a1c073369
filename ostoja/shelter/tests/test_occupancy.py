"""Free places tonight: counts for everyone who needs them, cases named only where the viewer may see
them, and a query count that does not grow with the places or the stays."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.shelter import services
from ostoja.shelter.models import Place

pytestmark = pytest.mark.django_db


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("shelter:occupancy"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_free_places_tonight_are_counted_per_place(client_for, case, case_factory, place, make_placement):
    today = timezone.localdate()
    make_placement(case, place)  # tonight
    make_placement(
        case_factory(), place, start=today - dt.timedelta(days=4), end=today, reason="planned"
    )  # left
    make_placement(case_factory(), place, start=today + dt.timedelta(days=1))  # from tomorrow
    assert services.occupancy(today) == {place.pk: 1}
    _n, page = _queries(client_for(Role.DUTY_WORKER))
    assert "1 place free on the night of" in page


def test_cases_are_named_only_for_those_who_may_see_them(
    client_for, case, case_factory, place, make_placement, make_staff
):
    other_manager = make_staff("other_manager", Role.CASE_MANAGER)
    make_placement(case, place)
    elsewhere = case_factory(manager=other_manager)
    make_placement(elsewhere, place, actor=other_manager)
    _n, mine = _queries(client_for(Role.CASE_MANAGER))
    assert case.number in mine and elsewhere.number not in mine
    _n, duty = _queries(client_for(Role.DUTY_WORKER))
    assert case.number not in duty and elsewhere.number not in duty
    assert "Full" in duty  # two beds, both taken
    _n, supervisor = _queries(client_for(Role.SUPERVISOR))
    assert case.number in supervisor and elsewhere.number in supervisor
    # Naming a case there is a list of stays in the audit log.
    shown = AuditEvent.objects.filter(
        action="list", object_type="placement", actor_username="user_case_manager"
    )
    assert shown.exists()


def test_the_query_count_does_not_grow_with_places_or_stays(client_for, case_factory, cast, make_placement):
    client = client_for(Role.SUPERVISOR)
    first = Place.objects.create(name="Place 0", kind="shelter", capacity=10)
    make_placement(case_factory(), first)
    few, _page = _queries(client)
    for n in range(1, 6):
        extra = Place.objects.create(name=f"Place {n}", kind="safe_flat", capacity=3)
        for _stay in range(2):
            make_placement(case_factory(), extra)
    many, page = _queries(client)
    assert "Place 5" in page
    assert many == few
