"""Referrals: the consent gate, the status flow, follow-up reminders and the support-plan hook."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ostoja import plugins, versions
from ostoja.accounts.mail import send_to_staff, site_url
from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.consent import services as consent_services
from ostoja.consent.codes import ShareItem
from ostoja.consent.models import Consent
from ostoja.referrals import letters
from ostoja.referrals.models import NEXT, Consultation, IncomingReferral, IncomingStatus, Referral, Status

SUBJECT_FOLLOW_UP = gettext_noop("Case %(number)s: follow up a referral")


def check_gate(referral: Referral, *, actor: Any, override_reason: str = "") -> Consent | None:
    """The consent that allows ``referral``, or None for a supervisor's emergency override.

    Raises ValidationError (by field) when the partner is inactive, an item is not one a referral
    may share, the letter's language has no template, or no consent in force covers the partner,
    the purpose and every item — unless a supervisor overrides with a reason.
    """
    errors: dict[str, list[str]] = {}
    if not referral.partner.active:
        errors.setdefault("partner", []).append(_("This partner is inactive and takes no new referrals."))
    unknown = [item for item in referral.items if item not in ShareItem.values]
    if unknown:
        errors.setdefault("items", []).append(_("Only the listed items can be shared."))
    if referral.letter_language not in letters.LANGUAGES:
        errors.setdefault("letter_language", []).append(
            _("There is no letter template in this language. Choose Polish, English, German or Dutch.")
        )
    if errors:
        raise ValidationError(errors)
    consent = consent_services.covering(
        person_id=referral.case.person_id, partner_id=referral.partner_id, purpose=referral.purpose,
        items=list(referral.items),
    )  # fmt: skip
    if consent is not None:
        return consent
    if override_reason.strip():
        if not actor.has_role(Role.SUPERVISOR):
            raise ValidationError(
                {
                    "override_reason": _(
                        "Only a supervisor may share without consent, in a life-threatening emergency."
                    )
                }
            )
        return None
    raise ValidationError(
        {
            "items": _(
                "No consent in force covers this partner, this purpose and every ticked item. Record the "
                "person's consent first, or share less."
            )
        }
    )


def referral_draft(*, referral: Referral, actor: Any, override_reason: str = "", request=None) -> Referral:
    """Saves a new referral after the consent gate; an override is audited with its reason."""
    referral.items = [item for item in ShareItem.values if item in set(referral.items)]
    if ShareItem.SITUATION not in referral.items:
        referral.situation = ""
    consent = check_gate(referral, actor=actor, override_reason=override_reason)
    referral.consent = consent
    referral.created_by = actor
    if consent is None:
        referral.override_reason = override_reason.strip()
        referral.overridden_by = actor
    referral.full_clean()
    referral.save()
    # The create row; an override carries the supervisor's reason and says so in the details.
    audit.record(
        request=request, actor=actor, action="create", object_type="referral", object_ids=[referral.pk],
        related=[("case", referral.case_id), ("person", referral.case.person_id),
                 *([("consent", consent.pk)] if consent else [])],
        reason=referral.override_reason if consent is None else "",
        details={"items": referral.items, "consent_override": consent is None},
    )  # fmt: skip
    return referral


def referral_advance(
    *, referral: Referral, to: str, actor: Any, expected_version: int | None, feedback: str = "",
    follow_up_on=None,
) -> Referral:  # fmt: skip
    """Moves the referral one step (drafted → sent → accepted / declined → completed).

    Sending checks the consent again: a consent withdrawn meanwhile stops the referral instead.
    Completing one linked to a support-plan service marks that service delivered.
    """
    if to not in NEXT[referral.status]:
        raise ValidationError({"to": _("A referral cannot move from “%(from)s” to that status.") % {
            "from": Status(referral.status).label}})  # fmt: skip
    if (
        to == Status.SENT
        and referral.consent_id is not None
        and not Consent.objects.filter(pk=referral.consent_id, withdrawn_at__isnull=True).exists()
    ):
        raise ValidationError({"to": _("The consent this referral relies on was withdrawn.")})
    now = timezone.now()
    referral.status = to
    if to == Status.SENT:
        referral.sent_at = now
    elif to in (Status.ACCEPTED, Status.DECLINED):
        referral.answered_at = now
    elif to == Status.COMPLETED:
        referral.completed_at = now
    if feedback.strip():
        referral.feedback = feedback.strip()
    if follow_up_on is not None or to in (Status.DECLINED, Status.COMPLETED):
        referral.follow_up_on = None if to in (Status.DECLINED, Status.COMPLETED) else follow_up_on
    versions.save(referral, expected_version)
    if to == Status.COMPLETED and referral.service_id is not None:
        hook = plugins.support_services()
        if hook is not None:
            hook.delivered(referral.service_id, referral, actor)
    return referral


def link_service(*, referral: Referral, service_id: int | None) -> None:
    """Links the referral to one of its case's support-plan services (or unlinks it)."""
    hook = plugins.support_services()
    allowed = {pk for pk, _label in hook.choices(referral.case)} if hook is not None else set()
    if service_id is not None and service_id not in allowed:
        raise ValidationError({"service": _("Choose a service of this case's support plan.")})
    Referral.objects.filter(pk=referral.pk).update(service_id=service_id)
    referral.service_id = service_id


def stop_for_consent(consent: Consent, actor: Any) -> list[str]:
    """A withdrawn consent stops the referrals relying on it that the partner has not yet received."""
    stopped = []
    for referral in Referral.objects.filter(consent=consent, status=Status.DRAFTED).select_related("partner"):
        referral.status = Status.STOPPED
        referral.stopped_at = timezone.now()
        referral.follow_up_on = None
        referral.save(update_fields=["status", "stopped_at", "follow_up_on"])
        stopped.append(_("Referral to %(partner)s (not sent)") % {"partner": referral.partner})
    for referral in Referral.objects.filter(
        consent=consent, status__in=(Status.SENT, Status.ACCEPTED)
    ).select_related("partner"):
        stopped.append(
            _("Referral to %(partner)s was already sent: tell the partner the consent is withdrawn")
            % {"partner": referral.partner}
        )
    return stopped


def send_follow_up_reminders() -> int:
    """Tells each case manager of the referrals whose follow-up day has come (once per day set)."""
    today = timezone.localdate()
    due = (
        Referral.objects.filter(status__in=(Status.SENT, Status.ACCEPTED), follow_up_on__lte=today)
        .select_related("case", "case__case_manager", "partner")
        .only("pk", "status", "follow_up_on", "reminded_for", "case__number", "case__case_manager", "partner__name",
              "partner__city")
        .order_by("follow_up_on", "pk")[:500]
    )  # fmt: skip
    sent = 0
    for referral in due:
        if referral.reminded_for == referral.follow_up_on:
            continue
        manager = referral.case.case_manager
        if manager is not None and manager.is_active and manager.email:
            send_to_staff(
                [manager],
                once=f"referral_follow_up:{referral.pk}:{referral.follow_up_on.isoformat()}",
                subject=SUBJECT_FOLLOW_UP,
                subject_params={"number": referral.case.number},
                template="referrals/email/follow_up.txt",
                context={
                    "referral": referral,
                    "url": site_url(reverse("referrals:referral", args=[referral.pk])),
                },
            )
        Referral.objects.filter(pk=referral.pk).update(reminded_for=referral.follow_up_on)
        sent += 1
    return sent


def consultation_counts(*, since, until) -> dict[str, Any]:
    """Consultations held in [since, until]: how many, minutes in all, and how many per topic."""
    rows = Consultation.objects.filter(held_on__gte=since, held_on__lte=until)
    per_topic = {row["topic"]: row["n"] for row in rows.values("topic").annotate(n=Count("pk")).order_by()}
    totals = rows.aggregate(n=Count("pk"), minutes=Sum("minutes"))
    return {"count": totals["n"] or 0, "minutes": totals["minutes"] or 0, "per_topic": per_topic}


# Incoming referrals: a partner refers a person to the centre.

CALLER_KIND = {
    "police": "police", "border_guard": "border_guard", "consulate": "consulate", "ngo": "ngo",
    "trade_union": "ngo", "shelter": "ngo", "international": "institution",
}  # fmt: skip


@transaction.atomic
def incoming_receive(*, incoming: IncomingReferral, contact: Any, actor: Any) -> IncomingReferral:
    """Logs the partner's referral as a hotline contact and keeps who referred."""
    from ostoja.hotline import services as hotline

    kind = incoming.partner.kind if incoming.partner_id else ""
    contact.caller_kind = CALLER_KIND.get(kind, "institution")
    hotline.contact_log(contact=contact, created_by=actor)
    incoming.contact = contact
    incoming.received_by = actor
    incoming.full_clean()
    incoming.save()
    return incoming


@transaction.atomic
def incoming_decide(*, incoming: IncomingReferral, actor: Any, case: Any | None) -> IncomingReferral:
    """Accepts the referral with the case opened for the person (links the contact to it), or declines it."""
    if incoming.status != IncomingStatus.RECEIVED:
        raise ValidationError(_("This referral has already been decided."))
    incoming.status = IncomingStatus.ACCEPTED if case is not None else IncomingStatus.DECLINED
    incoming.case = case
    incoming.decided_by = actor
    incoming.decided_at = timezone.now()
    incoming.save(update_fields=["status", "case", "decided_by", "decided_at"])
    if case is not None:
        type(incoming.contact).objects.filter(pk=incoming.contact_id).update(case=case, person=case.person)
        type(incoming.contact).objects.get(pk=incoming.contact_id).reseal()  # under the person's own key
    return incoming
