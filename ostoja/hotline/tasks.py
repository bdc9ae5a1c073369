"""Background work of the hotline: escalating untaken interventions, reminding of meetings, telling
supervisors of a surge of web reports."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import TaskContext, task

from ostoja import dates
from ostoja.accounts.mail import reachable, send_to_staff, site_url
from ostoja.accounts.roles import Role
from ostoja.hotline import codes
from ostoja.hotline.escalation import escalate
from ostoja.hotline.models import Contact, Intervention, Meeting, escalation_delay

SUBJECT_REMINDER = gettext_noop("Meeting reminder — case %(number)s")
SUBJECT_SURGE = gettext_noop("More web reports than usual are arriving")


def schedule_escalation(intervention: Intervention) -> None:
    """Enqueues the escalation check for when the intervention becomes overdue.

    A backend that cannot defer (the immediate one in tests) runs the check at once, which finds
    the intervention not yet overdue and does nothing; the sweep command is the safety net there.
    """
    task = escalate_if_unassigned
    if task.get_backend().supports_defer:
        task = task.using(run_after=dates.plus(intervention.opened_at, escalation_delay()))
    task.enqueue(intervention.pk)


@task()
def escalate_if_unassigned(intervention_id: int) -> bool:
    """Runs when the intervention becomes overdue; escalates it if nobody has taken it."""
    return escalate(intervention_id)


@task()
def remind_of_meeting(meeting_id: int, starts_at: str, before: str = "") -> int:
    """E-mails the staff taking part in a meeting; returns how many were sent.

    ``starts_at`` is the time the reminder was planned for: if the meeting was moved or cancelled
    since, the reminder is stale and nothing is sent. ``before`` says which reminder it is ("1440m",
    "60m"): each goes to each person once, however often the task runs. The mail carries the case
    number, the time and the kind of place, never names, purposes or addresses.
    """
    meeting = Meeting.objects.select_related("case").filter(pk=meeting_id).first()
    if meeting is None or meeting.status != codes.MeetingStatus.PLANNED:
        return 0
    if meeting.starts_at.isoformat() != starts_at or meeting.starts_at <= timezone.now():
        return 0
    return send_to_staff(
        meeting.staff.filter(is_active=True).order_by("pk"), once=f"meeting:{meeting.pk}:{starts_at}:{before}",
        subject=SUBJECT_REMINDER,
        subject_params={"number": meeting.case.number}, template="hotline/email/meeting_reminder.txt",
        context={"meeting": meeting, "link": site_url(reverse("hotline:meeting", args=[meeting.pk]))},
    )  # fmt: skip


@task(takes_context=True)
def notify_report_surge(context: TaskContext, per_hour: int) -> int:
    """Tells every active supervisor that the public form went over its hourly cap.

    Sent once per hour in which it happens. Says how many reports wait in the surge list and where
    to find them; nothing of what was written.
    """
    waiting = Contact.objects.untriaged().filter(surge=True).count()
    # The task itself is the event: run again after a crash, it tells nobody twice.
    return send_to_staff(
        reachable(Role.SUPERVISOR), once=f"report_surge:{context.task_result.id}", subject=SUBJECT_SURGE, template="hotline/email/report_surge.txt",
        context={"per_hour": per_hour, "waiting": waiting, "link": site_url(reverse("hotline:triage") + "?surge=1")},
    )  # fmt: skip
