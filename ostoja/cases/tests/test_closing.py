"""Closing a case asks for the outcome and reason after listing what is open; reopening asks why."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case, Note
from ostoja.plans import services as plans
from ostoja.plans.models import Goal
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task
from ostoja.testing.access import ASSIGNED, BREAK_GLASS

pytestmark = pytest.mark.django_db


def _with_open_work(case, cast):
    manager = cast[Role.CASE_MANAGER]
    tasks.task_create(
        case=case, owner=manager, kind=TaskKind.FOLLOW_UP, due_on=timezone.localdate() + timedelta(days=1)
    )
    plan = plans.plan_start(case=case, actor=manager)
    Goal.objects.create(plan=plan, domain="accommodation", goal="Mieszkanie chronione")
    plan.approved_at, plan.approved_by = timezone.now(), cast[Role.SUPERVISOR]
    plan.save()


def test_closing_lists_open_tasks_and_goals_and_asks_for_outcome_and_reason(case, cast, client_for):
    _with_open_work(case, cast)
    client = client_for(Role.CASE_MANAGER)
    url = reverse("cases:case_close", args=[case.pk])
    page = client.get(url)
    checks = [str(c) for c in page.context["checks"]]
    assert any("Kontynuacja po kontakcie" in c for c in checks)
    assert any("Mieszkanie chronione" in c for c in checks)
    # Without a reason, or without going through what is open: refused, nothing changes, the note is kept.
    data = {"version": case.version, "outcome": "closed", "reason": "", "note": "Cele osiągnięte."}
    response = client.post(url, data)
    assert response.status_code == 400
    assert {"reason", "reviewed"} <= set(response.context["form"].errors)
    assert response.context["form"]["note"].value() == "Cele osiągnięte."
    assert Case.objects.get(pk=case.pk).status == "open"
    response = client.post(url, {**data, "reason": "goals_met", "reviewed": "on"})
    assert response.status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.closure_reason, stored.closure_note) == (
        "closed",
        "goals_met",
        "Cele osiągnięte.",
    )
    assert stored.closed_on == timezone.localdate()
    assert list(Task.objects.values_list("status", flat=True)) == [TaskStatus.CANCELLED]


def test_a_closed_case_is_reopened_with_a_reason(case, cast, client_for):
    client = client_for(Role.CASE_MANAGER)
    client.post(reverse("cases:case_close", args=[case.pk]),
                {"version": case.version, "outcome": "closed_referred", "reason": "referred"})  # fmt: skip
    stored = Case.objects.get(pk=case.pk)
    assert stored.status == "closed_referred"
    url = reverse("cases:case_reopen", args=[case.pk])
    response = client.post(url, {"version": stored.version, "reason": ""})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    response = client.post(url, {"version": stored.version, "reason": "Wróciła do nas po pół roku."})
    assert response.status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.closed_on, stored.closure_reason) == ("open", None, "")
    assert "Wróciła do nas po pół roku." in Note.objects.get(case=case).text


def test_a_stale_close_is_a_conflict_not_an_overwrite(case, client_for):
    client = client_for(Role.CASE_MANAGER)
    response = client.post(
        reverse("cases:case_close", args=[case.pk]),
        {
            "version": case.version - 1 if case.version > 1 else 99,
            "outcome": "closed",
            "reason": "contact_lost",
        },
    )
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert Case.objects.get(pk=case.pk).status == "open"


@pytest.mark.parametrize("who", [ASSIGNED, BREAK_GLASS])
def test_neither_a_specialist_nor_break_glass_closes_a_case(case, client_for, who):
    response = client_for(who).post(
        reverse("cases:case_close", args=[case.pk]),
        {"version": case.version, "outcome": "closed", "reason": "other"},
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == "open"


def test_the_edit_form_no_longer_closes_a_case(case, client_for):
    form = client_for(Role.CASE_MANAGER).get(reverse("cases:case_edit", args=[case.pk])).context["form"]
    assert {v for v, _l in form.fields["status"].choices} == {"open", "follow_up"}
    assert "closure_reason" not in form.fields
