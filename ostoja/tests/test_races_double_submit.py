"""Every creation form sent twice at the same instant creates one record, and both submits land on it.

Each trial sends the same form (same one-time token) from two threads released by a barrier, with
the database doing the rest: the second insert of the token waits for the first transaction.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case, Note
from ostoja.hotline.models import Contact, Meeting
from ostoja.identification.models import Screening
from ostoja.people.models import Person
from ostoja.testing.access import login_verified
from ostoja.testing.forms import as_sent
from ostoja.testing.races import TRIALS, race, skip_unless_concurrent_database

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def browser_pair(user) -> tuple[Client, Client]:
    """Two clients sharing one signed-in session: one browser whose button was pressed twice."""
    first = login_verified(Client(), user)
    second = Client()
    second.cookies = first.cookies
    return first, second


def form_as_sent(client: Client, url: str, context_key: str = "form", **overrides) -> dict:
    """What the browser sends for the form at ``url`` with its initial values, plus ``overrides``."""
    return as_sent(client.get(url).context[context_key], **overrides)


def submit_twice_at_once(user, url: str, data: dict) -> list:
    first, second = browser_pair(user)
    return race(lambda: first.post(url, data), lambda: second.post(url, data))


def assert_one_result(responses, created_count: int, expected_count: int) -> None:
    statuses = [r.status_code for r in responses]
    assert statuses == [302, 302], statuses
    assert responses[0]["Location"] == responses[1]["Location"]
    assert created_count == expected_count


@pytest.fixture(autouse=True)
def _concurrent_database():
    skip_unless_concurrent_database()


def test_a_note_sent_twice_at_once_is_saved_once(cast, case_factory):
    case = case_factory()
    user = cast[Role.CASE_MANAGER]
    url = reverse("cases:note_add", args=[case.pk])
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        data = form_as_sent(
            client, reverse("cases:case_detail", args=[case.pk]), "note_form", text=f"Note {trial}"
        )
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Note.objects.filter(case=case).count(), trial + 1)


def test_a_contact_with_a_new_person_sent_twice_at_once_is_logged_once(cast):
    user = cast[Role.DUTY_WORKER]
    url = reverse("hotline:contact_new")
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        data = form_as_sent(
            client, url, summary=f"Call {trial}", caller_kind="person", new_given_name=f"Iryna{trial}",
            new_family_name=f"Tkachenko{trial}", confirm_new="on",
        )  # fmt: skip
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Contact.objects.count(), trial + 1)
        assert Person.objects.count() == trial + 1
        contact = Contact.objects.order_by("-pk").first()
        assert responses[0]["Location"] == reverse("hotline:contact", args=[contact.pk])


def test_a_person_registration_sent_twice_at_once_registers_one_person(cast):
    user = cast[Role.CASE_MANAGER]
    url = reverse("cases:person_register")
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        data = form_as_sent(client, url, given_name=f"Marta{trial}", family_name="Nowak", confirm_new="on")
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Person.objects.count(), trial + 1)
        person = Person.objects.order_by("-pk").first()
        assert responses[0]["Location"] == reverse("cases:person_detail", args=[person.pk])


def test_a_case_opened_twice_at_once_is_opened_once(cast, person_factory):
    user = cast[Role.CASE_MANAGER]
    person = person_factory()
    url = reverse("cases:case_open", args=[person.pk])
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        data = form_as_sent(client, url, kind="support", phase="before_return")
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Case.objects.filter(person=person).count(), trial + 1)


def test_a_screening_started_twice_at_once_is_started_once(cast, case_factory):
    user = cast[Role.CASE_MANAGER]
    case = case_factory()
    url = reverse("identification:screening_start", args=[case.pk])
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        data = form_as_sent(
            client, url, kind="labour", language="uk", age_doubt="adult",
            safe_to_talk="yes", in_pain="no", needs_doctor="no", consent="on",  # asked before the first question
        )  # fmt: skip
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Screening.objects.filter(case=case).count(), trial + 1)


def test_a_meeting_scheduled_twice_at_once_is_scheduled_once(cast, case_factory):
    user = cast[Role.CASE_MANAGER]
    case = case_factory()
    url = reverse("hotline:meeting_new", args=[case.pk])
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        when = timezone.localtime(timezone.now() + timedelta(days=3, hours=trial))
        data = form_as_sent(
            client, url, starts_at=when.strftime("%Y-%m-%dT%H:%M"), duration_minutes=60, place_kind="office",
            purpose="Plan the next steps", safety_check_done="on",
        )  # fmt: skip
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Meeting.objects.filter(case=case).count(), trial + 1)


def test_a_referral_sent_twice_at_once_is_drafted_once(cast, case_factory):
    from ostoja.consent import services as consent_services
    from ostoja.consent.models import Consent
    from ostoja.partners import seed
    from ostoja.partners.models import Organisation
    from ostoja.referrals.models import Referral

    seed.load(Organisation)  # a transactional test starts from empty tables
    berlin = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    case = case_factory()
    user = cast[Role.CASE_MANAGER]
    consent_services.consent_record(
        consent=Consent(case=case, scope="sharing", partner=berlin, purpose="labour_rights", items=["name"],
                        given_how="spoken", given_on=timezone.localdate()),
        actor=user,
    )  # fmt: skip
    url = reverse("referrals:referral_new", args=[case.pk])
    for trial in range(TRIALS):
        client = login_verified(Client(), user)
        data = form_as_sent(
            client, url, partner=berlin.pk, purpose="labour_rights", items=["name"], letter_language="de"
        )
        responses = submit_twice_at_once(user, url, data)
        assert_one_result(responses, Referral.objects.filter(case=case).count(), trial + 1)
