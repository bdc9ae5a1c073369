"""What legal matters add elsewhere: a case-page section, timeline entries, the flag of a certificate or
permit ending soon, the daily job that turns coming ends into tasks, names for the audit log and two
statistics tables (residence status of foreigners, criminal proceedings)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.legal import services
from ostoja.legal.codes import ProceedingRole, ResidenceKind, ResidenceStatus
from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding, ResidenceDocument
from ostoja.legal.statistics import residence_decisions
from ostoja.legal.summary import SECTIONS as SUMMARY_SECTIONS
from ostoja.plugins import CaseSection, Flag, Job, Plugin, RecordKind, StatisticsTable

RESIDENCE_PLAIN = ("pk", "case_id", "kind", "status", "applied_on", "valid_from", "valid_until", "for_minor",
                   "created_at")  # fmt: skip
WHO = ("created_by__first_name", "created_by__last_name", "created_by__username")


# What the case page loads of each table once, for both its timeline and its section.
def _shared_proceedings(case: Case) -> list[Proceeding] | None:
    rows = Proceeding.objects.filter(case=case).select_related("created_by")
    return timeline.case_rows(
        case, "proceeding", rows.only("pk", "case_id", "role", "authority", "stage", "created_at", *WHO)
    )


def _shared_hearings(case: Case) -> list[Hearing] | None:
    rows = Hearing.objects.filter(case=case).select_related("created_by")
    return timeline.case_rows(case, "hearing", rows.only("pk", "case_id", "held_on", "created_at", *WHO))


def _shared_decisions(case: Case) -> list[CooperationDecision] | None:
    rows = CooperationDecision.objects.filter(case=case).select_related("created_by")
    return timeline.case_rows(
        case, "cooperation_decision", rows.only("pk", "case_id", "decision", "decided_on", "created_at", *WHO)
    )


def _shared_residence(case: Case) -> list[ResidenceDocument] | None:
    rows = ResidenceDocument.objects.filter(case=case).select_related("created_by")
    return timeline.case_rows(case, "residence_document", rows.only(*RESIDENCE_PLAIN, *WHO))


def _case_section(request: HttpRequest, case: Case) -> dict:
    today = timezone.localdate()
    shared = _shared_proceedings(case)
    proceedings = (
        sorted(shared, key=lambda p: (p.created_at, p.pk)) if shared is not None
        else list(
            Proceeding.objects.filter(case=case).only("pk", "case_id", "authority", "stage").order_by("created_at", "pk")
        )
    )  # fmt: skip
    hearings = _shared_hearings(case)
    if hearings is not None:
        upcoming = [h for h in hearings if h.held_on >= today]
        next_hearing = min(upcoming, key=lambda h: (h.held_on, h.pk), default=None)
    else:
        next_hearing = (
            Hearing.objects.filter(case=case, held_on__gte=today).only("pk", "case_id", "held_on")
            .order_by("held_on", "pk").first()
        )  # fmt: skip
    decisions = _shared_decisions(case)
    if decisions is not None:
        decision = next(iter(timeline.newest(decisions, "decided_on", "created_at", "pk")), None)
    else:
        decision = (
            CooperationDecision.objects.filter(case=case).only("pk", "case_id", "decision", "decided_on")
            .order_by("-decided_on", "-created_at", "-pk").first()
        )  # fmt: skip
    residence_rows = _shared_residence(case)
    documents = (
        timeline.newest(residence_rows, "created_at", "pk") if residence_rows is not None
        else list(ResidenceDocument.objects.filter(case=case).only(*RESIDENCE_PLAIN).order_by("-created_at", "-pk"))
    )  # fmt: skip
    certificate = next(
        (d for d in documents if d.kind == ResidenceKind.CERTIFICATE and d.status == ResidenceStatus.VALID),
        None,
    )
    permit = next(
        (d for d in documents if d.kind == ResidenceKind.PERMIT and d.status == ResidenceStatus.VALID), None
    )
    residence = services.residence_state(documents, certificate, permit, today)
    shown = [
        *(("proceeding", p.pk) for p in proceedings),
        *([("hearing", next_hearing.pk)] if next_hearing else []),
        *([("cooperation_decision", decision.pk)] if decision else []),
        *(("residence_document", d.pk) for d in documents),
    ]
    return {
        "proceedings": proceedings, "next_hearing": next_hearing, "decision": decision, "residence": residence,
        "shown": shown,
    }  # fmt: skip


def _proceedings(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_proceedings(case)
    rows = window.pick(shared, "created_at") if shared is not None else window.bound(
        Proceeding.objects.filter(case=case).select_related("created_by")
        .only("pk", "case_id", "role", "authority", "stage", "created_at", *WHO),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(
            p.created_at, "legal",
            _("Criminal proceedings recorded: %(authority)s, %(role)s") % {
                "authority": p.get_authority_display(), "role": p.get_role_display()},
            "proceeding", p.pk, who=str(p.created_by),
        )
        for p in rows
    ]  # fmt: skip


def _hearings(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_hearings(case)
    rows = window.pick(shared, "created_at") if shared is not None else window.bound(
        Hearing.objects.filter(case=case).select_related("created_by")
        .only("pk", "case_id", "held_on", "created_at", *WHO),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(
            h.created_at, "legal", _("Hearing set for %(day)s") % {"day": _day(h.held_on)}, "hearing", h.pk,
            who=str(h.created_by),
        )
        for h in rows
    ]  # fmt: skip


def _decisions(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_decisions(case)
    rows = window.pick(shared, "created_at") if shared is not None else window.bound(
        CooperationDecision.objects.filter(case=case).select_related("created_by")
        .only("pk", "case_id", "decision", "decided_on", "created_at", *WHO),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(
            d.created_at, "legal",
            _("The person's decision about cooperating: %(decision)s") % {"decision": d.get_decision_display()},
            "cooperation_decision", d.pk, who=str(d.created_by),
        )
        for d in rows
    ]  # fmt: skip


def _residence(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_residence(case)
    rows = (
        window.pick(shared, "created_at")
        if shared is not None
        else window.bound(
            ResidenceDocument.objects.filter(case=case)
            .select_related("created_by")
            .only(*RESIDENCE_PLAIN, *WHO),
            "created_at",
        )
    )
    entries = []
    for d in rows:
        title = _("%(document)s: %(status)s") % {
            "document": d.get_kind_display(),
            "status": d.get_status_display(),
        }
        if d.valid_until:
            title += " " + _("(valid until %(day)s)") % {"day": _day(d.valid_until)}
        entries.append(
            timeline.Entry(d.created_at, "legal", title, "residence_document", d.pk, who=str(d.created_by))
        )
    return entries


def _matters(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    rows = window.bound(
        Matter.objects.filter(case=case).select_related("created_by")
        .only("pk", "case_id", "kind", "created_at", *WHO),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(
            m.created_at, "legal", _("Legal matter recorded: %(kind)s") % {"kind": m.get_kind_display()},
            "legal_matter", m.pk, who=str(m.created_by),
        )
        for m in rows
    ]  # fmt: skip


def _day(value: date) -> str:
    from ostoja.dates import show

    return show(value, "date")


ENDING = Flag(gettext_lazy("Right to stay ends soon"), "high")


def _flags(case_ids: Sequence[int]) -> dict[int, list[Flag]]:
    return {case_id: [ENDING] for case_id in services.expiring_case_ids(case_ids)}


def _flagged():
    today = timezone.localdate()
    days = services.reminder_days()
    return ResidenceDocument.objects.filter(
        status=ResidenceStatus.VALID,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=days[0] if days else 0),
    ).values("case_id")


def _residence_status(start: date | None, end: date) -> list[tuple[str, str, int]]:
    """Certificates and permits in force on some day of the period, and applications made in it, by kind
    (``start`` None: since the first)."""
    in_force = Q(status__in=[ResidenceStatus.VALID, ResidenceStatus.REPLACED], valid_from__lte=end)
    applied = Q(applied_on__lte=end)
    if start is not None:
        in_force &= Q(valid_until__gte=start)
        applied &= Q(applied_on__gte=start)
    row = ResidenceDocument.objects.aggregate(
        certificates=Count("pk", filter=in_force & Q(kind=ResidenceKind.CERTIFICATE)),
        permits=Count("pk", filter=in_force & Q(kind=ResidenceKind.PERMIT)),
        applications=Count("pk", filter=applied & Q(kind=ResidenceKind.PERMIT)),
    )
    return [
        ("certificate", _("Certificate of a presumed victim in force"), row["certificates"]),
        ("permit", _("Temporary residence permit for victims in force"), row["permits"]),
        ("application", _("Applications for the permit made"), row["applications"]),
    ]


def _proceedings_table(start: date | None, end: date) -> list[tuple[str, str, int]]:
    """Criminal proceedings recorded in the period, by the person's role (``start`` None: since the first)."""
    proceedings = Proceeding.objects.filter(created_at__date__lte=end)
    if start is not None:
        proceedings = proceedings.filter(created_at__date__gte=start)
    counts = dict(proceedings.values_list("role").annotate(n=Count("pk")).order_by())
    return [(role.value, role.label, counts.get(role.value, 0)) for role in ProceedingRole]


def _erasure_blockers(person) -> list[str]:
    """Ongoing criminal proceedings keep the person's records: they may be needed as evidence."""
    from ostoja.legal.codes import Stage
    from ostoja.legal.models import Proceeding

    ongoing = Proceeding.objects.filter(case__person=person).exclude(
        stage__in=[Stage.FINAL, Stage.DISCONTINUED]
    )
    numbers = sorted(set(ongoing.values_list("case__number", flat=True)))
    if not numbers:
        return []
    return [
        _("Criminal proceedings are still going on in case %(numbers)s: close them first.")
        % {"numbers": ", ".join(numbers)}
    ]


plugin = Plugin(
    case_sections=[
        CaseSection(
            "legal",
            gettext_lazy("Legal matters"),
            "legal/sections/case_section.html",
            _case_section,
            order=30,
        )
    ],
    timeline=[
        timeline.Source("proceeding", _proceedings),
        timeline.Source("hearing", _hearings),
        timeline.Source("cooperation_decision", _decisions),
        timeline.Source("residence_document", _residence),
        timeline.Source("legal_matter", _matters),
    ],
    housekeeping=[
        Job(
            "residence_reminders",
            gettext_lazy("Certificates and residence permits ending soon become tasks"),
            services.residence_reminders,
        )
    ],
    case_flags=_flags,
    flagged_cases=_flagged,
    statistics=[
        StatisticsTable(
            "residence",
            gettext_lazy("Residence status of foreigners"),
            _residence_status,
            additive=False,
            note=gettext_lazy("A person may hold a certificate and a permit in one period."),
            order=70,
        ),
        StatisticsTable(
            "residence_decisions",
            gettext_lazy("Residence documents granted, refused and pending"),
            residence_decisions,
            note=gettext_lazy(
                "Documents granted are counted by their first day of validity; refused and pending ones by "
                "the day applied for, with the status recorded today."
            ),
            order=70,
        ),
        StatisticsTable(
            "proceedings",
            gettext_lazy("Criminal proceedings recorded, by the person's role"),
            _proceedings_table,
            order=71,
        ),
    ],
    records=[
        RecordKind(
            "proceeding",
            gettext_lazy("criminal proceedings"),
            naming.by_case(Proceeding, lambda: _("proceedings, case %(number)s")),
        ),
        RecordKind(
            "hearing",
            gettext_lazy("hearing"),
            naming.by_time(Hearing, "held_on", lambda: _("hearing on %(when)s"), "case__number"),
        ),
        RecordKind(
            "cooperation_decision",
            gettext_lazy("decision about cooperating"),
            naming.by_case(CooperationDecision, lambda: _("decision about cooperating, case %(number)s")),
        ),
        RecordKind(
            "residence_document",
            gettext_lazy("residence document"),
            naming.by_case(ResidenceDocument, lambda: _("residence document, case %(number)s")),
        ),
        RecordKind(
            "legal_matter",
            gettext_lazy("legal matter"),
            naming.by_case(Matter, lambda: _("legal matter, case %(number)s")),
        ),
    ],
    erasure_blockers=_erasure_blockers,
    summary_sections=SUMMARY_SECTIONS,
)
