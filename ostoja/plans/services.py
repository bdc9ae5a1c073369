"""Versions of the support plan: start a review, save the draft, approve it, compare two versions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja import versions
from ostoja.assessments.codes import NeedDomain
from ostoja.cases import access
from ostoja.cases.models import Case
from ostoja.plans.models import Goal, SupportPlan
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind

GOAL_FIELDS = ("domain", "goal", "actions", "owner_id", "partner", "due_on")


def latest(case: Case) -> SupportPlan | None:
    return SupportPlan.objects.filter(case=case).order_by("-number").first()


def approved(case: Case) -> SupportPlan | None:
    return SupportPlan.objects.filter(case=case, approved_at__isnull=False).order_by("-number").first()


@transaction.atomic
def plan_start(*, case: Case, actor) -> SupportPlan:
    """The draft to work on: the open draft if there is one, else a new version starting from the
    latest (its goals copied; the agreement and approval are asked for again)."""
    Case.objects.select_for_update().filter(pk=case.pk).first()  # one new version at a time
    previous = latest(case)
    if previous is not None and not previous.is_approved:
        return previous
    plan = SupportPlan(case=case, number=(previous.number + 1 if previous else 1), created_by=actor)
    if previous is not None:
        plan.agreement_language = previous.agreement_language
        plan.review_on = None
    plan.save()
    if previous is not None:
        Goal.objects.bulk_create(
            Goal(plan=plan, position=n, **{f: getattr(goal, f) for f in GOAL_FIELDS})
            for n, goal in enumerate(previous.goals.all())
        )
    return plan


@transaction.atomic
def plan_save(*, plan: SupportPlan, goals: list[Goal], actor, expected_version: int | None) -> None:
    """Saves a draft with its goals (in order: the n-th goal keeps its record); an approved version is kept
    as it was approved. Two people saving one draft: the second gets StaleVersion."""
    if plan.is_approved:
        raise ValidationError(_("An approved plan is not changed: start a review to make a new version."))
    plan.full_clean(exclude=["case", "created_by"])
    versions.save(plan, expected_version)
    existing = list(plan.goals.all())
    for n, goal in enumerate(goals):
        if n < len(existing):  # the goal in this place keeps its record (deliveries name it)
            kept = existing[n]
            if any(getattr(kept, f) != getattr(goal, f) for f in GOAL_FIELDS):
                for f in GOAL_FIELDS:
                    setattr(kept, f, getattr(goal, f))
                kept.full_clean(exclude=["plan", "owner"])
                kept.save()
            continue
        goal.plan, goal.position = plan, n
        goal.full_clean(exclude=["plan", "owner"])
        goal.save()
    Goal.objects.filter(pk__in=[g.pk for g in existing[len(list(goals)) :]]).delete()


def approval_problems(plan: SupportPlan) -> dict[str, str]:
    """What stands in the way of approving ``plan``, by field."""
    problems = {}
    if not plan.agreed:
        problems["agreed"] = _("A plan is approved only with the person's agreement: record it first.")
    if not plan.agreement_words.strip():
        problems["agreement_words"] = _("Record the person's agreement in their own words.")
    if not plan.goals.exists():
        problems["__all__"] = _("A plan needs at least one goal.")
    if plan.review_on is None:
        problems["review_on"] = _("Set the date of the plan's review.")
    return problems


@transaction.atomic
def plan_approve(*, plan: SupportPlan, actor, expected_version: int | None) -> None:
    """The supervisor approves a draft: the plan's actions with a date and the review become tasks."""
    if not access.may(actor, plan.case, access.Perm.APPROVE):
        raise PermissionDenied
    if plan.is_approved:
        return
    problems = approval_problems(plan)
    if problems:
        raise ValidationError(problems)
    plan.approved_by, plan.approved_at = actor, timezone.now()
    versions.save(plan, expected_version)
    case = plan.case
    for goal in plan.goals.select_related("owner"):
        if goal.due_on:
            tasks.task_create(
                case=case, owner=goal.owner or case.case_manager, kind=TaskKind.PLAN_ACTION,
                due_on=goal.due_on, source=f"plan_goal:{goal.pk}", created_by=actor,
            )  # fmt: skip
    tasks.task_create(
        case=case, owner=case.case_manager, kind=TaskKind.REVIEW_DUE, due_on=plan.review_on,
        source=f"plan_review:{plan.pk}", created_by=actor,
    )  # fmt: skip


def compare(older: SupportPlan, newer: SupportPlan) -> list[dict]:
    """Per domain, the goals of both versions side by side, and whether the domain changed."""
    rows = []
    before = {d: [] for d in NeedDomain.values}
    after = {d: [] for d in NeedDomain.values}
    for goal in older.goals.select_related("owner"):
        before[goal.domain].append(goal)
    for goal in newer.goals.select_related("owner"):
        after[goal.domain].append(goal)
    for domain in NeedDomain:
        old, new = before[domain.value], after[domain.value]
        if not old and not new:
            continue
        key = lambda goals: [tuple(str(getattr(g, f)) for f in GOAL_FIELDS) for g in goals]  # noqa: E731
        rows.append({"domain": domain.label, "older": old, "newer": new, "changed": key(old) != key(new)})
    return rows
