"""Escalation: an urgent intervention nobody takes within the set time goes to the supervisor on call.

The task is enqueued when the intervention opens, to run when the time is up; it looks at the
intervention again when it runs, so taking it in the meantime cancels the escalation. The
``escalate_overdue`` command sweeps for anything a lost task missed; both are idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ostoja.accounts.roles import Role
from ostoja.hotline import codes
from ostoja.hotline.models import Intervention, Shift


def escalation_delay() -> timedelta:
    return timedelta(minutes=getattr(settings, "OSTOJA_ESCALATION_MINUTES", 15))


def schedule_escalation(intervention: Intervention) -> None:
    """Enqueues the escalation check for when the intervention becomes overdue.

    A backend that cannot defer (the immediate one in tests) runs the check at once, which finds
    the intervention not yet overdue and does nothing; the sweep command is the safety net there.
    """
    from ostoja.hotline.tasks import escalate_if_unassigned

    run_after = intervention.opened_at + escalation_delay()
    task = escalate_if_unassigned
    if task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(intervention.pk)


def supervisors_on_call(now=None):
    """Supervisors on call now by the roster; all active supervisors if the roster has nobody."""
    now = now or timezone.now()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    on_call = users.filter(
        pk__in=Shift.objects.covering(now).filter(kind=codes.ShiftKind.SUPERVISOR).values("user_id")
    )
    if on_call.exists():
        return list(on_call.order_by("pk"))
    return list(users.filter(groups__name=Role.SUPERVISOR).distinct().order_by("pk"))


def _notify(intervention: Intervention, now) -> int:
    link = getattr(settings, "OSTOJA_SITE_URL", "").rstrip("/") + reverse(
        "hotline:intervention", args=[intervention.pk]
    )
    minutes = int((now - intervention.opened_at).total_seconds() // 60)
    messages = []
    for supervisor in supervisors_on_call(now):
        # Ids and a link only: the mail travels outside the system and must not carry personal data.
        with translation.override(supervisor.language or settings.LANGUAGE_CODE):
            subject = gettext("Urgent intervention #%(id)s has not been taken") % {"id": intervention.pk}
            body = render_to_string(
                "hotline/email/escalation.txt",
                {"intervention": intervention, "minutes": minutes, "link": link},
            )
        messages.append(EmailMessage(subject=subject, body=body, to=[supervisor.email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def escalate(intervention_id: int, *, now=None) -> bool:
    """Escalates the intervention if it is still unassigned and overdue; True if it did now.

    The row is locked so that a concurrent "take it" and the escalation see one order of events,
    and a second run (task and sweep both) finds ``escalated_at`` set and sends nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        intervention = Intervention.objects.select_for_update().filter(pk=intervention_id).first()
        if intervention is None or intervention.escalated_at is not None:
            return False
        if not intervention.is_overdue(now):
            return False
        intervention.escalated_at = now
        intervention.save(update_fields=["escalated_at"])
        _notify(intervention, now)
    return True


def escalate_overdue(*, now=None) -> int:
    """Escalates every overdue, unassigned, not yet escalated intervention; returns how many."""
    now = now or timezone.now()
    overdue = (
        Intervention.objects.unassigned()
        .filter(escalated_at__isnull=True, opened_at__lte=now - escalation_delay())
        .order_by("opened_at")
        .values_list("pk", flat=True)
    )
    return sum(escalate(pk, now=now) for pk in list(overdue))
