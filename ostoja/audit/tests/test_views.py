from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import DatabaseError
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit import services
from ostoja.audit.models import Action, AuditEvent, AuditObject
from ostoja.testing.access import assert_access, login_verified

pytestmark = pytest.mark.django_db

URL = "/audit/"


def test_url_name():
    assert reverse("audit:log") == URL


def test_access_matrix(cast):
    assert_access(reverse("audit:log"), cast=cast, allowed=[Role.ADMINISTRATOR, Role.SUPERVISOR])


def test_post_is_not_allowed(client_for):
    assert client_for(Role.ADMINISTRATOR).post(URL).status_code == 405


def _events(actor, count, *, action=Action.VIEW, object_type="case", first_id=1):
    return [
        services.record(actor=actor, action=action, object_type=object_type, object_ids=[first_id + n])
        for n in range(count)
    ]


def test_viewing_the_log_is_logged(cast, client_for):
    admin = cast[Role.ADMINISTRATOR]
    response = client_for(Role.ADMINISTRATOR).get(URL, {"action": "view", "object_type": "case"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(object_type="audit")
    assert event.action == Action.LIST and event.actor == admin
    assert event.details == {"filters": ["action", "object_type"], "shown": 0, "invalid": False}


def test_table_is_accessible_and_shows_events(cast, client_for):
    _events(cast[Role.CASE_MANAGER], 2)
    services.record(
        actor=cast[Role.CASE_MANAGER],
        action=Action.UPDATE,
        object_type="person",
        object_ids=[4],
        details={"fields": ["phone"]},
    )
    client = client_for(Role.SUPERVISOR)
    client.cookies["ostoja_language"] = "en"
    page = client.get(URL).content.decode()
    assert "<caption>" in page and '<th scope="col">' in page and '<th scope="row">' in page
    assert '<label for="id_actor">' in page and '<label for="id_date_from">' in page
    assert page.count("user_case_manager") >= 3
    # Records in words, details as sentences: no internal id, no JSON.
    assert "person: a person without a case" in page and "#4" not in page
    assert "fields changed: phone" in page and "&quot;" not in page


def test_records_are_named_by_case_number_and_found_by_it(cast, client_for, case_factory):
    case, other = case_factory(), case_factory()
    manager = cast[Role.CASE_MANAGER]
    services.record(
        actor=manager,
        action=Action.VIEW,
        object_type="case",
        object_ids=[case.pk],
        related=[("person", case.person_id)],
        details={"via": ["case_manager", "staff"]},
    )
    services.record(actor=manager, action=Action.UPDATE, object_type="person", object_ids=[case.person_id])
    services.record(actor=manager, action=Action.VIEW, object_type="case", object_ids=[other.pk])
    services.record(actor=manager, action=Action.CREATE, object_type="shift", details={"worker": manager.pk})
    client = client_for(Role.SUPERVISOR)
    client.cookies["ostoja_language"] = "en"
    page = client.get(URL).content.decode()
    assert f"case: {case.number}, the person of case {case.number}" in page
    assert "access through: case manager, staff" in page
    assert (
        f"staff member: {manager.get_full_name() or manager.username}" in page
    )  # an id in the details, named
    assert f"#{case.pk}" not in page and f"#{case.person_id}" not in page
    found = client.get(URL, {"case_number": case.number}).context["page"].events
    assert {(e.action, e.object_type) for e in found} == {("view", "case"), ("update", "person")}
    missing = client.get(URL, {"case_number": "1999/0001"})
    assert "No case has this number" in missing.content.decode()


def test_filters(cast, client_for, make_staff):
    manager, specialist = cast[Role.CASE_MANAGER], cast[Role.SPECIALIST]
    with time_machine.travel(datetime(2026, 1, 10, 12, tzinfo=UTC), tick=False):
        services.record(actor=manager, action=Action.VIEW, object_type="case", object_ids=[1])
    with time_machine.travel(datetime(2026, 2, 10, 12, tzinfo=UTC), tick=False):
        services.record(actor=specialist, action=Action.LIST, object_type="case", object_ids=[1, 2, 3])
        services.record(actor=specialist, action=Action.UPDATE, object_type="person", object_ids=[1])
    client = client_for(Role.ADMINISTRATOR)

    def shown(**filters) -> list[int]:
        response = client.get(URL, filters)
        assert response.status_code == 200
        return [event.pk for event in response.context["page"].events if event.object_type != "audit"]

    all_events = list(
        AuditEvent.objects.exclude(object_type="audit").order_by("-id").values_list("pk", flat=True)
    )
    newest, middle, oldest = all_events
    assert shown(actor=manager.pk) == [oldest]
    assert shown(action="list") == [middle]
    assert shown(object_type="person") == [newest]
    assert shown(object_type="case", object_id=1) == [middle, oldest]
    assert shown(object_type="case", object_id=2) == [middle]
    assert shown(date_from="2026-02-01") == [newest, middle]
    assert shown(date_to="2026-01-31") == [oldest]
    assert shown(date_from="2026-01-10", date_to="2026-01-10") == [oldest]
    assert shown(actor=specialist.pk, action="update") == [newest]


@pytest.mark.parametrize(
    ("filters", "field", "kept"),
    [
        ({"date_from": "2026-13-45"}, "date_from", 'value="2026-13-45"'),
        ({"date_from": "2026-02-10", "date_to": "2026-02-01"}, "date_to", 'value="2026-02-01"'),
        ({"case_number": "2099/9999"}, "case_number", 'value="2099/9999"'),
        ({"object_id": "5"}, "object_type", ""),
        ({"object_type": "Kowalska Anna"}, "object_type", ""),
        ({"actor": "999999"}, "actor", ""),
        ({"action": "peek"}, "action", ""),
    ],
)
def test_bad_filters_are_explained_next_to_the_field(cast, client_for, filters, field, kept):
    _events(cast[Role.CASE_MANAGER], 3)
    response = client_for(Role.ADMINISTRATOR).get(URL, filters)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    page = response.content.decode()
    # The message is the one the field's aria-describedby names.
    assert f'id="id_{field}_error"' in page
    assert re.search(rf'aria-describedby="[^"]*\bid_{field}_error\b', page)
    assert kept in page
    assert response.context["page"].events == []
    assert AuditEvent.objects.get(object_type="audit").details["invalid"] is True


def test_pages_of_fifty_with_keyset_links(cast, client_for):
    _events(cast[Role.CASE_MANAGER], 120)
    client = client_for(Role.ADMINISTRATOR)
    ids = list(AuditEvent.objects.order_by("-id").values_list("pk", flat=True))
    first = client.get(URL, {"action": "view"}).context["page"]
    assert [e.pk for e in first.events] == ids[:50]
    assert first.newer_query == ""
    assert first.older_query == f"action=view&before={ids[49]}"
    second = client.get(f"{URL}?{first.older_query}").context["page"]
    assert [e.pk for e in second.events] == ids[50:100]
    third = client.get(f"{URL}?{second.older_query}").context["page"]
    assert [e.pk for e in third.events] == ids[100:120]
    assert third.older_query == ""
    back = client.get(f"{URL}?{third.newer_query}").context["page"]
    assert [e.pk for e in back.events] == ids[50:100]
    assert back.older_query and back.newer_query
    top = client.get(f"{URL}?{back.newer_query}").context["page"]
    assert [e.pk for e in top.events] == ids[:50]
    assert top.newer_query == ""


def test_garbage_cursor_shows_the_first_page(cast, client_for):
    _events(cast[Role.CASE_MANAGER], 3)
    response = client_for(Role.ADMINISTRATOR).get(URL, {"before": "1 OR 1=1"})
    assert response.status_code == 200 and len(response.context["page"].events) == 3


def test_query_count_does_not_grow_with_the_page(cast, client_for, django_assert_max_num_queries):
    manager = cast[Role.CASE_MANAGER]
    client = client_for(Role.ADMINISTRATOR)
    client.cookies["ostoja_language"] = "en"
    _events(manager, 3)
    # Naming the records costs one query per kind of record on the page, never one per row.
    with django_assert_max_num_queries(18) as few:
        client.get(URL)
    for n in range(60):
        services.record(
            actor=manager, action=Action.LIST, object_type="case", object_ids=range(n * 20, n * 20 + 20)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["page"].events) == 50
    assert "(20 records in all)" in response.content.decode()


def test_a_failing_audit_write_fails_the_request(cast, client_for, monkeypatch):
    """No audit row, no data."""
    _events(cast[Role.CASE_MANAGER], 3, object_type="person", first_id=4242)
    before = AuditEvent.objects.count()

    def broken(**kwargs):
        raise RuntimeError("audit storage unavailable")

    monkeypatch.setattr(services, "record", broken)
    client = login_verified(Client(raise_request_exception=False), cast[Role.ADMINISTRATOR])
    response = client.get(URL)
    assert response.status_code == 500
    assert "#4242" not in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_an_audit_write_failing_half_way_rolls_the_request_back(cast, monkeypatch):
    """The event row was inserted when the write failed: the request's transaction undoes it."""
    _events(cast[Role.CASE_MANAGER], 3, object_type="person", first_id=4242)
    before = AuditEvent.objects.count()

    original = QuerySet.bulk_create

    def broken(self, objs, *args, **kwargs):
        if self.model is AuditObject:
            raise DatabaseError("audit storage unavailable")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", broken)
    client = login_verified(Client(raise_request_exception=False), cast[Role.ADMINISTRATOR])
    response = client.get(URL)
    assert response.status_code == 500
    assert "#4242" not in response.content.decode()
    assert AuditEvent.objects.count() == before
