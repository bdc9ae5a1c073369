"""Recording a delivery, and keeping the catalogue."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ostoja import versions
from ostoja.cases import access
from ostoja.cases.models import Case
from ostoja.plans.models import Goal
from ostoja.services import catalogue
from ostoja.services.access import only_own_work
from ostoja.services.models import Delivery, Service


@transaction.atomic
def delivery_record(*, delivery: Delivery, actor) -> Delivery:
    """Stores a delivery; a specialist who may not change the case records only their own."""
    case_access = access.case_access(actor, delivery.case)
    if not case_access.can(access.Perm.DELIVER):
        raise PermissionDenied
    if only_own_work(case_access) and (delivery.delivered_by_id != actor.pk or delivery.provider):
        raise PermissionDenied
    if delivery.goal_id is not None and delivery.goal.plan.case_id != delivery.case_id:
        raise PermissionDenied
    delivery.recorded_by = actor
    delivery.full_clean(exclude=["case", "recorded_by", "delivered_by", "goal", "service"])
    delivery.save()
    return delivery


@transaction.atomic
def service_save(*, service: Service, expected_version: int | None) -> None:
    service.full_clean()
    versions.save(service, expected_version)


def plan_services(case: Case) -> list[tuple[int, str]]:
    """The goals of the case's current support plan a referral can be linked to, as (id, label).

    The label is the goal's domain and its words (decrypted for the one case on the page, which the
    referral's read has audited), with the plan's version.
    """
    goals = list(
        Goal.objects.filter(plan__case=case)
        .select_related("plan")
        .order_by("-plan__number", "position", "pk")
    )
    if not goals:
        return []
    current = goals[0].plan.number
    return [
        (goal.pk, f"{goal.get_domain_display()}: {goal.goal} (v{current})")
        for goal in goals
        if goal.plan.number == current
    ]


@transaction.atomic
def delivered_by_referral(goal_id: int, referral: Any, actor: Any) -> Delivery | None:
    """Records the service that a completed referral delivered, for the plan goal it was linked to.

    Once per referral (a second call changes nothing); the goal must be one of the referral's case.
    The partner is the provider; the kind of service follows the referral's purpose.
    """
    goal = Goal.objects.select_related("plan").filter(pk=goal_id).first()
    if goal is None or goal.plan.case_id != referral.case_id:
        raise PermissionDenied
    if Delivery.objects.filter(from_referral=referral.pk).exists():
        return None
    code = catalogue.BY_REFERRAL_PURPOSE.get(referral.purpose, catalogue.FALLBACK)
    service = Service.objects.filter(code=code).first() or Service.objects.get(code=catalogue.FALLBACK)
    completed = referral.completed_at or timezone.now()
    delivery = Delivery(
        case_id=referral.case_id, service=service, goal=goal, provider=str(referral.partner)[:300],
        delivered_on=timezone.localdate(completed), from_referral=referral.pk,
    )  # fmt: skip
    return delivery_record(delivery=delivery, actor=actor)


def referral_completed(goal_id: int, referral: Any, actor: Any) -> None:
    """The ``SupportServices.delivered`` hook: see ``delivered_by_referral``."""
    delivered_by_referral(goal_id, referral, actor)
