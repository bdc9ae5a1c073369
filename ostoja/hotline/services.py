"""Contacts and interventions: the rules that span records (HackSoft-style services)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja import versions
from ostoja.hotline import codes, warning_words
from ostoja.hotline.models import CallEvent, Contact, Intervention, InterventionAction, TranslationRequest

WEB_TEXT_MAX = 20_000
WEB_FIELD_MAX = 2_000
WEB_LANGUAGE_MAX = 8


def _web_caller_kind(reporter_kind: str) -> str:
    if reporter_kind in codes.CallerKind.values:
        return reporter_kind
    return codes.CallerKind.ANONYMOUS if not reporter_kind else codes.CallerKind.OTHER


@transaction.atomic
def contact_from_web_report(
    *,
    language: str,
    text: str,
    contact_details: str = "",
    safe_to_contact: str = "",
    reporter_kind: str = "",
    location: str = "",
    surge: bool = False,
) -> Contact:
    """Stores a report sent through the public site as an untriaged contact (source "web").

    Everything the reporter wrote is encrypted. ``language`` is the language the report was written
    in (an ISO 639 code; kept as written if the hotline's own list lacks it). ``reporter_kind`` is
    a short code from the public form ("person", "family", "witness", ...). ``location`` is free
    text and goes into the encrypted city field; the country stays unknown until triage. ``surge``
    marks a report sent while the public form was over its hourly cap (listed apart in triage).
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("The report is empty.")})
    if len(text) > WEB_TEXT_MAX:
        raise ValidationError({"text": _("The report is too long.")})
    language = (language or "").strip().lower()[:WEB_LANGUAGE_MAX] or "other"
    reporter_kind = (reporter_kind or "").strip().lower()[:32]
    contact = Contact(
        channel=codes.Channel.WEB_FORM,
        direction=codes.Direction.INCOMING,
        caller_kind=_web_caller_kind(reporter_kind),
        language=language,
        caller_country="",
        caller_city=(location or "").strip()[:200],
        topic=codes.Topic.OTHER,
        urgency=codes.Urgency.ROUTINE,
        summary=text,
        contact_details=(contact_details or "").strip()[:WEB_FIELD_MAX],
        safe_to_contact=(safe_to_contact or "").strip()[:WEB_FIELD_MAX],
        reporter_kind=reporter_kind,
        source=codes.Source.WEB,
        received_at=timezone.now(),
        surge=surge,
        warning_signs=warning_words.signs_in(text, language),
    )
    # The language is what the public site was showing; it may be outside the hotline's short list.
    contact.full_clean(exclude=["language"])
    contact.save()
    return contact


@transaction.atomic
def contact_log(*, contact: Contact, created_by, call_event: CallEvent | None = None) -> Contact:
    """Saves a contact logged by staff; an outgoing contact with a person needs the protocol confirmed.

    Staff-logged contacts are triaged as they are written: the worker who logs them has read them.
    """
    if contact.direction == codes.Direction.OUTGOING and contact.person_id and not contact.protocol_followed:
        raise ValidationError(
            {
                "protocol_followed": _(
                    "Confirm that the safe-contact protocol was followed before this contact."
                )
            }
        )
    contact.created_by = created_by
    contact.source = codes.Source.TELEPHONY if call_event else codes.Source.STAFF
    now = timezone.now()
    contact.triaged_at = now
    contact.triaged_by = created_by
    contact.full_clean()
    contact.save()
    if call_event is not None:
        call_event.status = codes.CallStatus.LOGGED
        call_event.contact = contact
        call_event.save(update_fields=["status", "contact"])
    return contact


@transaction.atomic
def contact_triage(
    *, contact: Contact, by, fields: Iterable[str] = (), expected_version: int | None = None
) -> Contact:
    """Marks a waiting contact (a web report, a call event) as looked at, saving what was corrected.

    With ``expected_version``, refused (StaleVersion) when a colleague triaged it since.
    """
    versions.claim(contact, contact.version if expected_version is None else expected_version)
    contact.triaged_at = timezone.now()
    contact.triaged_by = by
    contact.full_clean(exclude=["language"] if contact.source == codes.Source.WEB else None)
    contact.save(update_fields=[*fields, "triaged_at", "triaged_by"])
    return contact


@transaction.atomic
def contact_link(*, contact: Contact, person, case, expected_version: int) -> Contact:
    """Links a contact to the person (and case) it turned out to be; StaleVersion if changed meanwhile."""
    versions.claim(contact, expected_version)
    contact.person, contact.case = person, case
    if contact.caller_kind == codes.CallerKind.ANONYMOUS:
        contact.caller_kind = codes.CallerKind.PERSON
    contact.save(update_fields=["person", "case", "caller_kind"])
    return contact


@transaction.atomic
def intervention_open(*, contact: Contact, needs: list[str], opened_by, handler=None) -> Intervention:
    """Opens an intervention for an urgent contact and starts the escalation clock."""
    from ostoja.hotline.tasks import schedule_escalation

    unknown = set(needs) - set(codes.Need.values)
    if unknown:
        raise ValidationError({"needs": _("Unknown need.")})
    if contact.urgency != codes.Urgency.URGENT:
        contact.urgency = codes.Urgency.URGENT
        contact.save(update_fields=["urgency"])
    now = timezone.now()
    intervention = Intervention(
        contact=contact,
        needs=list(dict.fromkeys(needs)),
        opened_by=opened_by,
        opened_at=now,
        handler=handler,
        taken_at=now if handler else None,
        status=codes.InterventionStatus.IN_PROGRESS if handler else codes.InterventionStatus.OPEN,
    )
    intervention.full_clean()
    intervention.save()
    if handler is None:
        schedule_escalation(intervention)
    return intervention


class AlreadyTaken(Exception):
    """Someone else took the intervention first."""


@transaction.atomic
def intervention_take(*, intervention_id: int, user) -> Intervention:
    """Assigns the intervention to ``user`` unless a colleague took it first (row locked)."""
    intervention = Intervention.objects.select_for_update().get(pk=intervention_id)
    if intervention.is_closed:
        raise ValidationError(_("This intervention is already closed."))
    if intervention.handler_id and intervention.handler_id != user.pk:
        raise AlreadyTaken
    if intervention.handler_id is None:
        intervention.handler = user
        intervention.taken_at = timezone.now()
        intervention.status = codes.InterventionStatus.IN_PROGRESS
        intervention.version += 1
        intervention.save(update_fields=["handler", "taken_at", "status", "version"])
    return intervention


@transaction.atomic
def intervention_add_action(*, intervention: Intervention, by, text: str, at=None) -> InterventionAction:
    action = InterventionAction(intervention=intervention, by=by, text=text.strip(), at=at or timezone.now())
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def intervention_close(
    *, intervention: Intervention, outcome: str, note: str = "", by=None, expected_version: int | None = None
) -> Intervention:
    """Closes the intervention; with ``expected_version``, only if nobody changed it since (else StaleVersion)."""
    if outcome not in codes.Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    versions.claim(intervention, intervention.version if expected_version is None else expected_version)
    if intervention.is_closed:
        raise ValidationError(_("This intervention is already closed."))
    intervention.status = codes.InterventionStatus.CLOSED
    intervention.outcome = outcome
    intervention.outcome_note = note.strip()
    intervention.closed_at = timezone.now()
    if intervention.handler_id is None and by is not None:
        intervention.handler = by
        intervention.taken_at = intervention.closed_at
    intervention.full_clean()
    intervention.save()
    return intervention


@transaction.atomic
def translation_ask(*, contact: Contact, interpreter_id: int, note: str, by) -> TranslationRequest:
    """Asks an interpreter (one of the centre's list) to translate ``contact``, in its own language."""
    asked = TranslationRequest(
        contact=contact,
        language=contact.language,
        interpreter_id=interpreter_id,
        note=note.strip(),
        asked_by=by,
    )
    asked.full_clean()
    asked.save()
    return asked


@transaction.atomic
def translation_record(*, request_: TranslationRequest, text: str, by) -> TranslationRequest:
    """Keeps the translation an interpreter gave; a later one replaces it (the audit log keeps who)."""
    request_.translation = text.strip()
    request_.status = codes.TranslationStatus.DONE
    request_.translated_by = by
    request_.translated_at = timezone.now()
    request_.full_clean()
    request_.save()
    return request_
