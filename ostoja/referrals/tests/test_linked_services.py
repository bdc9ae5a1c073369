"""A referral linked to a service of the support plan (a goal of its current version, kept by the
services app through ``plugins.SupportServices``); completing it records that service delivered."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.plans import services as plans
from ostoja.plans.models import Goal
from ostoja.referrals import services
from ostoja.referrals.models import Referral, Status
from ostoja.services.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals(case, cast):
    plan = plans.plan_start(case=case, actor=cast[Role.CASE_MANAGER])
    return [
        Goal.objects.create(plan=plan, domain="work", goal="Zaległe wynagrodzenie od pracodawcy"),
        Goal.objects.create(plan=plan, domain="legal", goal="Status pobytowy", position=1),
    ]


@pytest.fixture
def referral(case, cast, berlin, consent_factory):
    consent_factory(case, berlin)
    return services.referral_draft(
        referral=Referral(
            case=case, partner=berlin, purpose="labour_rights", items=["name"], letter_language="de"
        ),
        actor=cast[Role.CASE_MANAGER],
    )


def test_the_services_app_lists_the_current_plans_goals(case, cast, goals):
    hook = plugins.support_services()
    assert hook is not None
    labels = dict(hook.choices(case))
    assert list(labels) == [goals[0].pk, goals[1].pk]
    assert "Zaległe wynagrodzenie od pracodawcy" in labels[goals[0].pk] and "(v1)" in labels[goals[0].pk]


def test_completing_a_linked_referral_records_the_service_once(case, cast, goals, referral):
    actor = cast[Role.CASE_MANAGER]
    services.link_service(referral=referral, service_id=goals[0].pk)
    for version, to in enumerate((Status.SENT, Status.ACCEPTED), start=1):
        services.referral_advance(referral=referral, to=to, actor=actor, expected_version=version)
    assert not Delivery.objects.filter(case=case).exists()
    services.referral_advance(referral=referral, to=Status.COMPLETED, actor=actor, expected_version=3)
    delivery = Delivery.objects.get(case=case)
    assert delivery.goal == goals[0] and delivery.from_referral == referral.pk
    assert delivery.service.code == "partner_service" and delivery.provider == "Faire Mobilität — Berlin"
    assert delivery.recorded_by == actor
    # The hook again (a retried job) records nothing more.
    plugins.support_services().delivered(goals[0].pk, referral, actor)
    assert Delivery.objects.filter(case=case).count() == 1


def test_a_goal_of_another_case_is_neither_offered_nor_delivered(case_factory, cast, referral):
    other = case_factory()
    foreign = Goal.objects.create(
        plan=plans.plan_start(case=other, actor=cast[Role.CASE_MANAGER]), domain="legal", goal="x"
    )
    with pytest.raises(ValidationError):
        services.link_service(referral=referral, service_id=foreign.pk)
    with pytest.raises(PermissionDenied):
        plugins.support_services().delivered(foreign.pk, referral, cast[Role.CASE_MANAGER])
    assert not Delivery.objects.exists()


def test_the_referral_page_links_and_unlinks_with_the_control(case, goals, referral, client_for):
    client = client_for(Role.CASE_MANAGER)
    url = reverse("referrals:referral", args=[referral.pk])
    page = client.get(url).content.decode()
    assert 'name="service"' in page and "Status pobytowy" in page
    response = client.post(url, {"link": "1", "service": str(goals[1].pk)})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.service_id == goals[1].pk
    assert AuditEvent.objects.filter(object_type="referral", details__linked_service=goals[1].pk).exists()
    assert "Status pobytowy" in client.get(url).content.decode()

    refused = client.post(url, {"link": "1", "service": "999999"})
    assert refused.status_code == 400 and 'id="id_service_error"' in refused.content.decode()
    referral.refresh_from_db()
    assert referral.service_id == goals[1].pk

    assert client.post(url, {"link": "1", "service": ""}).status_code == 302
    referral.refresh_from_db()
    assert referral.service_id is None


def test_an_assigned_specialist_sees_the_link_but_no_control(case, goals, referral, client_for):
    from ostoja.testing.access import ASSIGNED

    services.link_service(referral=referral, service_id=goals[0].pk)
    page = client_for(ASSIGNED).get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Zaległe wynagrodzenie od pracodawcy" in page and 'name="service"' not in page
