"""The telephony API: bearer token, validation, time window, JSON errors, matching, audit, OpenAPI schema."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.hotline.models import CallEvent, TelephonyToken
from ostoja.hotline.telephony import token_create

pytestmark = pytest.mark.django_db
URL = "/hotline/api/v1/call-events"
# The calls below happen a few minutes before this moment (a call in the last days is accepted).
NOW = dt.datetime(2025, 11, 28, 23, 20, tzinfo=ZoneInfo("Europe/Warsaw"))
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


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


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


def test_openapi_schema_lists_the_endpoint(client, token):
    response = client.get("/hotline/api/v1/openapi.json", headers={"Authorization": f"Bearer {token}"})
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


def test_a_matched_call_shows_the_duty_card_and_chooses_the_persons_language(
    client, token, person_factory, case_factory, en, cast
):
    from ostoja.audit.models import AuditEvent

    manager = cast[Role.CASE_MANAGER]
    manager.work_phone = "+48 22 555 01 02"
    manager.save()
    person = person_factory(phone="+48601234567", preferred_language="uk", needs_interpreter=True)
    case = case_factory(person=person, manager=manager, risk_flags=["phone_monitored"])
    post(client, GOOD, token)
    event = CallEvent.objects.get()
    response = en(Role.DUTY_WORKER).get(reverse("hotline:contact_new") + f"?call={event.pk}")
    page = response.content.decode()
    assert response.context["form"]["language"].value() == "uk"
    assert f"Duty card — {case.number}" in page and "interpreter needed" in page
    assert "Phone may be monitored" in page and "+48 22 555 01 02" in page
    assert "Olena" not in page and "Коваленко" not in page  # the name stays with the case team
    assert AuditEvent.objects.filter(object_type="person", details__duty_card=True).exists()


@pytest.mark.parametrize(
    "time",
    [
        "0001-01-01T00:00:00+14:00",  # 1 BC in UTC: once stored, the hotline's home page answered 500
        "9999-12-31T23:59:59-12:00",  # year 10000 in UTC
        "2026-11-28T23:15:00+01:00",  # a year ahead: stayed at the top of the waiting list
        "2025-11-29T00:20:00+01:00",  # an hour ahead
        "2025-11-20T23:15:00+01:00",  # eight days ago
    ],
)
def test_a_call_time_outside_the_window_is_refused_with_json(client, token, time):
    response = post(client, {**GOOD, "time": time}, token)
    assert response.status_code == 422 and response["Content-Type"].startswith("application/json")
    problems = response.json()["problems"]
    assert [p["field"] for p in problems] == ["time"]
    assert "future" in problems[0]["message"] or "too old" in problems[0]["message"]
    assert not CallEvent.objects.exists()


def test_a_call_of_the_last_days_or_a_minute_ahead_is_accepted(client, token):
    for time in ("2025-11-22T00:00:00+01:00", "2025-11-28T23:22:00+01:00", "2025-11-28T22:20:00Z"):
        assert post(client, {**GOOD, "time": time}, token).status_code == 201
    assert CallEvent.objects.count() == 3


def test_the_hotline_home_page_lists_calls_after_bad_times_were_refused(client, token, en):
    for time in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", GOOD["time"]):
        post(client, {**GOOD, "time": time}, token)
    response = en(Role.DUTY_WORKER).get(reverse("hotline:home"))
    assert response.status_code == 200 and "28 Nov 2025 23:15" in response.content.decode()


def is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json") and "detail" in response.json()


def test_every_api_error_is_json(client, token, monkeypatch):
    auth = {"Authorization": f"Bearer {token}"}
    wrong_method = client.get(URL, headers=auth)
    assert wrong_method.status_code == 405 and is_json(wrong_method) and wrong_method["Allow"] == "POST"
    for path in ("/hotline/api/v1/", "/hotline/api/v1/nothing", "/hotline/api/v2/call-events"):
        response = client.get(path, headers=auth)
        assert response.status_code == 404 and is_json(response), path
    for body, kind in (
        ("{not json", "application/json"),
        ("<call/>", "application/xml"),
        ("a=b", "text/plain"),
    ):
        response = client.post(URL, body, content_type=kind, headers=auth)
        assert response.status_code in (400, 422) and is_json(response), kind
    control = post(client, {**GOOD, "line": "main\x00"}, token)
    assert control.status_code == 422 and is_json(control)
    assert not CallEvent.objects.exists()


def test_a_request_body_over_the_limit_is_413_json(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, {**GOOD, "line": "x" * 2000}, token)
    assert response.status_code == 413 and is_json(response)


def test_an_unexpected_error_is_a_json_500_and_nothing_is_stored(client, token, monkeypatch):
    from ostoja.hotline import api

    def broken(**kwargs):
        raise RuntimeError("the audit log is unreachable")

    monkeypatch.setattr(api.audit, "record", broken)
    response = post(client, GOOD, token)
    assert response.status_code == 500 and is_json(response)
    assert "audit" not in response.content.decode()  # nothing of the error leaks out
    assert not CallEvent.objects.exists()


def test_an_error_django_raises_before_the_api_is_json_too(client, token):
    response = client.post(URL, json.dumps(GOOD), content_type="application/json", HTTP_HOST="evil.example")
    assert response.status_code == 400 and is_json(response)


def test_the_schema_is_served_only_to_callers_with_a_token(client, token):
    schema = "/hotline/api/v1/openapi.json"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {token}"}):
        response = client.get(schema, headers=headers)
        assert response.status_code == 401 and is_json(response) and "paths" not in response.json()
    TelephonyToken.objects.update(revoked_at=NOW)
    assert client.get(schema, headers={"Authorization": f"Bearer {token}"}).status_code == 401
