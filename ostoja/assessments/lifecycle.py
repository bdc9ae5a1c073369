"""Assessments' part in the person's own copy: needs assessments (with the person's words) and safety
assessments (threats, the safety plan)."""

from __future__ import annotations

from typing import Any

from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.plugins import StaffRef, SubjectRecord, SubjectSection


def _label(model: Any, field: str) -> Any:
    return model._meta.get_field(field).verbose_name


def subject_data(person: Any) -> list[SubjectSection]:
    records = []
    needs = NeedsAssessment.objects.filter(case__person=person).select_related("case", "created_by")
    for assessment in needs.order_by("assessed_on", "pk").prefetch_related("needs"):
        fields: list[tuple[Any, Any]] = [
            (_label(NeedsAssessment, "kind"), assessment.get_kind_display()),
            (_label(NeedsAssessment, "assessed_on"), assessment.assessed_on),
            (_label(NeedsAssessment, "summary"), assessment.summary),
            (
                _label(NeedsAssessment, "created_by"),
                StaffRef(assessment.created_by, NeedsAssessment._meta.verbose_name),
            ),
        ]
        for need in assessment.needs.all():
            fields.append(
                (need.get_domain_display(), " — ".join(x for x in (str(need.severity), need.words) if x))
            )
        records.append(
            SubjectRecord(
                f"{NeedsAssessment._meta.verbose_name} — {assessment.case.number}",
                fields,
                ("needs_assessment", assessment.pk),
            )
        )
    safety = SafetyAssessment.objects.filter(case__person=person).select_related("case")
    for assessment in safety.order_by("assessed_on", "pk"):
        fields = [(_label(SafetyAssessment, name), getattr(assessment, name))
                  for name in ("assessed_on", "person_actions", "centre_actions", "who_to_call", "code_word", "review_on")]  # fmt: skip
        fields.insert(1, (_label(SafetyAssessment, "risk_level"), assessment.get_risk_level_display()))
        records.append(
            SubjectRecord(
                f"{SafetyAssessment._meta.verbose_name} — {assessment.case.number}",
                fields,
                ("safety_assessment", assessment.pk),
            )
        )
    return [SubjectSection("assessments", NeedsAssessment._meta.verbose_name_plural, records, order=50)]
