"""Referrals' part in the person's own copy: where they were referred, what was shared, what came back."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ostoja.consent.codes import ShareItem
from ostoja.plugins import StaffRef, SubjectRecord, SubjectSection
from ostoja.referrals.models import Referral


def subject_data(person: Any) -> list[SubjectSection]:
    labels = dict(ShareItem.choices)
    referrals = Referral.objects.filter(case__person=person).select_related("partner", "case", "created_by")
    records = [
        SubjectRecord(
            _("Referral in case %(number)s") % {"number": referral.case.number},
            [
                (_("partner organisation"), referral.partner.name),
                (_("purpose"), referral.get_purpose_display()),
                (_("what is shared"), [str(labels.get(i, i)) for i in referral.items]),
                (_("summary of the situation"), referral.situation),
                (_("status"), referral.get_status_display()),
                (_("drafted"), referral.created_at),
                (_("sent"), referral.sent_at),
                (_("the partner's feedback"), referral.feedback),
                (_("drafted by"), StaffRef(referral.created_by, _("a member of staff"))),
            ],
            ("referral", referral.pk),
        )
        for referral in referrals.order_by("created_at", "pk")
    ]
    return [SubjectSection("referrals", _("Referrals to partner organisations"), records, order=40)]
