"""Services delivered in the printable case summary (casefiles): the latest, by plain columns."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.plugins import SummaryPart, SummarySection
from ostoja.services.models import Delivery

LATEST = 20
PLAIN = ("pk", "case_id", "service__name_pl", "service__name_en", "delivered_on")


def _part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.VIEW):
        return None
    rows = list(
        Delivery.objects.filter(case=case).select_related("service").only(*PLAIN)
        .order_by("-delivered_on", "-pk")[:LATEST]
    )  # fmt: skip
    return SummaryPart(
        lines=[f"{dates.show(d.delivered_on)} — {d.service.name}" for d in rows],
        shown=[("delivery", d.pk) for d in rows], empty=_("No services recorded yet."),
    )  # fmt: skip


SECTIONS = [SummarySection("services", gettext_lazy("Services delivered"), _part, order=50)]
