"""Recording and withdrawing consent; what withdrawing stops and who is told."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from ostoja import plugins
from ostoja.accounts.mail import send_to_staff, site_url
from ostoja.consent.codes import Scope
from ostoja.consent.models import Consent

SUBJECT_WITHDRAWN = gettext_noop("Case %(number)s: a consent was withdrawn")


def consent_record(*, consent: Consent, actor: Any) -> Consent:
    consent.recorded_by = actor
    consent.person_id = consent.case.person_id
    if consent.scope != Scope.SHARING:
        consent.partner, consent.purpose, consent.items = None, "", []
    if consent.scope != Scope.CONTACT:
        consent.channel = ""
    consent.full_clean()
    consent.save()
    return consent


def covering(*, person_id: int, partner_id: int, purpose: str, items: list[str]) -> Consent | None:
    """The consent in force that allows sharing ``items`` with the partner for ``purpose``, if any."""
    candidates = (
        Consent.objects.in_force()
        .filter(person_id=person_id, scope=Scope.SHARING, partner_id=partner_id, purpose=purpose)
        .order_by("-given_on", "-pk")
    )
    for consent in candidates:
        if consent.covers(partner_id=partner_id, purpose=purpose, items=items):
            return consent
    return None


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor: Any, note: str) -> list[str]:
    """Withdraws ``consent``, stops what depends on it and tells the case manager.

    Returns what was stopped, in words. Withdrawing twice changes nothing the second time.
    """
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        return []
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawal_note = note
    consent.save()
    stopped = [line for dependent in plugins.consent_dependents() for line in dependent.stop(consent, actor)]
    manager = consent.case.case_manager
    if manager is not None and manager.is_active and manager.email:
        send_to_staff(
            [manager],
            once=f"consent_withdrawn:{consent.pk}",
            subject=SUBJECT_WITHDRAWN,
            subject_params={"number": consent.case.number},
            template="consent/email/withdrawn.txt",
            context={
                "case": consent.case,
                "consent": consent,
                "stopped": stopped,
                "url": site_url(reverse("consent:case_consents", args=[consent.case_id])),
            },
        )
    return stopped
