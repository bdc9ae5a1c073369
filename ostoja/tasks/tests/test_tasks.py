"""Tasks: set on a case from any source, once per source, closed by their owner or the case's team."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.tasks import services
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task
from ostoja.testing.access import ASSIGNED

pytestmark = pytest.mark.django_db


def test_a_task_from_a_source_is_created_once(case, cast):
    owner = cast[Role.CASE_MANAGER]
    due = timezone.localdate()
    first = services.task_create(
        case=case, owner=owner, kind=TaskKind.FOLLOW_UP, due_on=due, source="contact:7"
    )
    again = services.task_create(
        case=case, owner=owner, kind=TaskKind.FOLLOW_UP, due_on=due, source="contact:7"
    )
    assert first.pk == again.pk and Task.objects.count() == 1
    # Without a source every call is a task of its own.
    services.task_create(case=case, owner=owner, kind=TaskKind.OTHER, due_on=due)
    services.task_create(case=case, owner=owner, kind=TaskKind.OTHER, due_on=due)
    assert Task.objects.count() == 3


def test_setting_a_task_on_the_case_page(case, cast, client_for):
    client = client_for(Role.CASE_MANAGER)
    url = reverse("tasks:new", args=[case.pk])
    token = client.get(url).context["form"]["token"].value()
    data = {
        "token": token, "kind": TaskKind.FOLLOW_UP, "details": "Oddzwonić po wizycie w urzędzie.",
        "owner": cast[ASSIGNED].pk, "due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert "due_on" in response.context["form"].errors  # a task due in the past is refused …
    assert response.context["form"]["details"].value() == data["details"]  # … and nothing typed is lost
    data["due_on"] = timezone.localdate().isoformat()
    assert client.post(url, data).status_code == 302
    task = Task.objects.get()
    assert (task.owner, task.details, task.created_by) == (
        cast[ASSIGNED],
        data["details"],
        cast[Role.CASE_MANAGER],
    )
    # The owner sees it in their list and on the case; the owner may close it.
    specialist = client_for(ASSIGNED)
    assert task in specialist.get(reverse("tasks:mine")).context["page"].object_list
    assert (
        "Kontynuacja po kontakcie"
        in specialist.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    )
    response = specialist.post(reverse("tasks:close", args=[task.pk]), {"status": "done", "back": "mine"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.closed_by == cast[ASSIGNED]
    assert task not in specialist.get(reverse("tasks:mine")).context["page"].object_list


def test_only_the_owner_or_the_team_closes_a_task(case, cast, make_staff):
    task = services.task_create(
        case=case, owner=cast[Role.CASE_MANAGER], kind=TaskKind.REVIEW_DUE, due_on=timezone.localdate()
    )
    with pytest.raises(PermissionDenied):
        services.task_close(task=task, actor=cast[ASSIGNED], status=TaskStatus.DONE)
    assert services.task_close(task=task, actor=cast[Role.SUPERVISOR], status=TaskStatus.CANCELLED)
    assert not services.task_close(task=task, actor=cast[Role.CASE_MANAGER], status=TaskStatus.DONE)
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED


def test_my_tasks_costs_the_same_for_many_tasks(case, cast, client_for, django_assert_max_num_queries):
    client = client_for(Role.CASE_MANAGER)
    owner = cast[Role.CASE_MANAGER]
    services.task_create(case=case, owner=owner, kind=TaskKind.OTHER, due_on=timezone.localdate())
    client.get(reverse("tasks:mine"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("tasks:mine"))
    for _ in range(15):
        services.task_create(case=case, owner=owner, kind=TaskKind.OTHER, due_on=timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("tasks:mine"))
    assert len(many) == len(one)


def test_reminders_name_no_case_and_go_once_a_day(case, cast, mailoutbox):
    owner = cast[Role.CASE_MANAGER]
    services.task_create(case=case, owner=owner, kind=TaskKind.FOLLOW_UP, due_on=timezone.localdate())
    services.task_create(
        case=case, owner=owner, kind=TaskKind.OTHER, due_on=timezone.localdate() + timedelta(days=5)
    )
    overdue = services.task_create(case=case, owner=owner, kind=TaskKind.OTHER, due_on=timezone.localdate())
    Task.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    from ostoja.tasks.reminders import remind_due_tasks

    mailoutbox.clear()
    assert remind_due_tasks() == 1
    assert remind_due_tasks() == 0  # once per person and day
    (message,) = mailoutbox
    assert message.to == [owner.email]
    assert "2" in message.body and "/tasks/" in message.body
    for secret in (case.number, "Kovalenko", "Olena", "Коваленко"):
        assert secret not in message.body and secret not in message.subject
