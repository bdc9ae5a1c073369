"""The legal position in the printable case summary (casefiles): proceedings by role, authority and
stage, the person's latest decision about cooperating, the right to stay and other matters.

Only coded values and dates are printed: no reference number, no lawyer's name, no place of a
hearing (the summary leaves the system on paper).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.legal.models import CooperationDecision, Matter, Proceeding, ResidenceDocument
from ostoja.plugins import SummaryPart, SummarySection


def _part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.VIEW):
        return None
    proceedings = list(Proceeding.objects.filter(case=case).order_by("created_at", "pk"))
    decision = CooperationDecision.objects.filter(case=case).order_by("-decided_on", "-created_at").first()
    documents = list(ResidenceDocument.objects.filter(case=case).order_by("created_at", "pk"))
    matters = list(Matter.objects.filter(case=case).order_by("created_at", "pk"))
    if not (proceedings or decision or documents or matters):
        return SummaryPart(empty=_("No legal matters recorded."))
    rows = []
    if decision is not None:
        rows.append(
            (
                _("The person's decision about cooperating"),
                f"{decision.get_decision_display()} ({dates.show(decision.decided_on)})",
            )
        )
    lines = [
        _("Criminal proceedings: %(role)s, %(authority)s, %(stage)s")
        % {
            "role": p.get_role_display(),
            "authority": p.get_authority_display(),
            "stage": p.get_stage_display(),
        }
        for p in proceedings
    ]
    for d in documents:
        valid = (
            _("valid until %(day)s") % {"day": dates.show(d.valid_until)}
            if d.valid_until
            else d.get_status_display()
        )
        lines.append(f"{d.get_kind_display()}: {valid}")
    lines += [f"{m.get_kind_display()}: {m.get_status_display()}" for m in matters]
    shown = (
        [("proceeding", p.pk) for p in proceedings]
        + ([("cooperation_decision", decision.pk)] if decision else [])
        + [("residence_document", d.pk) for d in documents]
        + [("legal_matter", m.pk) for m in matters]
    )
    return SummaryPart(rows=rows, lines=lines, shown=shown)


SECTIONS = [SummarySection("legal", gettext_lazy("Legal position"), _part, order=55)]
