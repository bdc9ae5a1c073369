"""Needs and safety in the printable case summary (casefiles): the latest needs assessment and the
current safety assessment, by their plain columns."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.plugins import SummaryPart, SummarySection


def _part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.VIEW):
        return None
    rows: list = []
    shown: list[tuple[str, int]] = []
    needs = (
        NeedsAssessment.objects.filter(case=case).only("pk", "case_id", "kind", "assessed_on", "created_at")
        .order_by("-created_at", "-pk").first()
    )  # fmt: skip
    if needs is not None:
        rows.append((_("Needs assessment"), f"{needs.get_kind_display()}, {dates.show(needs.assessed_on)}"))
        shown.append(("needs_assessment", needs.pk))
    safety = (
        SafetyAssessment.objects.filter(case=case, current=True)
        .only("pk", "case_id", "risk_level", "assessed_on", "review_on").first()
    )  # fmt: skip
    if safety is not None:
        rows.append((_("Risk level"), str(safety.get_risk_level_display())))
        if safety.review_on:
            rows.append((_("Safety review on"), dates.show(safety.review_on)))
        shown.append(("safety_assessment", safety.pk))
    return SummaryPart(rows=rows, shown=shown, empty=_("No assessment yet."))


SECTIONS = [SummarySection("assessments", gettext_lazy("Needs and safety"), _part, order=30)]
