"""The tables other apps plug into the statistics: services delivered by kind, referrals sent by kind of
partner — on a small fixture with known answers, period bounds included."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.partners.models import Organisation
from ostoja.referrals.models import Referral
from ostoja.referrals.statistics import sent_by_partner_kind
from ostoja.services.catalogue import install
from ostoja.services.models import Delivery, Service
from ostoja.services.statistics import delivered_by_service

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)


def _deliver(case, actor, code, on):
    service = Service.objects.get(code=code)
    Delivery.objects.create(
        case=case, service=service, delivered_on=on, delivered_by=actor, recorded_by=actor
    )


def test_services_are_counted_by_kind_within_the_period(case, cast):
    install(Service)
    codes = list(Service.objects.order_by("position").values_list("code", flat=True)[:2])
    actor = cast[Role.CASE_MANAGER]
    for on in (DAY, DAY, DAY + dt.timedelta(days=20)):
        _deliver(case, actor, codes[0], on)
    _deliver(case, actor, codes[1], DAY - dt.timedelta(days=1))  # the day before the period

    rows = delivered_by_service(DAY, DAY + dt.timedelta(days=20))
    assert [(code, n) for code, _label, n in rows] == [(codes[0], 3)]
    assert rows[0][1] == Service.objects.get(code=codes[0]).name
    everything = {code: n for code, _label, n in delivered_by_service(None, DAY + dt.timedelta(days=20))}
    assert everything == {codes[0]: 3, codes[1]: 1}


def test_referrals_are_counted_by_the_partners_kind_on_the_day_sent(case, cast):
    tz = timezone.get_current_timezone()
    berlin = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    iom = Organisation.objects.filter(kind="international").first()

    def sent(partner, at):
        Referral.objects.create(
            case=case, partner=partner, purpose="labour_rights", letter_language="de", status="sent",
            created_by=cast[Role.CASE_MANAGER], sent_at=at,
        )  # fmt: skip

    sent(berlin, dt.datetime.combine(DAY, dt.time(0, 5), tz))
    sent(berlin, dt.datetime.combine(DAY, dt.time(23, 55), tz))
    sent(iom, dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(0, 1), tz))  # after the period
    Referral.objects.create(  # drafted, never sent: not counted
        case=case,
        partner=berlin,
        purpose="labour_rights",
        letter_language="de",
        created_by=cast[Role.CASE_MANAGER],
    )
    rows = sent_by_partner_kind(DAY, DAY)
    assert [(code, n) for code, _label, n in rows] == [(berlin.kind, 2)]
    assert {code: n for code, _l, n in sent_by_partner_kind(None, DAY + dt.timedelta(days=1))} == {
        berlin.kind: 2, iom.kind: 1,
    }  # fmt: skip


def test_both_tables_are_on_the_statistics_page(client_for):
    response = client_for(Role.SUPERVISOR).get(reverse("statistics:overview"), {"period": "all"})
    assert response.status_code == 200
    keys = {t.key for t in response.context["figures"].tables}
    assert {"services", "referrals"} <= keys
