"""Every referral and consultation URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.referrals import services
from ostoja.referrals.models import Consultation, Referral
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

# Referring a person onwards is the case manager's work: an assigned specialist reads, never refers.
CHANGE = [Role.CASE_MANAGER, Role.SUPERVISOR]
VIEW = [*CHANGE, ASSIGNED, BREAK_GLASS]
EVERY_ROLE = [*Role.values, BREAK_GLASS, ASSIGNED]
HOTLINE = [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR]


def _incoming(get):
    from ostoja.hotline.models import Contact
    from ostoja.referrals.models import IncomingReferral

    incoming = services.incoming_receive(
        incoming=IncomingReferral(organisation_name="Straż Graniczna", referred_by="Officer on duty"),
        contact=Contact(channel="email", summary="A woman at the border crossing."),
        actor=get("cast")[Role.DUTY_WORKER],
    )
    return [incoming.pk]


def _referral(get):
    case, berlin = get("case"), get("berlin")
    get("consent_factory")(case, berlin, items=["name"])
    referral = services.referral_draft(
        referral=Referral(
            case=case, partner=berlin, purpose="labour_rights", items=["name"], letter_language="de"
        ),
        actor=get("cast")[Role.CASE_MANAGER],
    )
    return [referral.pk]


def _consultation(get):
    consultation = Consultation.objects.create(
        organisation_name="Ośrodek", asked_by="A social worker", held_on=timezone.localdate(), topic="support",
        question="Q", advice="A", minutes=20, recorded_by=get("cast")[Role.SUPERVISOR],
    )  # fmt: skip
    return [consultation.pk]


ROUTES = [
    Route("referrals:referral_new", CHANGE, lambda get: [get("case").pk]),
    Route("referrals:referral", VIEW, _referral),
    Route("referrals:referral_letter", CHANGE, _referral),
    Route("referrals:consultations", EVERY_ROLE),
    Route("referrals:consultation_new", EVERY_ROLE),
    Route("referrals:consultation", EVERY_ROLE, _consultation),
    Route("referrals:incoming_list", HOTLINE),
    Route("referrals:incoming_new", HOTLINE),
    Route("referrals:incoming", HOTLINE, _incoming),
]

test_route_access = routes_test(ROUTES)
