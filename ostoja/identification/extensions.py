"""What identification adds elsewhere: navigation, a dashboard card, a case-page section, timeline entries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases import extensions as case_extensions
from ostoja.cases import timeline
from ostoja.cases.models import Case
from ostoja.identification import services
from ostoja.identification.codes import IdStatus, Recommendation, Review, ScreeningStatus
from ostoja.identification.models import ChecklistRecord, ExploitationProfile, IdentificationStatusChange
from ostoja.web import dashboard, navigation

CHECKLIST_ROLES = (Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR)

navigation.register(
    navigation.NavItem(gettext_lazy("Indicator checklist"), "identification:checklist", CHECKLIST_ROLES, 40)
)
navigation.register(
    navigation.NavItem(gettext_lazy("Confirmations"), "identification:confirmations", (Role.SUPERVISOR,), 45)
)


def _pending_for_dashboard(request: HttpRequest) -> dict:
    pending = IdentificationStatusChange.objects.pending()
    latest = list(pending.select_related("case").order_by("requested_at", "pk")[:5])
    if latest:
        audit.record(
            request=request, action="list", object_type="identification_status",
            object_ids=[c.pk for c in latest], related=[("case", c.case_id) for c in latest],
            details={"dashboard": True},
        )  # fmt: skip
    return {"count": pending.count(), "changes": latest}


dashboard.register(
    dashboard.Section(
        gettext_lazy("Identification decisions to confirm"),
        (Role.SUPERVISOR,),
        "identification/sections/dashboard_pending.html",
        _pending_for_dashboard,
    )
)


def _case_section(request: HttpRequest, case: Case) -> dict:
    latest = case.screenings.select_related("started_by").first()
    profile = ExploitationProfile.objects.filter(case=case).only("pk", "minor_at_time", "case_id").first()
    return {
        "current": services.current_status(case),
        "pending": services.pending_change(case),
        "latest": latest,
        "open_screening": latest if latest and latest.is_open else None,
        "profile": profile,
        "minor": case.person.is_minor or bool(profile and profile.minor_at_time),
    }


case_extensions.register(
    case_extensions.CaseSection(
        key="identification",
        title=gettext_lazy("Identification"),
        template="identification/sections/case_section.html",
        context=_case_section,
        order=30,
    )
)


@timeline.register
def _timeline(case: Case) -> list[timeline.Entry]:
    entries = []
    for screening in case.screenings.select_related("started_by")[:100]:
        entries.append(
            timeline.Entry(
                screening.started_at, "screening", _("Screening started: %(list)s")
                % {"list": screening.get_indicator_list_display()}, who=str(screening.started_by),
            )
        )  # fmt: skip
        if screening.finished_at:
            title = (
                _("Screening stopped by the person")
                if screening.status == ScreeningStatus.STOPPED
                else _("Screening completed")
            )
            text = _("Recommendation: %(r)s") % {"r": Recommendation(screening.recommendation).label}
            entries.append(
                timeline.Entry(screening.finished_at, "screening", title, text, str(screening.started_by))
            )
    changes = IdentificationStatusChange.objects.filter(case=case).select_related(
        "requested_by", "reviewed_by"
    )
    for change in changes[:100]:
        label = IdStatus(change.status).label
        if change.review == Review.NOT_NEEDED:
            entries.append(
                timeline.Entry(change.requested_at, "identification", _("Identification status: %(s)s") % {"s": label},
                               who=str(change.requested_by))
            )  # fmt: skip
            continue
        entries.append(
            timeline.Entry(change.requested_at, "identification",
                           _("Identification status requested: %(s)s") % {"s": label}, who=str(change.requested_by))
        )  # fmt: skip
        if change.reviewed_at:
            title = (
                _("Identification status confirmed: %(s)s")
                if change.review == Review.CONFIRMED
                else _("Identification status rejected: %(s)s")
            )
            entries.append(
                timeline.Entry(
                    change.reviewed_at, "identification", title % {"s": label}, who=str(change.reviewed_by)
                )
            )
    for record in ChecklistRecord.objects.filter(case=case).select_related("recorded_by")[:50]:
        entries.append(
            timeline.Entry(
                record.recorded_at, "checklist", _("Indicator checklist: %(n)s ticked") % {"n": len(record.items)},
                who=str(record.recorded_by),
            )
        )  # fmt: skip
    return entries
