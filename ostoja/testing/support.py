"""One record of each kind the support apps keep on a case (for tests that visit every route)."""

from __future__ import annotations

from django.utils import timezone

from ostoja.assessments import services as assessments
from ostoja.assessments.models import Need, NeedsAssessment, SafetyAssessment
from ostoja.plans import services as plans
from ostoja.plans.models import Goal
from ostoja.services.catalogue import install
from ostoja.services.models import Delivery, Service
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind


def support_records(case, actor) -> dict:
    today = timezone.localdate()
    needs = assessments.needs_save(
        assessment=NeedsAssessment(case=case, kind="initial", mode="phone", assessed_on=today),
        needs=[Need(domain="accommodation", severity=3, words="Nowhere to sleep")], actor=actor,
    )  # fmt: skip
    safety = assessments.safety_save(
        assessment=SafetyAssessment(
            case=case, assessed_on=today, review_on=today,
            threats=[{"at_risk": "person", "threat": "debt", "severity": 3, "likelihood": 3}],
        ),
        actor=actor,
    )  # fmt: skip
    plan = plans.plan_start(case=case, actor=actor)
    Goal.objects.create(plan=plan, domain="legal", goal="Residence permit")
    install(Service)
    service = Service.objects.order_by("pk").first()
    delivery = Delivery.objects.create(
        case=case, service=service, delivered_on=today, delivered_by=actor, recorded_by=actor
    )
    task = tasks.task_create(case=case, owner=actor, kind=TaskKind.OTHER, due_on=today)
    return {
        "needs": needs,
        "safety": safety,
        "plan": plan,
        "service": service,
        "delivery": delivery,
        "task": task,
    }


def legal_records(case, actor) -> dict:
    """Criminal proceedings with a hearing ahead, and a compensation claim, of the case."""
    from datetime import timedelta

    from ostoja.legal import services as legal
    from ostoja.legal.models import Hearing, Matter, Proceeding

    proceeding = legal.proceeding_save(
        proceeding=Proceeding(case=case, role="witness", authority="police", stage="investigation"),
        expected_version=0, actor=actor,
    )  # fmt: skip
    hearing = legal.hearing_save(
        hearing=Hearing(proceeding=proceeding, held_on=timezone.localdate() + timedelta(days=9)),
        expected_version=0, actor=actor,
    )  # fmt: skip
    matter = legal.matter_save(
        matter=Matter(case=case, kind="compensation", status="pending"), expected_version=0, actor=actor
    )
    return {"proceeding": proceeding, "hearing": hearing, "legal_matter": matter}
