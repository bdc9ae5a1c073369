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
    note_add(case=case, author=cast[Role.CASE_MANAGER], text="the first note")
    few = count(client, "get", url)
    for n in range(20):
        note_add(case=case, author=cast[Role.CASE_MANAGER], text=f"note {n}")
    assert count(client, "get", url) <= few


def _statements(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("url", ["/cases/", "/cases/?scope=all", "/cases/?scope=all&status=closed"])
def test_case_lists_never_count_the_register(url, client_for, case_factory, cast):
    """Pages are numbered without a COUNT over the cases: one row past the page says if there is more."""
    for _ in range(3):
        case_factory(manager=cast[Role.CASE_MANAGER])
    for principal in (Role.CASE_MANAGER, Role.SUPERVISOR):
        sql = _statements(client_for(principal), url)
        assert not [text for text in sql if "COUNT(" in text.upper() and "cases_case" in text]


def test_case_list_pages_by_reading_one_row_more(client_for, case_factory, cast, monkeypatch):
    from ostoja import paging

    for _ in range(4):
        case_factory(manager=cast[Role.CASE_MANAGER])
    client = client_for(Role.CASE_MANAGER)
    original = paging.UncountedPaginator.__init__

    def small(self, object_list, per_page, **kwargs):
        original(self, object_list, 3, **kwargs)

    monkeypatch.setattr(paging.UncountedPaginator, "__init__", small)
    first, second, stale = [client.get(url) for url in ("/cases/", "/cases/?page=2", "/cases/?page=9")]
    pages = [response.context["page"] for response in (first, second, stale)]
    assert [(p.number, p.has_previous(), p.has_next(), len(p)) for p in pages] == [
        (1, False, True, 3),
        (2, True, False, 1),
        (1, False, True, 3),  # past the end: the first page
    ]
    assert pages[0].paginator.num_pages is None
    assert "page=2" in first.content.decode() and "page=3" not in second.content.decode()


def test_my_cases_follow_the_users_own_cases(client_for, case_factory, cast, make_staff):
    """ "My cases" and the dashboard take the same statements with 1 or 16 cases of someone else's."""
    other = make_staff("other-manager", Role.CASE_MANAGER)
    case_factory(manager=cast[Role.CASE_MANAGER])
    case_factory(manager=other, members=[cast[Role.CASE_MANAGER]])
    client = client_for(Role.CASE_MANAGER)
    few = {url: len(_statements(client, url)) for url in ("/cases/", "/")}
    for _ in range(15):
        case_factory(manager=other)
    for url, number in few.items():
        sql = _statements(client, url)
        assert len(sql) == number
        assert not [text for text in sql if "DISTINCT" in text.upper() and "cases_case" in text]


def test_on_team_of_is_the_managed_and_the_member_cases_once_each(case_factory, cast, make_staff):
    from ostoja.cases.models import Case

    manager, other = cast[Role.CASE_MANAGER], make_staff("other-manager", Role.CASE_MANAGER)
    managed = case_factory(manager=manager)
    both = case_factory(manager=manager, members=[manager])  # on the team twice over
    member = case_factory(manager=other, members=[manager])
    case_factory(manager=other)
    found = list(Case.objects.on_team_of(manager).order_by("pk").values_list("pk", flat=True))
    assert found == sorted([managed.pk, both.pk, member.pk])
