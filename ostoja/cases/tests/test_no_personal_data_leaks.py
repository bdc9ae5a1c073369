"""No personal data in logs, URLs or error pages."""

import logging

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRETS = ("Коваленко", "Kovalenko", "Олена", "Olena", "Kowalenko", "601234567")


def test_searching_registering_and_failing_leave_no_personal_data_in_logs(
    caplog, client_for, person_factory, case
):
    caplog.set_level(logging.DEBUG)
    client = client_for(Role.CASE_MANAGER)
    client.raise_request_exception = False
    search = client.post(reverse("cases:person_search"), {"q": "Kowalenko Ołena"})
    assert search.status_code == 200
    token = client.get(reverse("cases:person_register")).context["form"]["token"].value()
    client.post(
        reverse("cases:person_register"),
        {"given_name": "Olena", "family_name": "Kovalenko", "gender": "feminine", "phone": "+48 601 234 567",
         "phone_safety": "safe", "token": token},
    )  # fmt: skip
    client.get(reverse("cases:case_detail", args=[case.pk]))
    client_for(Role.SPECIALIST).get(reverse("cases:person_edit", args=[case.person_id]))  # 403, logged
    client.get("/people/999999/")  # 404, logged
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [s for s in SECRETS if s in logged], logged


def test_search_terms_never_reach_a_url(client_for):
    response = client_for(Role.CASE_MANAGER).get(reverse("cases:person_search"))
    assert b'method="post"' in response.content


def test_audit_rows_hold_ids_not_values(client_for, person_factory):
    client = client_for(Role.CASE_MANAGER)
    client.post(reverse("cases:person_search"), {"q": "Коваленко Олена"})
    rows = "\n".join(f"{e.reason} {e.details}" for e in AuditEvent.objects.all())
    assert not [s for s in SECRETS if s in rows]


def test_error_pages_show_no_personal_data(client_for, case, monkeypatch):
    from ostoja.cases import timeline

    def explode(case, access, **window):
        raise RuntimeError(f"failed for {case.person.display_name}")

    monkeypatch.setattr(timeline, "page", explode)
    client = client_for(Role.CASE_MANAGER)
    client.raise_request_exception = False
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 500
    assert not [s for s in SECRETS if s in response.content.decode()]
