"""Escalation: an urgent intervention nobody takes within the set time goes to the supervisor on call.

The task (``tasks.schedule_escalation``) is enqueued when the intervention opens, to run when the
time is up; it looks at the intervention again when it runs, so taking it in the meantime cancels
the escalation. The
``escalate_overdue`` command sweeps for anything a lost task missed; both are idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from ostoja import dates
from ostoja.accounts.mail import reachable, send_to_staff, site_url
from ostoja.accounts.roles import Role
from ostoja.hotline import codes
from ostoja.hotline.models import Intervention, Shift, escalation_delay

SUBJECT = gettext_noop("The urgent intervention opened at %(time)s has not been taken")


def supervisors_on_call(now=None):
    """Supervisors on call now by the roster; all active supervisors if the roster has nobody."""
    now = now or timezone.now()
    on_call = reachable().filter(
        pk__in=Shift.objects.covering(now).filter(kind=codes.ShiftKind.SUPERVISOR).values("user_id")
    )
    if on_call.exists():
        return list(on_call)
    return list(reachable(Role.SUPERVISOR))


def _notify(intervention: Intervention) -> int:
    """Tells the supervisors on call when it was escalated, each of them once (accounts/mail.py)."""
    escalated_at = intervention.escalated_at
    # Ids and a link only: the mail travels outside the system and must not carry personal data.
    return send_to_staff(
        supervisors_on_call(escalated_at), once=f"escalation:{intervention.pk}", subject=SUBJECT,
        subject_params={"time": dates.show(intervention.opened_at, "time")}, template="hotline/email/escalation.txt",
        context={
            "intervention": intervention,
            "minutes": int((escalated_at - intervention.opened_at).total_seconds() // 60),
            "link": site_url(reverse("hotline:intervention", args=[intervention.pk])),
        },
    )  # fmt: skip


def escalate(intervention_id: int, *, now=None) -> bool:
    """Escalates the intervention if it is still unassigned and overdue; True if it did now.

    The row is locked so that a concurrent "take it" and the escalation see one order of events;
    ``escalated_at`` commits before anyone is told. Every run then makes sure the supervisors on
    call at that moment were told, each once: a run that died halfway is completed by the next
    (the task run again, or the sweep), and nobody gets the message twice.
    """
    now = now or timezone.now()
    escalated_now = False
    with transaction.atomic():
        intervention = Intervention.objects.select_for_update().filter(pk=intervention_id).first()
        if intervention is None:
            return False
        if intervention.escalated_at is None:
            if not intervention.is_overdue(now):
                return False
            intervention.escalated_at = now
            intervention.save(update_fields=["escalated_at"])
            escalated_now = True
    _notify(intervention)
    return escalated_now


def escalate_overdue(*, now=None) -> int:
    """Escalates every overdue, unassigned, not yet escalated intervention; returns how many.

    Interventions escalated in the last day whose supervisors were not all told (a run that died
    halfway) are completed as well.
    """
    now = now or timezone.now()
    overdue = (
        Intervention.objects.unassigned()
        .filter(escalated_at__isnull=True, opened_at__lte=now - escalation_delay())
        .order_by("opened_at")
        .values_list("pk", flat=True)
    )
    escalated = sum(escalate(pk, now=now) for pk in list(overdue))
    for intervention in Intervention.objects.filter(escalated_at__gte=now - timedelta(days=1)).order_by("pk"):
        _notify(intervention)
    return escalated
