"""What identification adds elsewhere: navigation, a dashboard card, a case-page section, timeline entries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.identification import lifecycle, services
from ostoja.identification.codes import IdStatus, Review, ScreeningStatus
from ostoja.identification.models import (
    ChecklistRecord,
    ExploitationProfile,
    IdentificationStatusChange,
    Screening,
)
from ostoja.identification.summary import SECTIONS as SUMMARY_SECTIONS
from ostoja.plugins import CaseSection, DashboardSection, NavItem, Plugin, RecordKind

CHECKLIST_ROLES = (Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR)


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


def _shared_screenings(case: Case) -> list[Screening] | None:
    """The case's screenings, loaded once for the case page's timeline and its section."""
    return timeline.case_rows(case, "screening", case.screenings.select_related("started_by"))


def _shared_changes(case: Case) -> list[IdentificationStatusChange] | None:
    """The case's status changes, loaded once for the case page's timeline and its section."""
    changes = IdentificationStatusChange.objects.filter(case=case)
    return timeline.case_rows(
        case, "identification_status", changes.select_related("requested_by", "reviewed_by")
    )


def _case_section(request: HttpRequest, case: Case) -> dict:
    screenings, changes = _shared_screenings(case), _shared_changes(case)
    if screenings is not None:
        latest = next(iter(timeline.newest(screenings, "started_at", "pk")), None)
    else:
        latest = timeline.plain_columns(case.screenings.select_related("started_by")).first()
    profile = ExploitationProfile.objects.filter(case=case).only("pk", "minor_at_time", "case_id").first()
    if changes is not None:
        effective = [c for c in changes if c.effective_at is not None]
        current = next(iter(timeline.newest(effective, "effective_at", "pk")), None)
        waiting = [c for c in changes if c.review == Review.PENDING]
        pending = next(iter(timeline.newest(waiting, "requested_at", "pk")), None)
    else:
        current, pending = services.current_status(case), services.pending_change(case)
    shown = [
        *(("identification_status", change.pk) for change in (current, pending) if change),
        *([("screening", latest.pk)] if latest else []),
        *([("exploitation_profile", profile.pk)] if profile else []),
    ]
    return {
        "current": current,
        "pending": pending,
        "latest": latest,
        "open_screening": latest if latest and latest.is_open else None,
        "profile": profile,
        "minor": case.person.is_minor or bool(profile and profile.minor_at_time),
        "shown": shown,
    }


def _screenings_started(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_screenings(case)
    rows = (
        window.pick(shared, "started_at") if shared is not None
        else window.bound(timeline.plain_columns(case.screenings.select_related("started_by")), "started_at")
    )  # fmt: skip
    return [
        timeline.Entry(
            s.started_at, "screening", _("Screening started: %(list)s") % {"list": s.get_indicator_list_display()},
            "screening", s.pk, who=str(s.started_by),
        )
        for s in rows
    ]  # fmt: skip


def _screenings_finished(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    finished = case.screenings.filter(finished_at__isnull=False).select_related("started_by")
    shared = _shared_screenings(case)
    rows = (
        window.pick(shared, "finished_at") if shared is not None
        else window.bound(timeline.plain_columns(finished), "finished_at")
    )  # fmt: skip
    return [
        timeline.Entry(
            s.finished_at, "screening",
            _("Screening stopped by the person") if s.status == ScreeningStatus.STOPPED else _("Screening completed"),
            "screening", s.pk, _("Recommendation: %(r)s") % {"r": s.get_recommendation_display() or "—"},
            str(s.started_by),
        )
        for s in rows
    ]  # fmt: skip


def _status_requested(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    changes = IdentificationStatusChange.objects.filter(case=case).select_related("requested_by")
    shared = _shared_changes(case)
    rows = (
        window.pick(shared, "requested_at") if shared is not None
        else window.bound(timeline.plain_columns(changes), "requested_at")
    )  # fmt: skip
    entries = []
    for change in rows:
        label = IdStatus(change.status).label
        title = (
            _("Identification status: %(s)s")
            if change.review == Review.NOT_NEEDED
            else _("Identification status requested: %(s)s")
        )
        entries.append(
            timeline.Entry(
                change.requested_at, "identification", title % {"s": label}, "identification_status", change.pk,
                who=str(change.requested_by),
            )
        )  # fmt: skip
    return entries


def _status_reviewed(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    reviewed = IdentificationStatusChange.objects.filter(case=case, reviewed_at__isnull=False).exclude(
        review=Review.NOT_NEEDED
    )
    shared = _shared_changes(case)
    rows = (
        window.pick([c for c in shared if c.review != Review.NOT_NEEDED], "reviewed_at") if shared is not None
        else window.bound(timeline.plain_columns(reviewed.select_related("reviewed_by")), "reviewed_at")
    )  # fmt: skip
    return [
        timeline.Entry(
            change.reviewed_at, "identification",
            (_("Identification status confirmed: %(s)s") if change.review == Review.CONFIRMED
             else _("Identification status rejected: %(s)s")) % {"s": IdStatus(change.status).label},
            "identification_status", change.pk, who=str(change.reviewed_by),
        )
        for change in rows
    ]  # fmt: skip


def _checklists(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    records = ChecklistRecord.objects.filter(case=case).select_related("recorded_by")
    return [
        timeline.Entry(
            record.recorded_at, "checklist", _("Indicator checklist: %(n)s ticked") % {"n": len(record.items)},
            "checklist", record.pk, who=str(record.recorded_by),
        )
        for record in window.bound(timeline.plain_columns(records), "recorded_at")
    ]  # fmt: skip


def _interpreters() -> list[tuple[int, str, str, list[str]]]:
    """The available interpreters, for the hotline's interpreter requests (plugins.interpreters)."""
    from ostoja.identification.models import Interpreter

    return [(i.pk, i.name, i.phone, list(i.languages)) for i in Interpreter.objects.filter(active=True)]


plugin = Plugin(
    interpreters=_interpreters,
    summary_sections=SUMMARY_SECTIONS,
    navigation=[
        NavItem(gettext_lazy("Indicator checklist"), "identification:checklist", CHECKLIST_ROLES, 40),
        NavItem(gettext_lazy("Confirmations"), "identification:confirmations", (Role.SUPERVISOR,), 45),
        NavItem(gettext_lazy("Interpreters"), "identification:interpreters", (Role.SUPERVISOR,), 46),
    ],
    dashboard=[
        DashboardSection(
            gettext_lazy("Identification decisions to confirm"), "identification/sections/dashboard_pending.html",
            _pending_for_dashboard, (Role.SUPERVISOR,),
        )
    ],
    case_sections=[
        CaseSection(
            "identification", gettext_lazy("Identification"), "identification/sections/case_section.html",
            _case_section, order=30,
        )
    ],
    timeline=[
        timeline.Source("screening", _screenings_started),
        timeline.Source("screening", _screenings_finished),
        timeline.Source("identification_status", _status_requested),
        timeline.Source("identification_status", _status_reviewed),
        timeline.Source("checklist", _checklists),
    ],
    records=[
        RecordKind("screening", gettext_lazy("screening"), naming.by_case(Screening, lambda: _("a screening in case %(number)s"))),
        RecordKind(
            "identification_status", gettext_lazy("identification status"),
            naming.by_case(IdentificationStatusChange, lambda: _("identification status in case %(number)s")),
        ),
        RecordKind(
            "exploitation_profile", gettext_lazy("exploitation profile"),
            naming.by_case(ExploitationProfile, lambda: _("exploitation profile of case %(number)s")),
        ),
        RecordKind(
            "checklist", gettext_lazy("indicator checklist"),
            naming.by_case(ChecklistRecord, lambda: _("an indicator checklist in case %(number)s")),
        ),        # An interpreter is a third party: named by kind only, never by the name kept encrypted.
        RecordKind("interpreter", gettext_lazy("interpreter")),
    ],
    retention=lifecycle.RETENTION,
    subject_data=lifecycle.subject_data,
)  # fmt: skip
