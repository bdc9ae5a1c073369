"""Recording legal matters, and the reminders they make: a task before each hearing, and tasks before a
certificate (the reflection period) or a residence permit ends, so that nothing lapses unnoticed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ostoja import versions
from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case
from ostoja.legal.codes import ResidenceKind, ResidenceStatus
from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding, ResidenceDocument
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task

BATCH = 500


def reminder_days() -> list[int]:
    """Days before an end on which a task is set, largest first (60 and 14 unless configured)."""
    return sorted({int(d) for d in settings.OSTOJA_RESIDENCE_REMINDER_DAYS if int(d) >= 0}, reverse=True)


# --- Criminal proceedings and hearings --------------------------------------------------------


@transaction.atomic
def proceeding_save(*, proceeding: Proceeding, expected_version: int | None, actor) -> Proceeding:
    """A new or changed record of proceedings (version-checked: StaleVersion if saved meanwhile)."""
    if proceeding._state.adding:
        proceeding.created_by = actor
    proceeding.full_clean(exclude=["case", "created_by"])
    versions.save(proceeding, expected_version)
    return proceeding


@transaction.atomic
def hearing_save(*, hearing: Hearing, expected_version: int | None, actor) -> Hearing:
    """A new or changed hearing; a hearing still ahead gets its reminder task (once per hearing)."""
    if hearing._state.adding:
        hearing.created_by = actor
        hearing.case_id = hearing.proceeding.case_id
    hearing.full_clean(exclude=["proceeding", "case", "created_by"])
    versions.save(hearing, expected_version)
    reminder = hearing_reminder(hearing, actor=actor)
    # A hearing moved to another day: the reminder of the old day goes.
    for task in Task.objects.filter(
        case_id=hearing.case_id, status=TaskStatus.OPEN, source__startswith=f"hearing:{hearing.pk}:"
    ).exclude(pk=reminder.pk if reminder else None):
        tasks.task_close(task=task, actor=actor, status=TaskStatus.CANCELLED)
    return hearing


def hearing_reminder(hearing: Hearing, *, actor=None, today: date | None = None) -> Task | None:
    """The case manager's task before a hearing still ahead: due some days before (or today)."""
    today = today or timezone.localdate()
    if hearing.held_on < today:
        return None
    case = Case.objects.select_related("case_manager").get(pk=hearing.case_id)
    if case.status in CLOSED_STATUSES:
        return None
    due = max(today, hearing.held_on - timedelta(days=settings.OSTOJA_HEARING_REMINDER_DAYS))
    return tasks.task_create(
        case=case, owner=case.case_manager, kind=TaskKind.HEARING, due_on=due,
        source=f"hearing:{hearing.pk}:{hearing.held_on.isoformat()}", created_by=actor,
    )  # fmt: skip


# --- The person's decision about cooperating --------------------------------------------------


@transaction.atomic
def decision_add(*, decision: CooperationDecision, actor) -> CooperationDecision:
    """Adds the person's decision; earlier ones stay as its history."""
    decision.created_by = actor
    decision.full_clean(exclude=["case", "created_by"])
    decision.save()
    return decision


def current_decisions(case_ids: Iterable[int]) -> dict[int, str]:
    """The latest decision of each case that has one (one query on the case index)."""
    found: dict[int, str] = {}
    rows = (
        CooperationDecision.objects.filter(case_id__in=list(case_ids))
        .order_by("case_id", "-decided_on", "-created_at", "-pk").values_list("case_id", "decision")
    )  # fmt: skip
    for case_id, decision in rows:
        found.setdefault(case_id, decision)
    return found


# --- Residence: the certificate (reflection period) and the permit ----------------------------


@transaction.atomic
def residence_add(*, document: ResidenceDocument, actor) -> ResidenceDocument:
    """Records a certificate or a permit (issued, applied for or refused). An issued one replaces the
    case's earlier issued document of its kind, whose open reminders are cancelled; an issued permit
    also ends the pending applications for one. Reminders due already are set at once."""
    document.created_by = actor
    document.full_clean(exclude=["case", "created_by"])
    if document.status == ResidenceStatus.VALID:
        earlier = ResidenceDocument.objects.filter(
            case_id=document.case_id, kind=document.kind,
            status__in=[ResidenceStatus.VALID, ResidenceStatus.APPLIED],
        ).select_for_update()  # fmt: skip
        replaced = [d.pk for d in earlier]
        ResidenceDocument.objects.filter(pk__in=replaced).update(status=ResidenceStatus.REPLACED)
        for task in Task.objects.filter(
            case_id=document.case_id, status=TaskStatus.OPEN,
            source__in=[_source(pk, d) for pk in replaced for d in reminder_days()],
        ):  # fmt: skip
            tasks.task_close(task=task, actor=actor, status=TaskStatus.CANCELLED)
    document.save()
    residence_reminders(documents=[document])
    return document


def _source(pk: int, days: int) -> str:
    return f"residence:{pk}:{days}"


def due_threshold(valid_until: date, today: date) -> int | None:
    """Of the reminder days, the one whose time has come for a document ending on ``valid_until``:
    the smallest number of days not less than what is left; None if none has come or it has ended."""
    left = (valid_until - today).days
    if left < 0:
        return None
    passed = [d for d in reminder_days() if left <= d]
    return min(passed) if passed else None


def residence_reminders(
    *, documents: Iterable[ResidenceDocument] | None = None, today: date | None = None
) -> int:
    """Sets each due reminder of issued certificates and permits of open cases: one task for the case
    manager per document and number of days, however often this runs. Returns how many were set."""
    today = today or timezone.localdate()
    days = reminder_days()
    if not days:
        return 0
    if documents is None:
        documents = (
            ResidenceDocument.objects.filter(
                status=ResidenceStatus.VALID, valid_until__gte=today, valid_until__lte=today + timedelta(days=days[0])
            )
            .exclude(case__status__in=CLOSED_STATUSES).order_by("pk")
            .only("pk", "kind", "status", "valid_until", "case_id").iterator(chunk_size=BATCH)
        )  # fmt: skip
    created = 0
    batch: list[tuple[str, ResidenceDocument]] = []
    for document in documents:
        if document.status != ResidenceStatus.VALID or document.valid_until is None:
            continue
        threshold = due_threshold(document.valid_until, today)
        if threshold is not None:
            batch.append((_source(document.pk, threshold), document))
        if len(batch) >= BATCH:
            created += _set_reminders(batch, today)
            batch = []
    return created + _set_reminders(batch, today)


def _set_reminders(batch: list[tuple[str, ResidenceDocument]], today: date) -> int:
    if not batch:
        return 0
    done = set(Task.objects.filter(source__in=[s for s, _d in batch]).values_list("source", flat=True))
    todo = [(s, d) for s, d in batch if s not in done]
    cases = Case.objects.select_related("case_manager").in_bulk([d.case_id for _s, d in todo])
    for source, document in todo:
        case = cases[document.case_id]
        if case.status in CLOSED_STATUSES:
            continue
        kind = (
            TaskKind.REFLECTION_END if document.kind == ResidenceKind.CERTIFICATE else TaskKind.PERMIT_EXPIRY
        )
        tasks.task_create(case=case, owner=case.case_manager, kind=kind, due_on=today, source=source)
    return len(todo)


def residence_overview(case: Case, today: date | None = None) -> dict:
    """What the case's residence documents say now: the issued certificate and permit, pending
    applications, how many days are left, and whether the certificate has lapsed with no permit."""
    today = today or timezone.localdate()
    documents = list(ResidenceDocument.objects.filter(case=case).order_by("-created_at", "-pk"))
    certificate = next(
        (d for d in documents if d.kind == ResidenceKind.CERTIFICATE and d.status == ResidenceStatus.VALID),
        None,
    )
    permit = next(
        (d for d in documents if d.kind == ResidenceKind.PERMIT and d.status == ResidenceStatus.VALID), None
    )
    return residence_state(documents, certificate, permit, today)


def residence_state(documents, certificate, permit, today: date) -> dict:
    pending = [d for d in documents if d.status == ResidenceStatus.APPLIED]
    permit_valid = permit is not None and permit.valid_until is not None and permit.valid_until >= today
    horizon = reminder_days()[0] if reminder_days() else 0

    def left(document):
        return (
            None if document is None or document.valid_until is None else (document.valid_until - today).days
        )

    certificate_left, permit_left = left(certificate), left(permit)
    lapsing = (
        certificate is not None
        and certificate_left is not None
        and certificate_left <= horizon
        and not permit_valid
    )
    return {
        "documents": documents, "certificate": certificate, "permit": permit, "pending": pending,
        "certificate_left": certificate_left, "permit_left": permit_left,
        "certificate_lapsed": lapsing and certificate_left is not None and certificate_left < 0,
        "certificate_lapsing": lapsing and certificate_left is not None and certificate_left >= 0,
        "permit_lapsed": permit is not None and permit_left is not None and permit_left < 0,
        "permit_ending": permit is not None and permit_left is not None and 0 <= permit_left <= horizon,
    }  # fmt: skip


def expiring_case_ids(case_ids: Iterable[int], today: date | None = None) -> set[int]:
    """Of ``case_ids``, those with an issued certificate or permit ending within the reminder days
    (one query on the case index)."""
    today = today or timezone.localdate()
    days = reminder_days()
    horizon = days[0] if days else 0
    return set(
        ResidenceDocument.objects.filter(
            case_id__in=list(case_ids), status=ResidenceStatus.VALID,
            valid_until__gte=today, valid_until__lte=today + timedelta(days=horizon),
        ).values_list("case_id", flat=True)
    )  # fmt: skip


# --- Compensation claims and family-law matters -----------------------------------------------


@transaction.atomic
def matter_save(*, matter: Matter, expected_version: int | None, actor) -> Matter:
    if matter._state.adding:
        matter.created_by = actor
    matter.full_clean(exclude=["case", "created_by"])
    versions.save(matter, expected_version)
    return matter
