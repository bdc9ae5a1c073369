"""Support plan versions: drafting, the person's agreement before approval, conflicts, reviews, comparison."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.plans import services
from ostoja.plans.models import SupportPlan
from ostoja.tasks.codes import TaskKind
from ostoja.tasks.models import Task
from ostoja.testing.access import ASSIGNED

pytestmark = pytest.mark.django_db


def _edit_data(plan, goals, **changes):
    data = {
        "version": plan.version, "agreed": "on", "agreement_words": "Zgadzam się na ten plan.",
        "agreement_language": "uk", "interpreter": "Iryna (tłumaczka)",
        "review_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "goal-TOTAL_FORMS": str(len(goals)), "goal-INITIAL_FORMS": "0", "goal-MIN_NUM_FORMS": "0",
        "goal-MAX_NUM_FORMS": "60",
    }  # fmt: skip
    for n, goal in enumerate(goals):
        data.update({f"goal-{n}-{k}": v for k, v in goal.items()})
    data.update(changes)
    return data


GOALS = [
    {"domain": "accommodation", "goal": "Bezpieczne mieszkanie", "actions": "Schronisko, potem mieszkanie chronione",
     "due_on": (timezone.localdate() + timedelta(days=14)).isoformat()},
    {"domain": "legal", "goal": "Pełnomocnik w postępowaniu karnym", "partner": "Kancelaria pro bono"},
]  # fmt: skip


def _draft(client, case):
    response = client.post(reverse("plans:start", args=[case.pk]))
    assert response.status_code == 302
    return SupportPlan.objects.get(case=case, approved_at__isnull=True)


def test_a_plan_is_drafted_agreed_and_approved_and_its_actions_become_tasks(case, cast, client_for):
    manager = client_for(Role.CASE_MANAGER)
    plan = _draft(manager, case)
    assert plan.number == 1
    data = _edit_data(plan, [{**GOALS[0], "owner": cast[Role.CASE_MANAGER].pk}, GOALS[1]])
    assert manager.post(reverse("plans:edit", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert [g.goal for g in plan.goals.all()] == [
        "Bezpieczne mieszkanie",
        "Pełnomocnik w postępowaniu karnym",
    ]
    # The case manager may not approve; the supervisor does.
    assert (
        manager.post(reverse("plans:approve", args=[plan.pk]), {"version": plan.version}).status_code == 403
    )
    response = client_for(Role.SUPERVISOR).post(
        reverse("plans:approve", args=[plan.pk]), {"version": plan.version}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_approved and plan.approved_by == cast[Role.SUPERVISOR]
    kinds = sorted(Task.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == [TaskKind.PLAN_ACTION, TaskKind.REVIEW_DUE]


def test_a_plan_without_the_persons_agreement_is_not_approved(case, cast, client_for):
    manager = client_for(Role.CASE_MANAGER)
    plan = _draft(manager, case)
    manager.post(
        reverse("plans:edit", args=[plan.pk]), _edit_data(plan, GOALS, agreed="", agreement_words="")
    )
    plan.refresh_from_db()
    response = client_for(Role.SUPERVISOR).post(
        reverse("plans:approve", args=[plan.pk]), {"version": plan.version}
    )
    assert response.status_code == 400
    assert "agreed" in response.context["problems"] and "agreement_words" in response.context["problems"]
    page = response.content.decode()
    assert "za zgodą osoby" in page
    # Each problem leads to the field of the draft that needs it.
    assert f'href="/plans/{plan.pk}/edit/#id_agreed"' in page
    plan.refresh_from_db()
    assert not plan.is_approved
    assert not Task.objects.exists()


def test_two_people_editing_one_draft_see_a_conflict(case, client_for):
    manager = client_for(Role.CASE_MANAGER)
    plan = _draft(manager, case)
    first = _edit_data(plan, GOALS[:1])
    second = _edit_data(plan, GOALS[1:], agreement_words="Inne słowa")
    assert manager.post(reverse("plans:edit", args=[plan.pk]), first).status_code == 302
    response = client_for(Role.SUPERVISOR).post(reverse("plans:edit", args=[plan.pk]), second)
    assert response.status_code == 400
    assert response.context["conflict"]["current"]["agreement_words"] == "Zgadzam się na ten plan."
    assert response.context["form"]["agreement_words"].value() == "Inne słowa"  # nothing typed is lost
    plan.refresh_from_db()
    assert [g.goal for g in plan.goals.all()] == ["Bezpieczne mieszkanie"]


def test_a_goal_without_its_text_is_refused_next_to_the_field(case, client_for):
    manager = client_for(Role.CASE_MANAGER)
    plan = _draft(manager, case)
    response = manager.post(
        reverse("plans:edit", args=[plan.pk]), _edit_data(plan, [{"domain": "legal", "actions": "Zadzwonić"}])
    )
    assert response.status_code == 400
    assert "goal" in response.context["goals"].forms[0].errors
    assert response.context["goals"].forms[0]["actions"].value() == "Zadzwonić"


def test_a_review_makes_a_new_version_and_keeps_the_approved_one(case, cast, client_for):
    manager, supervisor = client_for(Role.CASE_MANAGER), client_for(Role.SUPERVISOR)
    first = _draft(manager, case)
    manager.post(reverse("plans:edit", args=[first.pk]), _edit_data(first, GOALS))
    first.refresh_from_db()
    supervisor.post(reverse("plans:approve", args=[first.pk]), {"version": first.version})
    # An approved version is never edited again.
    assert manager.get(reverse("plans:edit", args=[first.pk])).status_code == 302
    with pytest.raises(ValidationError):
        services.plan_save(plan=SupportPlan.objects.get(pk=first.pk), goals=[], actor=cast[Role.CASE_MANAGER],
                           expected_version=first.version + 1)  # fmt: skip
    second = _draft(manager, case)
    assert second.number == 2 and second.pk != first.pk
    assert not second.agreed  # agreement is asked for again
    assert [g.goal for g in second.goals.all()] == [g.goal for g in first.goals.all()]
    changed = [{**GOALS[0], "goal": "Mieszkanie chronione na 6 miesięcy"}, GOALS[1]]
    manager.post(reverse("plans:edit", args=[second.pk]), _edit_data(second, changed))
    rows = {r["domain"]: r for r in manager.get(reverse("plans:compare", args=[second.pk])).context["rows"]}
    assert rows["Zakwaterowanie"]["changed"] and not rows["Sprawy prawne"]["changed"]
    assert SupportPlan.objects.get(pk=first.pk).goals.first().goal == "Bezpieczne mieszkanie"


def test_approval_is_supervision_only_whatever_calls_it(case, cast):
    plan = services.plan_start(case=case, actor=cast[Role.CASE_MANAGER])
    for who in (Role.CASE_MANAGER, ASSIGNED):
        with pytest.raises(PermissionDenied):
            services.plan_approve(plan=plan, actor=cast[who], expected_version=plan.version)
