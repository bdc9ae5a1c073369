"""Reminders of tasks due: one e-mail a day to each person with open tasks due or overdue.

The message says how many and links to "My tasks"; it names no case and no person.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from ostoja.accounts.mail import send_to_staff, site_url
from ostoja.accounts.models import User
from ostoja.tasks.codes import TaskStatus
from ostoja.tasks.models import Task

SUBJECT = gettext_noop("Tasks due in Ostoja")


def remind_due_tasks() -> int:
    """Sends today's reminders not sent yet (once per person and day); returns how many were sent."""
    today = timezone.localdate()
    due = (
        Task.objects.filter(status=TaskStatus.OPEN, due_on__lte=today)
        .values("owner_id").annotate(n=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))).order_by()
    )  # fmt: skip
    counts = {row["owner_id"]: row for row in due}
    sent = 0
    for user in User.objects.filter(pk__in=list(counts), is_active=True).order_by("pk"):
        row = counts[user.pk]
        sent += send_to_staff(
            [user], once=f"tasks_due:{today.isoformat()}", subject=SUBJECT, template="tasks/email/due.txt",
            context={"count": row["n"], "overdue": row["overdue"], "link": site_url(reverse("tasks:mine"))},
        )  # fmt: skip
    return sent
