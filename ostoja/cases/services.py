"""Rules about cases that span records: numbering, opening, changing with history, notes."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja import plugins, versions
from ostoja.cases import access
from ostoja.cases.codes import CLOSED_STATUSES, Status
from ostoja.cases.models import Case, CaseMember, CaseNumberSequence, Note
from ostoja.history.services import record_changes, snapshot

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
    """Saves the case if nobody else saved it meanwhile; records every changed field in its history.

    A change of the case manager or the team needs MANAGE_TEAM, judged on the case as it is stored
    (not as edited: naming oneself case manager must not grant the right to do so); without it the
    whole save is refused with PermissionDenied.
    """
    stored = Case.objects.get(pk=case.pk)
    current = set(stored.members.values_list("user_id", flat=True))
    wanted = {u.pk for u in members if u.pk != case.case_manager_id} if members is not None else current
    if (case.case_manager_id != stored.case_manager_id or wanted != current) and not access.may(
        actor, stored, access.Perm.MANAGE_TEAM
    ):
        raise PermissionDenied
    versions.claim(case, expected_version)
    if case.status in CLOSED_STATUSES and not case.closed_on:
        case.closed_on = timezone.localdate()
    if case.status not in CLOSED_STATUSES:
        case.closed_on = None
        case.closure_reason = ""
    case.save()
    changed = record_changes(actor=actor, object_type="case", object_id=case.pk, instance=case, before=before)
    if wanted != current:
        CaseMember.objects.filter(case=case, user_id__in=current - wanted).delete()
        CaseMember.objects.bulk_create([CaseMember(case=case, user_id=pk) for pk in wanted - current])
        changed.append("members")
    return changed


def case_snapshot(case: Case) -> dict[str, str]:
    return snapshot(case, TRACKED_FIELDS)


@transaction.atomic
def note_add(*, case: Case, author, text: str, confidential_to: str = "") -> Note:
    """Adds a note; ``confidential_to`` keeps it to the author's own discipline, which they must hold."""
    if confidential_to and confidential_to not in access.case_access(author, case).disciplines:
        raise PermissionDenied
    note = Note(case=case, author=author, text=text.strip(), confidential_to=confidential_to)
    note.full_clean()
    note.save()
    return note


def age_on(born: date | None, today: date | None = None) -> int | None:
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@transaction.atomic
def case_close(
    *, case: Case, actor, status: str, reason: str, note: str, expected_version: int, before: dict[str, str]
) -> list[str]:
    """Closes the case with its outcome (closed, or closed and referred), reason and note; the apps
    then close what they keep open on it (``plugins.case_closed``: open tasks are cancelled)."""
    if not access.may(actor, case, access.Perm.CHANGE):
        raise PermissionDenied
    if status not in CLOSED_STATUSES or not reason:
        raise ValueError("A case is closed with an outcome and a reason.")
    case.status, case.closure_reason, case.closure_note = status, reason, note.strip()
    case.closed_on = timezone.localdate()
    case.full_clean()
    versions.claim(case, expected_version)
    case.save()
    changed = record_changes(actor=actor, object_type="case", object_id=case.pk, instance=case, before=before)
    plugins.case_closed(case, actor)
    return changed


@transaction.atomic
def case_reopen(*, case: Case, actor, reason: str, expected_version: int, before: dict[str, str]) -> Note:
    """Opens a closed case again; the reason is kept as a note on the case."""
    if not access.may(actor, case, access.Perm.CHANGE):
        raise PermissionDenied
    if not case.is_closed:
        raise ValueError("Only a closed case is reopened.")
    case.status, case.closure_reason, case.closed_on = Status.OPEN, "", None
    versions.claim(case, expected_version)
    case.save()
    record_changes(actor=actor, object_type="case", object_id=case.pk, instance=case, before=before)
    return note_add(case=case, author=actor, text=_("Case reopened: %(reason)s") % {"reason": reason.strip()})
