"""Stays: refused with the reason next to the field when they overlap another stay of the same person,
end before they start or find the place full; nothing half-saved; who may place people where."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ostoja.accounts.roles import Role
from ostoja.shelter import services
from ostoja.shelter.models import Place, Placement
from ostoja.shelter.statistics import stays_by_kind
from ostoja.testing.html import elements, parse, text
from ostoja.web import once

pytestmark = pytest.mark.django_db


def _post_new(client, case, place, **fields):
    data = {"token": once.new_token(), "place": place.pk, "kind": "short_term",
            "start_on": timezone.localdate().isoformat(), **fields}  # fmt: skip
    return client.post(reverse("shelter:placement_new", args=[case.pk]), data)


def _by_id(response, element_id: str):
    found = [e for e in elements(parse(response.content)) if e.get("id") == element_id]
    assert found, f"no #{element_id} on the page"
    return found[0]


def _error(response, field: str) -> str:
    return text(_by_id(response, f"id_{field}_error"))


def test_a_stay_is_recorded_and_listed_without_an_address(client_for, case, place):
    response = _post_new(client_for(Role.CASE_MANAGER), case, place)
    assert response.status_code == 302
    stay = Placement.objects.get(case=case)
    assert (stay.place, stay.kind, stay.start_on, stay.end_on) == (
        place,
        "short_term",
        timezone.localdate(),
        None,
    )
    page = client_for(Role.CASE_MANAGER).get(reverse("shelter:placements", args=[case.pk]))
    assert "Safe flat A" in page.content.decode()


def test_a_second_stay_of_the_same_person_on_the_same_night_is_refused_next_to_the_first_night(
    client_for, case, case_factory, place, make_placement
):
    today = timezone.localdate()
    other_place = Place.objects.create(name="Shelter North", kind="shelter", capacity=5)
    make_placement(case, other_place, start=today - dt.timedelta(days=3))
    # Another case of the same person counts too.
    second_case = case_factory(person=case.person)
    response = _post_new(client_for(Role.CASE_MANAGER), second_case, place, start_on=today.isoformat())
    assert response.status_code == 400
    message = _error(response, "start_on")
    assert "Shelter North" in message and case.number in message
    assert Placement.objects.count() == 1
    # What was typed is kept.
    assert _by_id(response, "id_start_on").get("value") == today.isoformat()


def test_a_stay_may_begin_the_day_the_previous_one_ends(case, place, make_placement):
    today = timezone.localdate()
    make_placement(case, place, start=today - dt.timedelta(days=5), end=today)
    make_placement(case, place, start=today)
    assert Placement.objects.filter(case=case).count() == 2


def test_an_end_before_the_start_is_refused_next_to_the_end(client_for, case, place):
    today = timezone.localdate()
    response = _post_new(
        client_for(Role.CASE_MANAGER), case, place, start_on=today.isoformat(),
        end_on=(today - dt.timedelta(days=1)).isoformat(), end_reason="planned",
    )  # fmt: skip
    assert response.status_code == 400
    assert "must be after the first night" in _error(response, "end_on")
    assert not Placement.objects.exists()


def test_an_end_without_a_reason_is_refused_once_the_person_has_left(case, place, cast, make_placement):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.placement_create(
            placement=Placement(case=case, place=place, kind="crisis_night", start_on=today - dt.timedelta(days=2),
                                end_on=today),
            actor=cast[Role.CASE_MANAGER],
        )  # fmt: skip
    assert "end_reason" in refused.value.message_dict
    # A crisis night booked until tomorrow morning needs no reason yet.
    make_placement(case, place, start=today, end=today + dt.timedelta(days=1), reason="")


def test_a_full_place_is_refused_next_to_the_place(client_for, case, case_factory, place, make_placement):
    today = timezone.localdate()
    for _n in range(place.capacity):  # two other people take both beds from tomorrow
        make_placement(case_factory(), place, start=today + dt.timedelta(days=1))
    # Tonight there is a bed; an open-ended stay from tonight would need one tomorrow too.
    response = _post_new(client_for(Role.CASE_MANAGER), case, place, start_on=today.isoformat())
    assert response.status_code == 400
    assert "is full on the night of" in _error(response, "place")
    assert not Placement.objects.filter(case=case).exists()
    # One night only (leaving tomorrow morning) fits.
    response = _post_new(
        client_for(Role.CASE_MANAGER), case, place, start_on=today.isoformat(),
        end_on=(today + dt.timedelta(days=1)).isoformat(), end_reason="planned", kind="crisis_night",
    )  # fmt: skip
    assert response.status_code == 302


def test_ending_a_stay_frees_the_bed_and_is_version_checked(
    client_for, case, case_factory, place, make_placement
):
    today = timezone.localdate()
    stay = make_placement(case, place, start=today - dt.timedelta(days=3))
    url = reverse("shelter:placement_edit", args=[stay.pk])
    data = {"version": stay.version, "kind": "short_term", "start_on": stay.start_on.isoformat(),
            "end_on": today.isoformat(), "end_reason": "own_home"}  # fmt: skip
    assert client_for(Role.CASE_MANAGER).post(url, data).status_code == 302
    stay.refresh_from_db()
    assert (stay.end_on, stay.end_reason, stay.version) == (today, "own_home", 2)
    assert stay.ended_at is not None
    assert services.occupancy(today).get(place.pk, 0) == 0
    stale = client_for(Role.SUPERVISOR).post(url, {**data, "end_reason": "left"})  # shown version 1
    assert stale.status_code == 400
    stay.refresh_from_db()
    assert stay.end_reason == "own_home"


def test_only_those_the_place_lets_may_place_people_there(case, place, cast):
    place.placing_roles = [Role.SUPERVISOR]
    place.save()
    stay = Placement(case=case, place=place, kind="short_term", start_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.placement_create(placement=stay, actor=cast[Role.CASE_MANAGER])
    place.placers.add(cast[Role.CASE_MANAGER])
    services.placement_create(placement=stay, actor=cast[Role.CASE_MANAGER])
    assert stay.pk


def test_a_specialist_on_the_team_may_not_place_the_person(case, place, cast):
    from ostoja.testing.access import ASSIGNED

    place.placing_roles = [Role.SPECIALIST]
    place.save()
    with pytest.raises(PermissionDenied):
        services.placement_create(
            placement=Placement(case=case, place=place, kind="short_term", start_on=timezone.localdate()),
            actor=cast[ASSIGNED],
        )


def test_the_form_offers_only_the_places_the_user_may_use(client_for, case, place):
    Place.objects.create(
        name="Hostel East", kind="partner_hostel", capacity=3, placing_roles=[Role.SUPERVISOR]
    )
    Place.objects.create(name="Closed flat", kind="safe_flat", capacity=3, active=False)
    page = (
        client_for(Role.CASE_MANAGER).get(reverse("shelter:placement_new", args=[case.pk])).content.decode()
    )
    assert "Safe flat A" in page
    assert "Hostel East" not in page and "Closed flat" not in page
    refused = _post_new(client_for(Role.CASE_MANAGER), case, Place.objects.get(name="Hostel East"))
    assert refused.status_code == 400
    assert "Choose one of the places" in _error(refused, "place")


def test_stays_are_counted_by_kind_for_the_statistics(case, case_factory, place, make_placement):
    today = timezone.localdate()
    make_placement(case, place, start=today - dt.timedelta(days=10), end=today - dt.timedelta(days=9),
                   kind="crisis_night")  # fmt: skip
    make_placement(case_factory(), place, start=today - dt.timedelta(days=2), kind="long_term")
    with translation.override("en"):
        assert stays_by_kind(today - dt.timedelta(days=5), today) == [("long_term", "Long-term stay", 1)]
    rows = stays_by_kind(None, today)
    assert {code: n for code, _label, n in rows} == {"crisis_night": 1, "long_term": 1}
