"""What assessments add elsewhere: a case-page section, timeline entries, the high-risk flag, and the
job that turns overdue safety reviews into tasks."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.assessments import lifecycle, services
from ostoja.assessments.access import RECORD
from ostoja.assessments.codes import RiskLevel
from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.assessments.summary import SECTIONS as SUMMARY_SECTIONS
from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case
from ostoja.plugins import CaseSection, Flag, Job, Plugin, RecordKind, WorkloadColumn

PLAIN = ("pk", "case_id", "assessed_on", "created_at", "created_by__first_name", "created_by__last_name",
         "created_by__username")  # fmt: skip


def _shared_needs(case: Case) -> list[NeedsAssessment] | None:
    """The case's needs assessments, loaded once for the case page's timeline and its section."""
    rows = NeedsAssessment.objects.filter(case=case).select_related("created_by")
    fields = ("pk", "case_id", "kind", "mode", "before_return", "assessed_on", "created_at", *PLAIN[4:])
    return timeline.case_rows(case, "needs_assessment", rows.only(*fields))


def _shared_safety(case: Case) -> list[SafetyAssessment] | None:
    rows = SafetyAssessment.objects.filter(case=case).select_related("created_by")
    fields = ("pk", "case_id", "risk_level", "assessed_on", "review_on", "current", "created_at", *PLAIN[4:])
    return timeline.case_rows(case, "safety_assessment", rows.only(*fields))


def _case_section(request: HttpRequest, case: Case) -> dict:
    shared_needs, shared_safety = _shared_needs(case), _shared_safety(case)
    if shared_needs is not None:
        needs = next(iter(timeline.newest(shared_needs, "created_at", "pk")), None)
    else:
        needs = (
            NeedsAssessment.objects.filter(case=case).only("pk", "case_id", "kind", "assessed_on", "created_at")
            .order_by("-created_at", "-pk").first()
        )  # fmt: skip
    if shared_safety is not None:
        safety = next((a for a in shared_safety if a.current), None)
    else:
        safety = (
            SafetyAssessment.objects.filter(case=case, current=True)
            .only("pk", "case_id", "risk_level", "assessed_on", "review_on")
            .first()
        )
    shown = [
        *([("needs_assessment", needs.pk)] if needs else []),
        *([("safety_assessment", safety.pk)] if safety else []),
    ]
    return {
        "needs": needs, "safety": safety, "today": timezone.localdate(),
        "may_record": case.access.can(RECORD), "shown": shown,
    }  # fmt: skip


def _needs_entries(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_needs(case)
    rows = (
        window.pick(shared, "created_at")
        if shared is not None
        else window.bound(
            NeedsAssessment.objects.filter(case=case)
            .select_related("created_by")
            .only("pk", "case_id", "kind", "mode", "before_return", "assessed_on", "created_at", *PLAIN[4:]),
            "created_at",
        )
    )
    return [
        timeline.Entry(
            a.created_at, "assessment",
            _("%(kind)s (%(mode)s)") % {"kind": a.get_kind_display(), "mode": a.get_mode_display()},
            "needs_assessment", a.pk, _("The person was still abroad.") if a.before_return else "",
            str(a.created_by),
        )
        for a in rows
    ]  # fmt: skip


def _safety_entries(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_safety(case)
    rows = (
        window.pick(shared, "created_at")
        if shared is not None
        else window.bound(
            SafetyAssessment.objects.filter(case=case)
            .select_related("created_by")
            .only("pk", "case_id", "risk_level", "review_on", "created_at", *PLAIN[4:]),
            "created_at",
        )
    )
    return [
        timeline.Entry(
            a.created_at, "assessment",
            _("Safety assessment: %(level)s") % {"level": a.get_risk_level_display()}, "safety_assessment", a.pk,
            who=str(a.created_by),
        )
        for a in rows
    ]  # fmt: skip


HIGH = Flag(gettext_lazy("High risk"), "high")


def _flags(case_ids: Sequence[int]) -> dict[int, list[Flag]]:
    return {case_id: [HIGH] for case_id in services.high_risk_case_ids(case_ids)}


def _flagged():
    return SafetyAssessment.objects.filter(current=True, risk_level=RiskLevel.HIGH).values("case_id")


def _facts(case_ids: Sequence[int]) -> dict[int, dict]:
    labels = dict(RiskLevel.choices)
    return {
        case_id: {"risk_level": labels[level]} for case_id, level in services.risk_levels(case_ids).items()
    }


def _high_risk(user_ids: Sequence[int]) -> dict[int, int]:
    """High-risk open cases per case manager."""
    rows = (
        SafetyAssessment.objects.filter(
            current=True, risk_level=RiskLevel.HIGH, case__case_manager_id__in=list(user_ids)
        )
        .exclude(case__status__in=CLOSED_STATUSES)
        .values("case__case_manager_id").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    return {row["case__case_manager_id"]: row["n"] for row in rows}


plugin = Plugin(
    summary_sections=SUMMARY_SECTIONS,
    case_sections=[
        CaseSection(
            "assessments", gettext_lazy("Needs and safety"), "assessments/sections/case_section.html",
            _case_section, order=20,
        )
    ],
    timeline=[
        timeline.Source("needs_assessment", _needs_entries),
        timeline.Source("safety_assessment", _safety_entries),
    ],
    housekeeping=[
        Job("safety_reviews", gettext_lazy("Overdue safety reviews become tasks"), services.overdue_reviews_to_tasks)
    ],
    case_flags=_flags,
    flagged_cases=_flagged,
    case_facts=_facts,
    workload=[WorkloadColumn(gettext_lazy("High-risk cases"), _high_risk, 20)],
    records=[
        RecordKind(
            "needs_assessment", gettext_lazy("needs assessment"),
            naming.by_case(NeedsAssessment, lambda: _("a needs assessment in case %(number)s")),
        ),
        RecordKind(
            "safety_assessment", gettext_lazy("safety assessment"),
            naming.by_case(SafetyAssessment, lambda: _("a safety assessment in case %(number)s")),
        ),
    ],
    subject_data=lifecycle.subject_data,
)  # fmt: skip
