"""What support plans add elsewhere: a case-page section and timeline entries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.plans import lifecycle, services
from ostoja.plans.access import EDIT
from ostoja.plans.models import SupportPlan
from ostoja.plans.summary import SECTIONS as SUMMARY_SECTIONS
from ostoja.plugins import CaseSection, Plugin, RecordKind

PLAIN = ("pk", "case_id", "number", "created_at", "approved_at", "review_on")


def _shared(case: Case) -> list[SupportPlan] | None:
    """The case's plans, loaded once for the case page's timeline and its section."""
    plans = SupportPlan.objects.filter(case=case).select_related("created_by", "approved_by")
    return timeline.case_rows(case, "support_plan", plans.only(*PLAIN, "created_by", "approved_by"))


def _case_section(request: HttpRequest, case: Case) -> dict:
    shared = _shared(case)
    if shared is not None:
        latest = next(iter(timeline.newest(shared, "number")), None)
    else:
        latest = SupportPlan.objects.filter(case=case).only(*PLAIN).order_by("-number").first()
    return {
        "latest": latest,
        "may_edit": case.access.can(EDIT),
        "shown": [("support_plan", latest.pk)] if latest else [],
    }


def _drafted(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    rows = window.pick(shared, "created_at") if shared is not None else window.bound(
        SupportPlan.objects.filter(case=case).select_related("created_by").only(*PLAIN, "created_by"),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(p.created_at, "plan", _("Support plan, version %(n)s, drafted") % {"n": p.number},
                       "support_plan", p.pk, who=str(p.created_by))
        for p in rows
    ]  # fmt: skip


def _approved(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    rows = window.pick(shared, "approved_at") if shared is not None else window.bound(
        SupportPlan.objects.filter(case=case, approved_at__isnull=False).select_related("approved_by")
        .only(*PLAIN, "approved_by"),
        "approved_at",
    )  # fmt: skip
    return [
        timeline.Entry(p.approved_at, "plan", _("Support plan, version %(n)s, approved") % {"n": p.number},
                       "support_plan", p.pk, who=str(p.approved_by))
        for p in rows
    ]  # fmt: skip


def _closing_checks(case: Case) -> list[str]:
    plan = services.approved(case)
    if plan is None:
        return []
    return [
        _("Goal of the support plan (%(domain)s): %(goal)s")
        % {"domain": g.get_domain_display(), "goal": g.goal}
        for g in plan.goals.all()
    ]


plugin = Plugin(
    summary_sections=SUMMARY_SECTIONS,
    case_sections=[
        CaseSection(
            "plan", gettext_lazy("Support plan"), "plans/sections/case_section.html", _case_section, order=22
        )
    ],
    timeline=[timeline.Source("support_plan", _drafted), timeline.Source("support_plan", _approved)],
    closing_checks=_closing_checks,
    records=[
        RecordKind(
            "support_plan",
            gettext_lazy("support plan"),
            naming.by_case(SupportPlan, lambda: _("the support plan of case %(number)s")),
        ),
    ],
    subject_data=lifecycle.subject_data,
)
