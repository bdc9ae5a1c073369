"""Referrals in the printable case summary (casefiles): to whom, for what, where each stands.

Referring onwards is the case manager's work: the section is printed for those who may change the
case (the case manager, the team, supervision), not for an assigned specialist. It names the
partner organisation only, never what was shared.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.plugins import SummaryPart, SummarySection
from ostoja.referrals.models import Referral


def _part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.CHANGE):
        return None
    rows = list(
        Referral.objects.filter(case=case).select_related("partner")
        .only("pk", "case_id", "purpose", "status", "created_at", "partner__name").order_by("-created_at", "-pk")
    )  # fmt: skip
    lines = [
        _("%(partner)s — %(purpose)s: %(status)s (%(day)s)")
        % {"partner": r.partner.name, "purpose": r.get_purpose_display(), "status": r.get_status_display(),
           "day": dates.show(r.created_at, "date")}
        for r in rows
    ]  # fmt: skip
    return SummaryPart(lines=lines, shown=[("referral", r.pk) for r in rows], empty=_("No referrals."))


SECTIONS = [SummarySection("referrals", gettext_lazy("Referrals"), _part, order=60)]
