"""Identification in the printable case summary (casefiles): the status now, and — for those who may
change the case, not an assigned specialist — what the exploitation profile records."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.identification import services
from ostoja.identification.models import ExploitationProfile
from ostoja.identification.profile_codes import ExploitationForm, MeansOfControl
from ostoja.plugins import SummaryPart, SummarySection


def _labels(codes: list[str], choices: type) -> str:
    names = dict(choices.choices)
    return ", ".join(str(names.get(code, code)) for code in codes) or "—"


def _part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.VIEW):
        return None
    rows: list = []
    shown: list[tuple[str, int]] = []
    status = services.current_status(case)
    if status is not None:
        rows.append((_("Identification status"), str(status.get_status_display())))
        if status.authority:
            rows.append((_("Identified by"), str(status.get_authority_display())))
        rows.append((_("In effect since"), dates.show(status.effective_at, "date")))
        shown.append(("identification_status", status.pk))
    if access.can(Perm.CHANGE):
        profile = (
            ExploitationProfile.objects.filter(case=case)
            .only("pk", "case_id", "forms", "means_of_control")
            .first()
        )
        if profile is not None:
            rows.append((_("Forms of exploitation"), _labels(profile.forms, ExploitationForm)))
            rows.append((_("Means of control"), _labels(profile.means_of_control, MeansOfControl)))
            shown.append(("exploitation_profile", profile.pk))
    return SummaryPart(rows=rows, shown=shown, empty=_("No identification status yet."))


SECTIONS = [SummarySection("identification", gettext_lazy("Identification"), _part, order=20)]
