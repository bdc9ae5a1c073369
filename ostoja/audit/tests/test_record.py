from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory

from ostoja.accounts.roles import Role
from ostoja.audit import chain, services
from ostoja.audit.models import Action, AuditEvent, AuditObject, AuditSeal

pytestmark = pytest.mark.django_db


def _request(user, address="203.0.113.7"):
    request = RequestFactory().get("/cases/", REMOTE_ADDR=address)
    request.user = user
    return request


def test_record_writes_event_and_one_row_per_record(make_staff):
    worker = make_staff("worker", Role.CASE_MANAGER)
    event = services.record(
        request=_request(worker),
        action=Action.LIST,
        object_type="case",
        object_ids=[3, 1, 2, 3],
        related=[("person", 9)],
        details={"count": 3, "kind": "name"},
    )
    event.refresh_from_db()
    assert event.actor_id == worker.pk
    assert event.actor_username == "worker"
    assert event.address == "203.0.113.7"
    assert event.details == {"count": 3, "kind": "name"}
    assert len(event.hash) == 64 and event.prev_hash == ""  # its link in the chain comes when sealed
    refs = sorted(AuditObject.objects.filter(event=event).values_list("object_type", "object_id"))
    assert refs == [("case", 1), ("case", 2), ("case", 3), ("person", 9)]


def test_events_chain_to_each_other(make_staff):
    worker = make_staff("worker", Role.DUTY_WORKER)
    first = services.record(actor=worker, action=Action.VIEW, object_type="person", object_ids=[1])
    second = services.record(actor=worker, action=Action.VIEW, object_type="person", object_ids=[2])
    assert chain.seal() == 2
    first_link, second_link = AuditSeal.objects.filter(event__in=[first, second]).order_by("position")
    assert (first_link.event_id, second_link.event_id) == (first.pk, second.pk)
    assert second_link.prev_hash == first_link.hash
    assert first_link.hash != second_link.hash


def test_anonymous_request_has_no_actor():
    from django.contrib.auth.models import AnonymousUser

    event = services.record(
        request=_request(AnonymousUser()), action=Action.SIGN_IN_FAILED, object_type="session"
    )
    assert event.actor_id is None and event.actor_username == ""


def test_malformed_address_is_left_out(make_staff):
    event = services.record(
        request=_request(make_staff("w"), address="not-an-address"), action=Action.VIEW, object_type="case"
    )
    assert event.address is None


def test_ipv6_address_round_trips_through_the_chain(make_staff):
    from ostoja.audit import chain

    services.record(
        request=_request(make_staff("w"), address="2001:DB8::0:1"), action=Action.VIEW, object_type="case"
    )
    assert chain.verify().intact


@pytest.mark.parametrize(
    "details",
    [
        {"when": object()},
        {"ratio": float("nan")},
        {"text": "a\x00b"},
        ["not", "a", "mapping"],
    ],
)
def test_rejects_details_that_are_not_plain_json(make_staff, details):
    with pytest.raises((TypeError, ValueError)):
        services.record(actor=make_staff("w"), action=Action.UPDATE, object_type="case", details=details)
    assert not AuditEvent.objects.exists()


def test_details_are_normalised_before_hashing(make_staff):
    from ostoja.audit import chain

    services.record(
        actor=make_staff("w"),
        action=Action.UPDATE,
        object_type="case",
        details={"fields": ("b", "a"), 1: True},
    )
    event = AuditEvent.objects.get()
    assert event.details == {"fields": ["b", "a"], "1": True}
    assert chain.verify().intact


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"action": "peek", "object_type": "case"}, ValueError),
        ({"action": Action.VIEW, "object_type": "Olena Kovalenko"}, ValueError),
        ({"action": Action.VIEW, "object_type": ""}, ValueError),
        ({"action": Action.VIEW, "object_type": "case", "object_ids": ["7"]}, TypeError),
        ({"action": Action.VIEW, "object_type": "case", "object_ids": [True]}, TypeError),
        ({"action": Action.VIEW, "object_type": "case", "object_ids": [-1]}, ValueError),
        ({"action": Action.VIEW, "object_type": "case", "related": [("Name Surname", 1)]}, ValueError),
    ],
)
def test_rejects_malformed_calls(make_staff, kwargs, error):
    with pytest.raises(error):
        services.record(actor=make_staff("w"), **kwargs)
    assert not AuditEvent.objects.exists()


def test_seen_by_lists_recent_events_about_one_record(make_staff):
    reader = make_staff("reader", Role.CASE_MANAGER)
    other = make_staff("other", Role.SPECIALIST)
    services.record(actor=reader, action=Action.VIEW, object_type="case", object_ids=[5])
    services.record(actor=other, action=Action.LIST, object_type="case", object_ids=[4, 5, 6])
    services.record(actor=other, action=Action.VIEW, object_type="case", object_ids=[6])
    services.record(actor=reader, action=Action.VIEW, object_type="person", object_ids=[5])
    events = services.seen_by(object_type="case", object_id=5)
    assert [(e.actor_username, e.action) for e in events] == [("other", "list"), ("reader", "view")]
    assert len(services.seen_by(object_type="case", object_id=5, limit=1)) == 1


def test_seen_by_is_two_queries(make_staff, django_assert_num_queries):
    worker = make_staff("w")
    for number in range(5):
        services.record(actor=worker, action=Action.VIEW, object_type="case", object_ids=[number])
    with django_assert_num_queries(2):
        events = services.seen_by(object_type="case", object_id=3)
        assert [event.actor_username for event in events] == ["w"]


def test_record_takes_no_lock_and_reads_no_other_event(make_staff):
    """Writing an event is inserts only: no chain lock and no read of the chain's head."""
    from django.test.utils import CaptureQueriesContext

    actor = make_staff("w")
    with CaptureQueriesContext(connection) as queries:
        services.record(actor=actor, action=Action.VIEW, object_type="case", object_ids=[1])
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [text for text in sql if "advisory" in text or text.lstrip().upper().startswith("SELECT")]
    assert [text.split()[2].strip('"') for text in sql if text.startswith("INSERT")] == [
        "audit_auditevent",
        "audit_auditobject",
        "audit_auditunsealed",
    ]


def test_sealing_takes_the_postgresql_advisory_lock_first(make_staff):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from django.test.utils import CaptureQueriesContext

    services.record(actor=make_staff("w"), action=Action.VIEW, object_type="case", object_ids=[1])
    with CaptureQueriesContext(connection) as queries:
        chain.seal()
    sql = [query["sql"] for query in queries.captured_queries]
    lock = next(i for i, text in enumerate(sql) if "pg_advisory_xact_lock" in text)
    head = next(i for i, text in enumerate(sql) if "audit_auditseal" in text and "ORDER BY" in text)
    assert lock < head
