"""Tasks: the worker's own list, setting a task on a case, marking one done or cancelled."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import get_case_for
from ostoja.http import form_data
from ostoja.tasks import services
from ostoja.tasks.access import SET_TASK, get_task_for
from ostoja.tasks.codes import TaskStatus
from ostoja.tasks.forms import TaskForm
from ostoja.tasks.models import Task
from ostoja.web import once


@role_required(*STAFF)
def my_tasks(request: HttpRequest) -> HttpResponse:
    """The user's open tasks, the earliest due first (one indexed range: owner, status, due date)."""
    tasks = (
        Task.objects.filter(owner=request.user, status=TaskStatus.OPEN)
        .select_related("case")
        .defer("details")
        .order_by("due_on", "pk")
    )
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record(
            request=request, action="list", object_type="task", object_ids=[t.pk for t in page],
            related=[("case", t.case_id) for t in page],
        )  # fmt: skip
    return render(request, "tasks/my_tasks.html", {"page": page, "today": timezone.localdate()})


def _team(case) -> list:
    return [case.case_manager, *(m.user for m in case.members.select_related("user"))]


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def task_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, SET_TASK, details={"form": "task"})
    form = TaskForm(
        form_data(request), team=_team(case), initial={"token": once.new_token(), "owner": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        task = services.task_create(
            case=case, owner=form.cleaned_data["owner"], kind=form.cleaned_data["kind"],
            due_on=form.cleaned_data["due_on"], details=form.cleaned_data["details"], created_by=request.user,
        )  # fmt: skip
        audit.record(
            request=request, action="create", object_type="task", object_ids=[task.pk],
            related=[("case", case.pk), ("person", case.person_id)],
        )  # fmt: skip
        messages.success(request, _("The task is set."))
        return redirect("cases:case_detail", pk=case.pk)
    return render(
        request, "tasks/task_form.html", {"case": case, "form": form}, status=400 if form.is_bound else 200
    )


@role_required(*STAFF)
@require_POST
def task_close(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for(request, pk, details={"form": "close"})
    status = request.POST.get("status")
    if status not in (TaskStatus.DONE, TaskStatus.CANCELLED):
        status = TaskStatus.DONE
    if services.task_close(task=task, actor=request.user, status=status):
        audit.record(
            request=request, action="update", object_type="task", object_ids=[task.pk],
            related=[("case", task.case.pk)], details={"status": status},
        )  # fmt: skip
        messages.success(
            request, _("Task marked done.") if status == TaskStatus.DONE else _("Task cancelled.")
        )
    back = request.POST.get("back")
    return redirect(
        "tasks:mine" if back == "mine" else "cases:case_detail",
        **({} if back == "mine" else {"pk": task.case.pk}),
    )
