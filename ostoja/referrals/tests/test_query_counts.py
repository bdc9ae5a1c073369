"""The referral and consent pages take the same number of queries however many records the case has."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.referrals import services
from ostoja.referrals.models import Referral
from ostoja.testing.access import login_verified

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _refer(case, berlin, actor):
    return services.referral_draft(
        referral=Referral(
            case=case, partner=berlin, purpose="labour_rights", items=["name"], letter_language="de"
        ),
        actor=actor,
    )


def test_pages_take_constant_queries(case, cast, berlin, consent_factory):
    manager = cast[Role.CASE_MANAGER]
    client = login_verified(Client(), manager)
    consent_factory(case, berlin, items=["name"])
    first = _refer(case, berlin, manager)
    urls = [
        reverse("consent:case_consents", args=[case.pk]),
        reverse("referrals:referral_new", args=[case.pk]),
        reverse("referrals:referral", args=[first.pk]),
        reverse("cases:case_detail", args=[case.pk]),
        reverse("partners:directory"),
    ]
    before = [_queries(client, url) for url in urls]
    for _n in range(15):
        consent_factory(case, berlin, items=["name", "phone"])
        _refer(case, berlin, manager)
    after = [_queries(client, url) for url in urls]
    assert after == before, list(zip(urls, before, after, strict=True))
