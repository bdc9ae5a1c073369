"""The support plan in the printable case summary (casefiles): the approved version's goals (or the
draft's, said so)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.plans import services
from ostoja.plugins import SummaryPart, SummarySection


def _part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.VIEW):
        return None
    plan = services.approved(case) or services.latest(case)
    if plan is None:
        return SummaryPart(empty=_("No support plan yet."))
    state = (
        _("version %(n)s, approved on %(day)s")
        % {"n": plan.number, "day": dates.show(plan.approved_at, "date")}
        if plan.approved_at
        else _("version %(n)s, a draft not approved yet") % {"n": plan.number}
    )
    rows = [(_("Support plan"), state)]
    if plan.review_on:
        rows.append((_("Review on"), dates.show(plan.review_on)))
    goals = list(plan.goals.all())
    lines = [
        f"{g.get_domain_display()}: {g.goal}" + (f" ({_('by')} {dates.show(g.due_on)})" if g.due_on else "")
        for g in goals
    ]
    return SummaryPart(rows=rows, lines=lines, shown=[("support_plan", plan.pk)])


SECTIONS = [SummarySection("plan", gettext_lazy("Support plan"), _part, order=40)]
