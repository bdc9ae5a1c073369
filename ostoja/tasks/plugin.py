"""What tasks add elsewhere: navigation, the case's open tasks, timeline entries."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming, timeline
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.dates import show
from ostoja.plugins import CaseSection, Job, NavItem, Plugin, RecordKind, WorkloadColumn
from ostoja.tasks import reminders
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task

SECTION_LIMIT = 20


def _shared(case: Case) -> list[Task] | None:
    """The case's tasks, loaded once for the case page's timeline and its section."""
    tasks = Task.objects.filter(case=case).select_related("owner", "closed_by").defer("details")
    return timeline.case_rows(case, "task", tasks)


def _case_section(request: HttpRequest, case: Case) -> dict:
    shared = _shared(case)
    if shared is not None:
        open_tasks = [t for t in shared if t.status == TaskStatus.OPEN]
        tasks = sorted(open_tasks, key=lambda t: (t.due_on, t.pk))[:SECTION_LIMIT]
    else:
        tasks = list(
            Task.objects.filter(case=case, status=TaskStatus.OPEN)
            .select_related("owner")
            .defer("details")
            .order_by("due_on", "pk")[:SECTION_LIMIT]
        )
    return {
        "tasks": tasks,
        "today": timezone.localdate(),
        "may_set": case.access.can(Perm.DELIVER),
        "may_change": case.access.can(Perm.CHANGE),
        "shown": [("task", t.pk) for t in tasks],
    }


def _tasks_set(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    rows = (
        window.pick(shared, "created_at") if shared is not None
        else window.bound(Task.objects.filter(case=case).select_related("owner").defer("details"), "created_at")
    )  # fmt: skip
    return [
        timeline.Entry(
            t.created_at, "task", _("Task set: %(kind)s, due %(due)s") % {"kind": t.get_kind_display(), "due": _date(t)},
            "task", t.pk, who=str(t.owner),
        )
        for t in rows
    ]  # fmt: skip


def _tasks_closed(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    closed = (
        Task.objects.filter(case=case, closed_at__isnull=False).select_related("closed_by").defer("details")
    )
    return [
        timeline.Entry(
            t.closed_at, "task",
            (_("Task done: %(kind)s") if t.status == TaskStatus.DONE else _("Task cancelled: %(kind)s"))
            % {"kind": t.get_kind_display()},
            "task", t.pk, who=str(t.closed_by or ""),
        )
        for t in (window.pick(shared, "closed_at") if shared is not None
                  else window.bound(closed, "closed_at"))
    ]  # fmt: skip


def _facts(case_ids: Sequence[int]) -> dict[int, dict]:
    """Per case: the next open task (what and when), how many are open. One query, on the index
    (case, status, due date)."""
    facts: dict[int, dict] = {}
    rows = (
        Task.objects.filter(case_id__in=list(case_ids), status=TaskStatus.OPEN)
        .order_by("case_id", "due_on", "pk").values_list("case_id", "kind", "due_on")
    )  # fmt: skip
    for case_id, kind, due_on in rows:
        entry = facts.setdefault(
            case_id, {"next_step": TaskKind(kind).label, "next_due": due_on, "open_tasks": 0}
        )
        entry["open_tasks"] += 1
    return facts


def _overdue(user_ids: Sequence[int]) -> dict[int, int]:
    """Overdue open tasks per owner: an index range (owner, status, due date) each."""
    rows = (
        Task.objects.filter(owner_id__in=list(user_ids), status=TaskStatus.OPEN, due_on__lt=timezone.localdate())
        .values("owner_id").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    return {row["owner_id"]: row["n"] for row in rows}


def _closing_checks(case: Case) -> list[str]:
    tasks = Task.objects.filter(case=case, status=TaskStatus.OPEN).select_related("owner").defer("details")
    return [
        _("Open task: %(kind)s, due %(due)s (%(owner)s)")
        % {"kind": t.get_kind_display(), "due": _date(t), "owner": t.owner}
        for t in tasks.order_by("due_on", "pk")[:50]
    ]


def _case_closed(case: Case, actor) -> None:
    """A closed case leaves nobody a task on it."""
    Task.objects.filter(case=case, status=TaskStatus.OPEN).update(
        status=TaskStatus.CANCELLED, closed_at=timezone.now(), closed_by=actor
    )


def _date(task: Task) -> str:
    return show(task.due_on, "date")


plugin = Plugin(
    navigation=[NavItem(gettext_lazy("My tasks"), "tasks:mine", None, 22)],
    case_sections=[
        CaseSection("tasks", gettext_lazy("Open tasks"), "tasks/sections/case_tasks.html", _case_section, order=15)
    ],
    timeline=[timeline.Source("task", _tasks_set), timeline.Source("task", _tasks_closed)],
    case_facts=_facts,
    housekeeping=[Job("task_reminders", gettext_lazy("reminders of tasks due sent"), reminders.remind_due_tasks)],
    closing_checks=_closing_checks,
    case_closed=_case_closed,
    workload=[WorkloadColumn(gettext_lazy("Overdue tasks"), _overdue, 30)],
    records=[
        RecordKind("task", gettext_lazy("task"), naming.by_case(Task, lambda: _("a task in case %(number)s"))),
    ],
)  # fmt: skip
