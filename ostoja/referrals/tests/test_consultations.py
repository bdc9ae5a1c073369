"""Consultations for other organisations: their own list and statistics, no victim's case needed."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.partners.models import Organisation
from ostoja.referrals import services
from ostoja.referrals.models import Consultation
from ostoja.testing.access import login_verified

pytestmark = pytest.mark.django_db


def _log(user, *, topic="support", minutes=30, days_ago=0, name="Ośrodek Pomocy Społecznej"):
    return Consultation.objects.create(
        organisation_name=name, asked_by="A social worker", topic=topic, minutes=minutes,
        held_on=timezone.localdate() - datetime.timedelta(days=days_ago), question="Q", advice="A", recorded_by=user,
    )  # fmt: skip


def test_statistics_count_per_topic_and_minutes_within_the_period(cast):
    user = cast[Role.SUPERVISOR]
    today = timezone.localdate()
    _log(user, topic="support", minutes=30)
    _log(user, topic="support", minutes=15)
    _log(user, topic="legal", minutes=60)
    _log(user, topic="legal", minutes=60, days_ago=400)  # another year: not counted
    counts = services.consultation_counts(since=today - datetime.timedelta(days=30), until=today)
    assert counts == {"count": 3, "minutes": 105, "per_topic": {"support": 2, "legal": 1}}


def test_the_list_shows_the_statistics_and_takes_constant_queries(cast):
    user = cast[Role.SUPERVISOR]
    client = login_verified(Client(), cast[Role.DUTY_WORKER])
    url = reverse("referrals:consultations")
    _log(user)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Konsultacje: 1, łącznie minut: 30." in page
    for n in range(30):
        _log(user, topic="legal", minutes=10, name=f"Organisation {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "Konsultacje: 31, łącznie minut: 330." in page
    assert len(many) == len(few)


def test_logging_needs_an_organisation_and_keeps_what_was_typed(cast):
    import re

    client = login_verified(Client(), cast[Role.SPECIALIST])
    url = reverse("referrals:consultation_new")
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {"asked_by": "Nurse", "held_on": timezone.localdate().isoformat(), "topic": "support",
            "question": "What to do?", "advice": "Call the hotline.", "minutes": "20", "token": token}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 400 and "What to do?" in refused.content.decode()
    assert not Consultation.objects.exists()
    berlin = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    token = re.search(r'name="token" value="([^"]+)"', refused.content.decode()).group(1)
    saved = client.post(url, {**data, "organisation": berlin.pk, "token": token})
    assert saved.status_code == 302
    assert Consultation.objects.get().organisation == berlin
