"""Lists and searches take a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ostoja.accounts.roles import Role

pytestmark = pytest.mark.django_db


def count(client, method, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/cases/?scope=all", None),
        ("post", "/people/search/", {"q": "Olena Kovalenko"}),
        ("get", "/", None),
    ],
)
def test_pages_do_not_grow_with_their_rows(method, url, data, client_for, case_factory, person_factory, cast):
    client = client_for(Role.SUPERVISOR)
    case_factory(manager=cast[Role.CASE_MANAGER])
    few = count(client, method, url, data)
    for _ in range(15):
        case_factory(person=person_factory(), manager=cast[Role.CASE_MANAGER])
    assert count(client, method, url, data) <= few


def test_case_file_does_not_grow_with_notes(client_for, case, cast):
    from ostoja.cases.services import note_add

    client = client_for(Role.CASE_MANAGER)
    url = reverse("cases:case_detail", args=[case.pk])
    few = count(client, "get", url)
    for n in range(20):
        note_add(case=case, author=cast[Role.CASE_MANAGER], text=f"note {n}")
    assert count(client, "get", url) <= few
