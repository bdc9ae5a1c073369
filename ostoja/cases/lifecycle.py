"""The cases app's part in the data lifecycle: closed cases in the retention schedule, and the person,
their cases and notes in the person's own copy (the subject access export)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases.codes import CLOSED_STATUSES, CaseKind
from ostoja.cases.models import Case, Note
from ostoja.people.countries import country_name
from ostoja.plugins import RetentionKind, StaffRef, SubjectRecord, SubjectSection, Withheld
from ostoja.web.templatetags.ostoja import language_name

CASE_BASIS = gettext_lazy(
    "GDPR art. 5(1)(e) (storage limitation) and art. 17(1)(a); the records of assistance are kept as "
    "long as the rules on the centre's records (the archival category of assistance files) and the "
    "funder's agreement require — provisional until the centre's legal opinion."
)
CONSULTATION_BASIS = gettext_lazy(
    "GDPR art. 5(1)(e) and art. 17(1)(a): a consultation gives no assistance to keep records of; the "
    "period covers complaints and the funder's checks — provisional."
)


def _closed(kind: str):
    def due(cutoff: Any):
        return Case.objects.filter(status__in=CLOSED_STATUSES, kind=kind, closed_on__lte=cutoff).annotate(
            retention_start=F("closed_on")
        )

    return due


def _case_numbers(ids: list[int]) -> dict[int, str]:
    return dict(Case.objects.filter(pk__in=ids).values_list("pk", "number"))


def _case_persons(ids: list[int]) -> dict[int, int]:
    return dict(Case.objects.filter(pk__in=ids).values_list("pk", "person_id"))


RETENTION = [
    RetentionKind(
        "closed_case", gettext_lazy("Closed support cases"), "case", "erase", CASE_BASIS, _closed(CaseKind.SUPPORT),
        _case_numbers, person=_case_persons, order=10,
        note=gettext_lazy("From the day the case was closed. Erasing it erases the person, once none of their cases is open or still kept."),
    ),
    RetentionKind(
        "consultation_case", gettext_lazy("Consultation-only cases"), "case", "erase", CONSULTATION_BASIS,
        _closed(CaseKind.CONSULTATION), _case_numbers, person=_case_persons, order=11,
        note=gettext_lazy("From the day the case was closed."),
    ),
]  # fmt: skip


def subject_data(person: Any) -> list[SubjectSection]:
    """The person as registered, their cases and the notes written in them."""
    identity = [
        (_("given name (original script)"), person.given_name),
        (_("family name (original script)"), person.family_name),
        (_("given name in Latin letters"), person.given_name_latin),
        (_("family name in Latin letters"), person.family_name_latin),
        (_("aliases and other spellings"), list(person.aliases or [])),
        (_("sex / gender"), person.get_gender_display()),
        (_("date of birth"), person.date_of_birth),
        (_("estimated age (if birth date unknown)"), person.estimated_age),
        (_("minor (under 18)"), _("yes") if person.is_minor else _("no")),
        (_("age group"), person.get_age_band_display()),
        (_("citizenships"), [country_name(code) for code in person.citizenships or []]),
        (_("languages"), [language_name(code) for code in person.languages or []]),
        (_("needs an interpreter"), _("yes") if person.needs_interpreter else _("no")),
    ]
    records = [SubjectRecord(_("Registered details"), identity, ("person", person.pk))]
    for channel in person.channels.order_by("pk"):
        records.append(
            SubjectRecord(
                channel.get_kind_display(),
                [
                    (_("number or address"), channel.value),
                    (_("safe hours"), channel.safe_hours),
                    (_("code word"), channel.code_word),
                    (_("notes"), channel.notes),
                ],
            )
        )
    for document in person.documents.order_by("pk"):
        records.append(
            SubjectRecord(
                document.get_kind_display(),
                [
                    (_("number"), document.number),
                    (
                        _("issuing country"),
                        country_name(document.issuing_country) if document.issuing_country else "",
                    ),
                    (_("status"), document.get_status_display()),
                    (_("notes"), document.notes),
                ],
            )
        )
    sections = [SubjectSection("person", _("You as registered"), records, order=1)]

    cases = list(person.cases.select_related("case_manager").order_by("opened_on", "pk"))
    case_records = [
        SubjectRecord(
            _("Case %(number)s") % {"number": case.number},
            [
                (_("kind"), case.get_kind_display()),
                (_("phase"), case.get_phase_display()),
                (_("status"), case.get_status_display()),
                (_("opened on"), case.opened_on),
                (_("closed on"), case.closed_on),
                (_("reason for closing"), case.get_closure_reason_display()),
                (_("closing note"), case.closure_note),
                (_("risk flags"), case.risk_flag_labels),
                (_("case manager"), StaffRef(case.case_manager, _("case manager"))),
            ],
            ("case", case.pk),
        )
        for case in cases
    ]
    sections.append(SubjectSection("cases", _("Your cases"), case_records, order=2))
    notes = (
        Note.objects.filter(case__person=person).select_related("author", "case").order_by("created_at", "pk")
    )
    note_records = []
    for note in notes:
        text: Any = note.text
        if note.confidential_to:
            text = Withheld(
                _("a confidential note of a specialist (%(discipline)s): the specialist reviews it with you")
                % {"discipline": note.get_confidential_to_display()}
            )
        note_records.append(
            SubjectRecord(
                _("Note in case %(number)s") % {"number": note.case.number},
                [
                    (_("written"), note.created_at),
                    (_("by"), StaffRef(note.author, _("a member of staff"))),
                    (_("note"), text),
                ],
                ("note", note.pk),
            )
        )
    sections.append(SubjectSection("notes", _("Notes in your cases"), note_records, order=3))
    return sections
