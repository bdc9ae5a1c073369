"""Rules about cases that span records: numbering, opening, changing with history, notes."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case, CaseMember, CaseNumberSequence, Note
from ostoja.history.services import record_changes, snapshot
from ostoja.people.services import StaleVersion

TRACKED_FIELDS = [
    "kind",
    "phase",
    "status",
    "closure_reason",
    "closure_note",
    "case_manager",
    "risk_flags",
    "closed_on",
]


def next_case_number(year: int) -> str:
    """``YYYY/NNNN``: the row lock on the year's sequence makes numbers unique without gaps."""
    sequence, _ = CaseNumberSequence.objects.select_for_update().get_or_create(year=year)
    CaseNumberSequence.objects.filter(year=year).update(last=F("last") + 1)
    sequence.refresh_from_db()
    return f"{year}/{sequence.last:04d}"


@transaction.atomic
def case_open(*, case: Case, members: list = ()) -> Case:
    case.opened_on = case.opened_on or timezone.localdate()
    case.number = next_case_number(case.opened_on.year)
    case.full_clean()
    case.save()
    for user in members:
        if user.pk != case.case_manager_id:
            CaseMember.objects.get_or_create(case=case, user=user)
    return case


@transaction.atomic
def case_update(
    *, case: Case, actor, expected_version: int, before: dict[str, str], members: list | None = None
) -> list[str]:
    """Saves the case if nobody else saved it meanwhile; records every changed field in its history."""
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion
    if case.status in CLOSED_STATUSES and not case.closed_on:
        case.closed_on = timezone.localdate()
    if case.status not in CLOSED_STATUSES:
        case.closed_on = None
        case.closure_reason = ""
    case.version = expected_version + 1
    case.save()
    changed = record_changes(actor=actor, object_type="case", instance=case, before=before)
    if members is not None:
        wanted = {u.pk for u in members if u.pk != case.case_manager_id}
        current = set(case.members.values_list("user_id", flat=True))
        CaseMember.objects.filter(case=case, user_id__in=current - wanted).delete()
        CaseMember.objects.bulk_create([CaseMember(case=case, user_id=pk) for pk in wanted - current])
        if wanted != current:
            changed.append("members")
    return changed


def case_snapshot(case: Case) -> dict[str, str]:
    return snapshot(case, TRACKED_FIELDS)


@transaction.atomic
def note_add(*, case: Case, author, text: str) -> Note:
    note = Note(case=case, author=author, text=text.strip())
    note.full_clean()
    note.save()
    return note


def age_on(born: date | None, today: date | None = None) -> int | None:
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
