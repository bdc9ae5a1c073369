"""A partner refers a person: a contact is logged; accepted, the case records the referring organisation."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.hotline.models import Contact
from ostoja.referrals.models import IncomingReferral, IncomingStatus
from ostoja.testing.access import login_verified

pytestmark = pytest.mark.django_db


def test_an_incoming_referral_starts_a_contact_and_then_a_case(case, cast, berlin):
    duty = login_verified(Client(), cast[Role.DUTY_WORKER])
    url = reverse("referrals:incoming_new")
    token = re.search(r'name="token" value="([^"]+)"', duty.get(url).content.decode()).group(1)
    data = {
        "partner": berlin.pk, "referred_by": "Counsellor Katarzyna", "token": token,
        "contact-channel": "email", "contact-received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "contact-language": "pl", "contact-topic": "forced_labour", "contact-urgency": "soon",
        "contact-summary": "A Polish worker in Berlin wants to come home.",
    }  # fmt: skip
    response = duty.post(url, data)
    assert response.status_code == 302
    incoming = IncomingReferral.objects.get()
    contact = Contact.objects.get()
    assert incoming.contact == contact and incoming.status == IncomingStatus.RECEIVED
    assert contact.summary == "A Polish worker in Berlin wants to come home." and contact.caller_kind == "ngo"

    detail = reverse("referrals:incoming", args=[incoming.pk])
    # A case the duty worker may not change cannot be named; nothing is decided.
    refused = duty.post(detail, {"decision": "accept", "case_number": case.number})
    assert refused.status_code == 400
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.RECEIVED

    manager = login_verified(Client(), cast[Role.CASE_MANAGER])
    assert manager.post(detail, {"decision": "accept", "case_number": case.number}).status_code == 302
    incoming.refresh_from_db()
    contact.refresh_from_db()
    assert incoming.status == IncomingStatus.ACCEPTED and incoming.case == case and incoming.decided_by
    assert contact.case == case and contact.person == case.person
    page = manager.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Faire Mobilität — Berlin" in page  # the referring organisation, on the case page


def test_without_an_organisation_nothing_is_stored_and_the_text_stays(cast):
    duty = login_verified(Client(), cast[Role.DUTY_WORKER])
    url = reverse("referrals:incoming_new")
    token = re.search(r'name="token" value="([^"]+)"', duty.get(url).content.decode()).group(1)
    response = duty.post(url, {
        "referred_by": "Someone", "token": token, "contact-channel": "phone",
        "contact-received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "contact-language": "pl",
        "contact-topic": "other", "contact-urgency": "routine", "contact-summary": "Kept text",
    })  # fmt: skip
    assert response.status_code == 400 and "Kept text" in response.content.decode()
    assert not Contact.objects.exists() and not IncomingReferral.objects.exists()
