"""The telephony API: bearer token, validation, blind-index matching, audit, OpenAPI schema."""

import json

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.hotline.models import CallEvent, TelephonyToken
from ostoja.hotline.telephony import token_create

pytestmark = pytest.mark.django_db
URL = "/hotline/api/v1/call-events"
GOOD = {
    "number": "+48 601 234 567",
    "time": "2025-11-28T23:15:00+01:00",
    "duration": 95,
    "direction": "inbound",
    "line": "main",
}


def post(client, body, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        URL,
        json.dumps(body) if isinstance(body, dict) else body,
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def token(make_staff):
    return token_create(name="PBX", service_user=make_staff("pbx_service"))


def test_bad_or_missing_token_is_401_and_stores_nothing(client, token):
    assert post(client, GOOD, "wrong").status_code == 401
    assert post(client, GOOD, "").status_code == 401
    TelephonyToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert post(client, GOOD, token).status_code == 401
    assert not CallEvent.objects.exists()


def test_only_a_hash_of_the_token_is_stored(token):
    assert not TelephonyToken.objects.filter(token_hash=token).exists()


def test_malformed_bodies_get_a_clear_422(client, token):
    bad_json = post(client, "{not json", token)
    assert bad_json.status_code in (400, 422)
    missing = post(client, {"number": "1"}, token)
    assert missing.status_code == 422
    fields = {p["field"] for p in missing.json()["problems"]}
    assert {"time", "direction"} <= fields
    naive = post(client, {**GOOD, "time": "2025-11-28T23:15:00"}, token)
    assert naive.status_code == 422 and "time zone" in json.dumps(naive.json())
    negative = post(client, {**GOOD, "duration": -5}, token)
    assert negative.status_code == 422
    assert not CallEvent.objects.exists()


def test_a_known_number_is_matched_by_blind_index(client, token, person_factory):
    person = person_factory(phone="+48601234567")
    response = post(client, GOOD, token)
    assert response.status_code == 201
    assert response.json()["match"] == "matched"
    event = CallEvent.objects.get()
    assert event.person == person and event.number == "+48 601 234 567"
    row = AuditEvent.objects.get(object_type="call_event")
    assert row.action == "create" and row.actor_username == "pbx_service"
    assert "601" not in json.dumps(row.details)


def test_unknown_phone_format_is_stored_as_unmatched(client, token):
    response = post(client, {**GOOD, "number": "abc-not-a-number"}, token)
    assert response.status_code == 201 and response.json()["match"] == "unmatched"
    assert post(client, {**GOOD, "number": "+48 500 000 001"}, token).json()["match"] == "no_match"
    assert post(client, {**GOOD, "number": ""}, token).json()["match"] == "withheld"


def test_openapi_schema_lists_the_endpoint(client):
    response = client.get("/hotline/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "post" in schema["paths"][URL]
    assert schema["components"]["securitySchemes"]


def test_the_duty_worker_turns_a_call_into_a_prefilled_contact(client, token, person_factory, en, case):
    post(client, GOOD, token)  # no match: anonymous
    event = CallEvent.objects.get()
    duty = en(Role.DUTY_WORKER)
    home = duty.get(reverse("hotline:home")).content.decode()
    assert "+48 601 234 567" in home and f"?call={event.pk}" in home
    form = duty.get(reverse("hotline:contact_new") + f"?call={event.pk}").context["form"]
    assert form["call_event"].value() == event.pk and form["channel"].value() == "phone"
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False, [])}
    data["received_at"] = form["received_at"].value().strftime("%Y-%m-%dT%H:%M")
    data["summary"] = "Missed the caller's name"
    assert duty.post(reverse("hotline:contact_new") + f"?call={event.pk}", data).status_code == 302
    event.refresh_from_db()
    assert event.status == "logged" and event.contact.source == "telephony"
    assert f"?call={event.pk}" not in duty.get(reverse("hotline:home")).content.decode()


def test_a_matched_call_links_the_person_in_the_form(client, token, person_factory, en):
    person = person_factory(phone="+48601234567")
    post(client, GOOD, token)
    event = CallEvent.objects.get()
    form = en(Role.DUTY_WORKER).get(reverse("hotline:contact_new") + f"?call={event.pk}").context["form"]
    assert form["link"].value() == f"p{person.pk}"
