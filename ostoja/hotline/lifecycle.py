"""The hotline's part in the data lifecycle: anonymous contacts and web reports never linked to a case
in the retention schedule (erased or stripped of their words when due), and a person's contacts and
meetings in their own copy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases.naming import by_time
from ostoja.history.models import FieldChange
from ostoja.hotline import codes
from ostoja.hotline.models import Contact, Meeting
from ostoja.plugins import RetentionKind, StaffRef, SubjectRecord, SubjectSection, Withheld

# The words of a contact: what anonymising removes (the codes stay for the statistics).
WORDS = ("summary", "caller_city", "contact_details", "safe_to_contact")


def _end_of(cutoff: dt.date) -> dt.datetime:
    """The first moment after the day ``cutoff`` in the centre's time zone."""
    return timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()))


def _unlinked(cutoff: dt.date):
    # Read by the received_at index (hotline_contact_recent); the review list keeps each contact once,
    # so an anonymised one is not listed again.
    return Contact.objects.filter(person__isnull=True, case__isnull=True, received_at__lt=_end_of(cutoff))


def _anonymous_due(cutoff: dt.date):
    return _unlinked(cutoff).exclude(source=codes.Source.WEB).annotate(retention_start=F("received_at"))


def _web_due(cutoff: dt.date):
    return _unlinked(cutoff).filter(source=codes.Source.WEB).annotate(retention_start=F("received_at"))


def anonymise(ids: list[int], actor: Any, reason: str) -> int:
    """Removes the words of these contacts (and their field history); the codes stay."""
    done = 0
    for contact in Contact.objects.filter(pk__in=ids, person__isnull=True, case__isnull=True):
        for field in WORDS:
            setattr(contact, field, "")
        contact.save(update_fields=list(WORDS))
        done += 1
    FieldChange.objects.filter(object_type="contact", object_id__in=ids).delete()
    return done


def erase(ids: list[int], actor: Any, reason: str) -> int:
    """Deletes these contacts; one an intervention or an incoming referral still refers to loses its
    words instead."""
    unlinked = Contact.objects.filter(pk__in=ids, person__isnull=True, case__isnull=True)
    held = set(
        unlinked.filter(Q(intervention__isnull=False) | Q(incoming_referral__isnull=False)).values_list(
            "pk", flat=True
        )
    )
    free = list(unlinked.exclude(pk__in=held).values_list("pk", flat=True))
    FieldChange.objects.filter(object_type="contact", object_id__in=free).delete()
    deleted = Contact.objects.filter(pk__in=free).delete()[1].get("hotline.Contact", 0)
    return deleted + anonymise(sorted(held), actor, reason)


def _names(ids: list[int]) -> dict[int, str]:
    return by_time(Contact, "received_at", lambda: _("contact of %(when)s"))(ids)


BASIS = gettext_lazy(
    "GDPR art. 5(1)(c) and (e): an anonymous contact is kept only to follow it up and to count it; after "
    "the period its words are removed and only the codes stay for the statistics — provisional."
)
WEB_BASIS = gettext_lazy(
    "GDPR art. 5(1)(e) and art. 17(1)(a): a report from the public site that never led to a case has no "
    "purpose left once it is answered — provisional."
)

RETENTION = [
    RetentionKind(
        "anonymous_contact", gettext_lazy("Anonymous hotline contacts"), "contact", "anonymise", BASIS,
        _anonymous_due, _names, carry_out=anonymise, order=20,
        note=gettext_lazy("From the day the contact was received; contacts linked to a person or case follow the case."),
    ),
    RetentionKind(
        "unlinked_web_report", gettext_lazy("Web reports never linked to a case"), "contact", "erase", WEB_BASIS,
        _web_due, _names, carry_out=erase, order=21,
        note=gettext_lazy("From the day the report arrived. A report an intervention refers to loses its words instead."),
    ),
]  # fmt: skip


def subject_data(person: Any) -> list[SubjectSection]:
    contacts = Contact.objects.filter(Q(person=person) | Q(case__person=person)).select_related("case")
    records = []
    for contact in contacts.order_by("received_at", "pk"):
        by_person = contact.caller_kind == codes.CallerKind.PERSON
        third = Withheld(_("told by another person (%(who)s)") % {"who": contact.get_caller_kind_display()})
        records.append(
            SubjectRecord(
                _("Contact of %(channel)s") % {"channel": contact.get_channel_display()},
                [
                    (_("received at"), contact.received_at),
                    (_("who contacted us"), contact.get_caller_kind_display()),
                    (_("topic"), contact.get_topic_display()),
                    (_("case"), contact.case.number if contact.case else ""),
                    (_("summary"), contact.summary if by_person else third),
                ],
                ("contact", contact.pk),
            )
        )
    meetings = Meeting.objects.filter(case__person=person).select_related("case").prefetch_related("staff")
    meeting_records = []
    for meeting in meetings.order_by("starts_at", "pk"):
        secret_place = meeting.place_kind == codes.PlaceKind.SHELTER
        meeting_records.append(
            SubjectRecord(
                _("Meeting in case %(number)s") % {"number": meeting.case.number},
                [
                    (_("starts at"), meeting.starts_at),
                    (_("kind of place"), meeting.get_place_kind_display()),
                    (
                        _("where exactly"),
                        Withheld(_("a shelter's address is never given"))
                        if secret_place
                        else meeting.place_note,
                    ),
                    (_("staff"), [StaffRef(user, _("a member of staff")) for user in meeting.staff.all()]),
                    (
                        _("other participants"),
                        Withheld(_("other people's names")) if meeting.other_participants else "",
                    ),
                    (_("purpose"), meeting.purpose),
                    (_("status"), meeting.get_status_display()),
                    (_("outcome"), meeting.outcome),
                ],
                ("meeting", meeting.pk),
            )
        )
    return [
        SubjectSection("contacts", _("Your contacts with the hotline"), records, order=10),
        SubjectSection("meetings", _("Meetings"), meeting_records, order=11),
    ]
