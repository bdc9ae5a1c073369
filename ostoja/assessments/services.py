"""Recording assessments, the risk level of a case, and turning overdue safety reviews into tasks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ostoja.assessments import risk
from ostoja.assessments.codes import RiskLevel
from ostoja.assessments.models import Need, NeedsAssessment, SafetyAssessment
from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind


def latest_needs(case: Case) -> NeedsAssessment | None:
    return NeedsAssessment.objects.filter(case=case).order_by("-created_at", "-pk").first()


@transaction.atomic
def needs_save(*, assessment: NeedsAssessment, needs: Iterable[Need], actor) -> NeedsAssessment:
    """Stores a needs assessment with one row per domain; it starts from the case's latest one."""
    assessment.previous = latest_needs(assessment.case)
    assessment.created_by = actor
    assessment.full_clean(exclude=["case", "created_by", "previous"])
    assessment.save()
    rows = []
    for need in needs:
        need.assessment = assessment
        need.full_clean(exclude=["assessment"])
        rows.append(need)
    Need.objects.bulk_create(rows)
    return assessment


def changes(assessment: NeedsAssessment) -> dict[str, int]:
    """Per domain, how the severity moved since the previous assessment (+ worse, − better)."""
    if assessment.previous_id is None:
        return {}
    before = dict(Need.objects.filter(assessment_id=assessment.previous_id).values_list("domain", "severity"))
    now = dict(assessment.needs.values_list("domain", "severity"))
    return {domain: now.get(domain, 0) - before.get(domain, 0) for domain in {*before, *now}}


@transaction.atomic
def safety_save(*, assessment: SafetyAssessment, actor) -> SafetyAssessment:
    """Stores a safety assessment with its risk level (the matrix); it becomes the case's current one."""
    assessment.risk_level = risk.overall(assessment.threats)
    assessment.created_by = actor
    assessment.current = True
    assessment.full_clean(exclude=["case", "created_by"])
    SafetyAssessment.objects.filter(case=assessment.case, current=True).update(current=False)
    assessment.save()
    return assessment


def current_safety(case: Case) -> SafetyAssessment | None:
    return SafetyAssessment.objects.filter(case=case, current=True).first()


def high_risk_case_ids(case_ids: Iterable[int]) -> set[int]:
    """Of ``case_ids``, those whose current safety assessment is high risk (one indexed query)."""
    return set(
        SafetyAssessment.objects.filter(case_id__in=list(case_ids), current=True, risk_level=RiskLevel.HIGH)
        .values_list("case_id", flat=True)
    )  # fmt: skip


def risk_levels(case_ids: Iterable[int]) -> dict[int, str]:
    """The current risk level of each of ``case_ids`` that has a safety assessment (one query)."""
    return dict(
        SafetyAssessment.objects.filter(case_id__in=list(case_ids), current=True).values_list(
            "case_id", "risk_level"
        )
    )


def overdue_reviews_to_tasks() -> int:
    """Each open case whose current safety plan is past its review date gets one task for its case
    manager (once per assessment, however often this runs). Returns how many tasks were created."""
    today = timezone.localdate()
    overdue = (
        SafetyAssessment.objects.filter(current=True, review_on__lt=today)
        .exclude(case__status__in=CLOSED_STATUSES)
        .select_related("case")
        .only("pk", "review_on", "case__case_manager_id", "case__status", "case__person_id", "case__number")
    )
    return tasks.tasks_for_overdue(
        overdue.order_by("pk"),
        kind=TaskKind.SAFETY_REVIEW,
        source_of=lambda a: f"safety_assessment:{a.pk}",
        today=today,
    )
