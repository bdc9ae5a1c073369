"""Hotline lists take a fixed number of queries, however many rows they show (no N+1)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.hotline import roster
from ostoja.hotline.services import contact_from_web_report
from ostoja.hotline.telephony import token_create

pytestmark = pytest.mark.django_db


def count(client, url, method="get", data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(queries)


def _rows(
    n,
    *,
    cast,
    case_factory,
    person_factory,
    contact_factory,
    intervention_factory,
    meeting_factory,
    make_staff,
    index,
):
    manager = cast[Role.CASE_MANAGER]
    for i in range(n):
        case = case_factory(person=person_factory(), manager=manager)
        contact_factory(case=case, person=case.person, caller_kind="person", created_by=manager)
        contact_factory()
        contact_from_web_report(language="uk", text=f"report {i}")
        intervention_factory(handler=cast[Role.SUPERVISOR] if i % 2 else None)
        meeting_factory(case, by=manager)
        worker = make_staff(f"duty_{index}_{i}", Role.DUTY_WORKER)
        start = timezone.now() + timedelta(hours=6 * i)
        roster.shift_add(
            user=worker, kind="duty", starts_at=start, ends_at=start + timedelta(hours=6), created_by=None
        )


@pytest.mark.parametrize(
    "url",
    ["/hotline/", "/hotline/contacts/", "/hotline/triage/", "/hotline/board/", "/hotline/board/rows/",
     "/hotline/roster/", "/hotline/meetings/", "/"],
)  # fmt: skip
def test_pages_do_not_grow_with_their_rows(url, client_for, cast, case_factory, person_factory, contact_factory,
                                           intervention_factory, meeting_factory, make_staff):  # fmt: skip
    factories = {
        "cast": cast, "case_factory": case_factory, "person_factory": person_factory,
        "contact_factory": contact_factory, "intervention_factory": intervention_factory,
        "meeting_factory": meeting_factory, "make_staff": make_staff,
    }  # fmt: skip
    client = client_for(Role.CASE_MANAGER) if url == "/hotline/meetings/" else client_for(Role.SUPERVISOR)
    _rows(1, index=0, **factories)
    token = token_create(name="pbx")

    def calls(n, start):
        # A few minutes ago: the API takes calls of the last days only.
        when = (timezone.now() - timedelta(minutes=5)).isoformat()
        for i in range(start, start + n):
            response = client.post(
                "/hotline/api/v1/call-events",
                {"number": f"+48 601 000 {i:03d}", "time": when, "direction": "inbound"},
                content_type="application/json", headers={"Authorization": f"Bearer {token}"},
            )  # fmt: skip
            assert response.status_code == 201, response.content

    calls(1, 0)
    few = count(client, url)
    _rows(15, index=1, **factories)
    calls(15, 1)
    assert count(client, url) <= few


def test_case_page_section_does_not_grow(client_for, case, contact_factory, meeting_factory, cast):
    client = client_for(Role.CASE_MANAGER)
    url = reverse("cases:case_detail", args=[case.pk])
    contact_factory(case=case, person=case.person, caller_kind="person")
    meeting_factory(case)
    few = count(client, url)
    for _ in range(15):
        contact_factory(case=case, person=case.person, caller_kind="person")
        meeting_factory(case)
    assert count(client, url) <= few
