"""The audit log found by a person's name: the blind-index search, budgeted and audited, ids in the URL."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "cases:audit_person_search"


def _client(client_for, role):
    client = client_for(role)
    client.cookies["ostoja_language"] = "en"
    return client


def test_the_audit_log_links_to_the_name_search(client_for):
    html = _client(client_for, Role.SUPERVISOR).get(reverse("audit:log")).content.decode()
    assert reverse(URL) in html and "audit-find-person" in html


def test_a_supervisor_finds_a_person_by_another_spelling_and_reaches_their_events(client_for, case, cast):
    client = _client(client_for, Role.SUPERVISOR)
    response = client.post(reverse(URL), {"q": "Kowalenko Ołena"})
    html = response.content.decode()
    assert response.status_code == 200
    person_link = f"{reverse('audit:log')}?object_type=person&amp;object_id={case.person_id}"
    assert person_link in html
    assert f"?case_number={case.number.replace('/', '%2F')}" in html
    # The name searched for is in no link.
    assert "Kowalenko" not in html.split('<ul class="results">')[1].split("href=")[1]
    search = AuditEvent.objects.filter(
        actor=cast[Role.SUPERVISOR], action="search", object_type="person"
    ).last()
    assert search.details["form"] == "audit_log" and search.details["results"] == 1
    assert search.refs.filter(object_type="person", object_id=case.person_id).exists()
    # The link shows the log of that person: the search just made names them.
    log = client.get(reverse("audit:log"), {"object_type": "person", "object_id": case.person_id})
    assert log.status_code == 200 and f"the person of case {case.number}" in log.content.decode()


def test_nobody_matches(client_for, case):
    html = _client(client_for, Role.ADMINISTRATOR).post(reverse(URL), {"q": "Nobodyknown"}).content.decode()
    assert "Nobody matches" in html


def test_only_supervisors_and_administrators(client_for):
    assert _client(client_for, Role.CASE_MANAGER).post(reverse(URL), {"q": "Olena"}).status_code == 403
    assert _client(client_for, Role.DUTY_WORKER).get(reverse(URL)).status_code == 403


def test_the_look_up_budget_applies(client_for, case, monkeypatch):
    from ostoja.web import ratelimit

    monkeypatch.setattr(ratelimit, "spend_lookup", lambda **kwargs: False)
    response = _client(client_for, Role.SUPERVISOR).post(reverse(URL), {"q": "Olena"})
    assert response.status_code == 429 and 'value="Olena"' in response.content.decode()
    assert AuditEvent.objects.filter(action="deny", details__lookup="audit_person_search").exists()
