"""Consent's part in the person's own copy: every consent they gave, and its withdrawal."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ostoja.consent.codes import ShareItem
from ostoja.consent.models import Consent
from ostoja.plugins import StaffRef, SubjectRecord, SubjectSection, Withheld


def subject_data(person: Any) -> list[SubjectSection]:
    labels = dict(ShareItem.choices)
    records = [
        SubjectRecord(
            consent.get_scope_display(),
            [
                (_("partner organisation"), consent.partner.name if consent.partner else ""),
                (_("purpose"), consent.get_purpose_display()),
                (_("what may be shared"), [str(labels.get(i, i)) for i in consent.items]),
                (_("given"), consent.get_given_how_display()),
                (_("given on"), consent.given_on),
                (
                    _("through the interpreter"),
                    Withheld(_("the interpreter's name")) if consent.interpreter else "",
                ),
                (_("recorded by"), StaffRef(consent.recorded_by, _("a member of staff"))),
                (_("notes"), consent.notes),
                (_("withdrawn"), consent.withdrawn_at),
                (_("how it was withdrawn"), consent.withdrawal_note),
            ],
            ("consent", consent.pk),
        )
        for consent in Consent.objects.filter(person=person)
        .select_related("partner", "recorded_by")
        .order_by("given_on", "pk")
    ]
    return [SubjectSection("consent", _("Your consents"), records, order=30)]
