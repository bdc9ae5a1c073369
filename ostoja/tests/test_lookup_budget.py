"""Every look-up that can tell whether someone is on file spends from one budget per user (or token).

Person search, the hotline's find-person, the duplicate checks of registration (person pages and the
contact form) and the telephony API's number matching: over the budget each one answers 429 with a
clear message, looks nothing up, keeps what was typed and leaves a DENY row in the audit log.
"""

from __future__ import annotations

import ast
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import Action, AuditEvent
from ostoja.hotline.models import CallEvent
from ostoja.hotline.telephony import token_create
from ostoja.people.models import Person
from ostoja.testing.access import login_verified
from ostoja.web import ratelimit

pytestmark = pytest.mark.django_db

REFUSED = "Too many look-ups of persons in a short time"


@pytest.fixture
def worker(cast):
    client = login_verified(Client(), cast[Role.DUTY_WORKER])
    client.cookies["ostoja_language"] = "en"
    return client


@pytest.fixture
def known(person_factory):
    return person_factory(given="Ірина", family="Мельник", given_latin="Iryna", family_latin="Melnyk")


def _search(client):
    return client.post(reverse("cases:person_search"), {"q": "Iryna Melnyk"})


def _hotline_find(client):
    return client.post(reverse("hotline:person_lookup"), {"q": "Iryna Melnyk"})


def _register(client):
    token = client.get(reverse("cases:person_register")).context["form"]["token"].value()
    data = {
        "token": token, "given_name": "Iryna", "family_name": "Melnyk", "gender": "unknown",
        "phone_safety": "unknown",
    }  # fmt: skip
    return client.post(reverse("cases:person_register"), data)


def _contact_with_new_person(client):
    page = client.get(reverse("hotline:contact_new"))
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value
    data.update(summary="Night call", caller_kind="person", new_given_name="Iryna", new_family_name="Melnyk")
    return client.post(reverse("hotline:contact_new"), data)


LOOKUPS = {
    "search": _search,
    "hotline_find_person": _hotline_find,
    "duplicate_check": _register,
    "contact_duplicate_check": _contact_with_new_person,
}


@pytest.mark.parametrize("name", LOOKUPS)
def test_each_lookup_spends_from_the_shared_budget(name, worker, known, settings):
    settings.OSTOJA_SEARCH_LIMIT = 1
    allowed = LOOKUPS[name](worker)
    assert allowed.status_code == 200
    # The one look-up of the budget is spent: any other kind is now refused.
    for other, lookup in LOOKUPS.items():
        if other != name:
            assert lookup(worker).status_code == 429, (name, other)


@pytest.mark.parametrize("name", LOOKUPS)
def test_each_lookup_is_refused_over_the_budget_with_a_clear_message(name, worker, known, settings, cast):
    settings.OSTOJA_SEARCH_LIMIT = 2
    assert _search(worker).status_code == 200
    assert _hotline_find(worker).status_code == 200
    persons = Person.objects.count()
    refused = LOOKUPS[name](worker)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert REFUSED in html
    # Nothing was looked up, so nothing about the person on file is in the answer.
    assert "Мельник" not in html
    assert f'href="{reverse("cases:person_detail", args=[known.pk])}"' not in html
    assert f'value="p{known.pk}"' not in html
    assert Person.objects.count() == persons
    denial = AuditEvent.objects.filter(action=Action.DENY).latest("pk")
    assert denial.actor == cast[Role.DUTY_WORKER] and denial.object_type == "person"
    assert denial.details["lookup"] in {"search", "hotline_find_person", "duplicate_check"}
    # A colleague has a budget of their own.
    colleague = login_verified(Client(), cast[Role.SUPERVISOR])
    assert _search(colleague).status_code == 200


def test_what_was_typed_is_kept_when_the_duplicate_check_is_refused(worker, known, settings):
    settings.OSTOJA_SEARCH_LIMIT = 0
    refused = _register(worker)
    assert refused.status_code == 429
    assert refused.context["form"]["family_name"].value() == "Melnyk"
    refused = _contact_with_new_person(worker)
    assert refused.status_code == 429
    assert refused.context["form"]["new_family_name"].value() == "Melnyk"
    assert refused.context["form"]["summary"].value() == "Night call"


def test_the_refusal_is_in_polish_by_default(cast, known, settings):
    settings.OSTOJA_SEARCH_LIMIT = 0
    client = login_verified(Client(), cast[Role.DUTY_WORKER])
    html = _search(client).content.decode()
    assert REFUSED not in html
    assert "Zbyt wiele" in html


API = "/hotline/api/v1/call-events"
CALL = {"duration": 5, "direction": "inbound"}


def _call(client, token, number):
    # A few minutes ago: the API takes calls of the last days only.
    when = (timezone.now() - timedelta(minutes=5)).isoformat()
    return client.post(
        API, json.dumps({**CALL, "time": when, "number": number}), content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip


def test_the_telephony_api_has_a_budget_per_token(client, make_staff, person_factory, settings, worker):
    settings.OSTOJA_SEARCH_LIMIT = 2
    person_factory(phone="+48 601 234 567")
    token = token_create(name="PBX", service_user=make_staff("pbx_service"))
    assert _call(client, token, "+48 601 234 567").json()["match"] == "matched"
    assert _call(client, token, "+48 500 000 001").json()["match"] == "no_match"
    refused = _call(client, token, "+48 601 234 567")
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert "match" not in refused.json() and "look-ups" in refused.json()["detail"]
    assert CallEvent.objects.count() == 2
    denial = AuditEvent.objects.filter(action=Action.DENY).latest("pk")
    assert denial.actor_username == "pbx_service" and denial.details["lookup"] == "telephony_match"
    # A withheld number looks nothing up and still reaches the duty worker.
    assert _call(client, token, "").status_code == 201
    # Another token, and the staff, have budgets of their own.
    other = token_create(name="Backup PBX")
    assert _call(client, other, "+48 601 234 567").status_code == 201
    assert _search(worker).status_code == 200


def test_the_budget_is_defined_in_one_place(settings):
    settings.OSTOJA_SEARCH_LIMIT = 7
    assert ratelimit.lookup_limit() == 7
    with pytest.raises(ValueError):
        ratelimit.spend_lookup()


# The functions whose answer says whether someone is on file, and the modules allowed to call them
# without spending from the budget (their own definitions, and the demo loader which runs no request).
LOOKUP_FUNCTIONS = {
    "find_persons",
    "possible_duplicates",
    "match_number",
    "matching_person_ids",
    "newest_matching_ids",
}
EXEMPT = {"ostoja/people/search.py", "ostoja/people/services.py", "ostoja/demo/hotline.py"}


def test_every_caller_of_a_lookup_spends_from_the_budget():
    root = Path(__file__).resolve().parents[2]
    unguarded = []
    for path in sorted((root / "ostoja").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative in EXEMPT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
        }
        if called & LOOKUP_FUNCTIONS and "spend_lookup" not in called:
            unguarded.append(relative)
    assert not unguarded, f"look-ups outside the budget in: {unguarded}"
