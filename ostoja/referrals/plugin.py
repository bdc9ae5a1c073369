"""What referrals add elsewhere: navigation, a case-page section, a housekeeping job, the consent hook."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.hotline.access import HOTLINE_ROLES
from ostoja.plugins import CaseSection, ConsentDependent, DashboardSection, Job, NavItem, Plugin, RecordKind
from ostoja.referrals import lifecycle, services
from ostoja.referrals.models import Consultation, IncomingReferral, Referral, Status
from ostoja.referrals.statistics import TABLES
from ostoja.referrals.summary import SECTIONS as SUMMARY_SECTIONS


def _shared(case: Case) -> list[Referral] | None:
    """The case's referrals, loaded once for the case page's timeline and its section."""
    return timeline.case_rows(
        case, "referral", Referral.objects.filter(case=case).select_related("partner", "created_by")
    )


def _case_section(request: HttpRequest, case: Case) -> dict:
    shared = _shared(case)
    rows = (
        timeline.newest(shared, "created_at", "pk")[:10] if shared is not None
        else list(
            timeline.plain_columns(Referral.objects.filter(case=case).select_related("partner"))
            .order_by("-created_at", "-pk")[:10]
        )
    )  # fmt: skip
    incoming = list(
        IncomingReferral.objects.filter(case=case).select_related("partner").order_by("-received_at")[:5]
    )
    shown = [("referral", r.pk) for r in rows] + [("incoming_referral", r.pk) for r in incoming]
    return {"referrals": rows, "incoming": incoming, "shown": shown}


def _follow_ups(request: HttpRequest) -> dict:
    """The referrals of the viewer's own cases whose follow-up day has come."""
    due = list(
        timeline.plain_columns(
            Referral.objects.filter(
                case__case_manager=request.user, status__in=(Status.SENT, Status.ACCEPTED),
                follow_up_on__lte=timezone.localdate(),
            ).select_related("case", "partner")
        ).order_by("follow_up_on", "pk")[:10]
    )  # fmt: skip
    if due:
        audit.record(
            request=request, action="list", object_type="referral", object_ids=[r.pk for r in due],
            related=[("case", r.case_id) for r in due], details={"dashboard": True},
        )  # fmt: skip
    return {"due": due}


def _drafted(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    rows = window.pick(shared, "created_at") if shared is not None else window.bound(
        timeline.plain_columns(Referral.objects.filter(case=case).select_related("partner", "created_by")),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(
            r.created_at, "referral", _("Referral to %(partner)s drafted") % {"partner": r.partner}, "referral", r.pk,
            who=str(r.created_by),
        )
        for r in rows
    ]  # fmt: skip


plugin = Plugin(
    summary_sections=SUMMARY_SECTIONS,
    navigation=[
        NavItem(gettext_lazy("Incoming referrals"), "referrals:incoming_list", HOTLINE_ROLES, 68),
        NavItem(gettext_lazy("Consultations"), "referrals:consultations", None, 70),
    ],
    dashboard=[
        DashboardSection(
            gettext_lazy("Referrals to follow up"),
            "referrals/sections/dashboard_follow_up.html",
            _follow_ups,
            (Role.CASE_MANAGER,),
        )
    ],
    case_sections=[
        CaseSection(
            "referrals",
            gettext_lazy("Referrals"),
            "referrals/sections/case_section.html",
            _case_section,
            order=65,
        )
    ],
    timeline=[timeline.Source("referral", _drafted)],
    housekeeping=[
        Job(
            "referral_follow_up",
            gettext_lazy("Referral follow-up reminders"),
            services.send_follow_up_reminders,
        )
    ],
    consent_dependents=[ConsentDependent("referrals", services.stop_for_consent)],
    statistics=TABLES,
    records=[
        RecordKind(
            "referral",
            gettext_lazy("referral"),
            naming.by_case(Referral, lambda: _("a referral in case %(number)s")),
        ),
        RecordKind(
            "incoming_referral",
            gettext_lazy("incoming referral"),
            naming.by_time(
                IncomingReferral, "received_at", lambda: _("incoming referral of %(when)s"), "case__number"
            ),
        ),
        RecordKind(
            "consultation",
            gettext_lazy("consultation"),
            naming.by_time(Consultation, "held_on", lambda: _("consultation of %(when)s")),
        ),
    ],
    subject_data=lifecycle.subject_data,
)
