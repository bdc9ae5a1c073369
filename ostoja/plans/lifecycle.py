"""The support plan's part in the person's own copy: each version with its goals."""

from __future__ import annotations

from typing import Any

from ostoja.plans.models import Goal, SupportPlan
from ostoja.plugins import StaffRef, SubjectRecord, SubjectSection, Withheld


def _label(model: Any, field: str) -> Any:
    return model._meta.get_field(field).verbose_name


def subject_data(person: Any) -> list[SubjectSection]:
    records = []
    plans = (
        SupportPlan.objects.filter(case__person=person)
        .select_related("case")
        .prefetch_related("goals__owner")
    )
    for plan in plans.order_by("case_id", "number"):
        fields: list[tuple[Any, Any]] = [
            (_label(SupportPlan, "number"), str(plan.number)),
            (_label(SupportPlan, "agreed"), plan.agreed),
            (_label(SupportPlan, "agreement_words"), plan.agreement_words),
            (
                _label(SupportPlan, "interpreter"),
                Withheld(_label(SupportPlan, "interpreter")) if plan.interpreter else "",
            ),
            (_label(SupportPlan, "review_on"), plan.review_on),
        ]
        for goal in plan.goals.all():
            owner = StaffRef(goal.owner, _label(Goal, "owner")) if goal.owner_id else goal.partner
            fields.append((goal.get_domain_display(), goal.goal))
            fields.append((_label(Goal, "actions"), goal.actions))
            fields.append((_label(Goal, "owner"), owner))
            fields.append((_label(Goal, "due_on"), goal.due_on))
        records.append(
            SubjectRecord(
                f"{SupportPlan._meta.verbose_name} — {plan.case.number}", fields, ("support_plan", plan.pk)
            )
        )
    return [SubjectSection("plans", SupportPlan._meta.verbose_name_plural, records, order=60)]
