"""Background work of the hotline: escalating untaken interventions, reminding of meetings."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from ostoja.hotline import codes
from ostoja.hotline.escalation import escalate
from ostoja.hotline.models import Meeting


@task()
def escalate_if_unassigned(intervention_id: int) -> bool:
    """Runs when the intervention becomes overdue; escalates it if nobody has taken it."""
    return escalate(intervention_id)


@task()
def remind_of_meeting(meeting_id: int, starts_at: str) -> int:
    """E-mails the staff taking part in a meeting; returns how many were sent.

    ``starts_at`` is the time the reminder was planned for: if the meeting was moved or cancelled
    since, the reminder is stale and nothing is sent. The mail carries the case number, the time
    and the kind of place, never names, purposes or addresses.
    """
    meeting = Meeting.objects.select_related("case").filter(pk=meeting_id).first()
    if meeting is None or meeting.status != codes.MeetingStatus.PLANNED:
        return 0
    if meeting.starts_at.isoformat() != starts_at or meeting.starts_at <= timezone.now():
        return 0
    link = getattr(settings, "OSTOJA_SITE_URL", "").rstrip("/") + reverse(
        "hotline:meeting", args=[meeting.pk]
    )
    messages = []
    for user in meeting.staff.filter(is_active=True).exclude(email="").order_by("pk"):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = gettext("Meeting reminder — case %(number)s") % {"number": meeting.case.number}
            body = render_to_string("hotline/email/meeting_reminder.txt", {"meeting": meeting, "link": link})
        messages.append(EmailMessage(subject=subject, body=body, to=[user.email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
