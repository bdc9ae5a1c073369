"""Finding what is due, the supervisor's decisions and carrying them out — each change audited.

``list_due`` (the ``retention`` housekeeping job) puts every record whose period has ended on the
review list once; ``reopen_postponed`` brings back what was postponed until today; ``run_scheduled``
carries out what the supervisor let run. Nothing is erased without a supervisor's decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja import dates, versions
from ostoja.audit import services as audit
from ostoja.cases.codes import CLOSED_STATUSES, CaseKind
from ostoja.cases.erasure import ErasureRefused
from ostoja.cases.models import Case
from ostoja.people.models import Person
from ostoja.plugins import RetentionKind
from ostoja.retention import erasure, schedule
from ostoja.retention.codes import Action, Decision, ItemStatus
from ostoja.retention.models import RetentionItem

OBJECT_TYPE = "retention_item"


class Refused(Exception):
    """A decision that cannot be carried out, with the reason in words; nothing was changed."""


def _day(value: Any) -> dt.date:
    """The centre's day of a stored date or time; a time that no calendar can move keeps its own day."""
    if isinstance(value, dt.datetime):
        moment = dates.local(value)
        return moment.date() if moment is not None else value.date()
    return value


def list_due(today: dt.date | None = None) -> int:
    """Puts the records whose period has ended on the review list (each once); returns how many."""
    today = today or timezone.localdate()
    added = 0
    for kind in schedule.kinds().values():
        listed = RetentionItem.objects.filter(kind=kind.code).values("object_id")
        rows = (
            kind.due(schedule.cutoff(kind, today))
            .exclude(pk__in=listed)
            .order_by("retention_start", "pk")
            .values_list("pk", "retention_start")[: settings.OSTOJA_RETENTION_BATCH]
        )
        with transaction.atomic():
            items = []
            for pk, start in rows:
                started = _day(start)
                items.append(
                    RetentionItem(
                        kind=kind.code,
                        object_id=pk,
                        started_on=started,
                        due_on=schedule.due_on(kind, started),
                    )
                )
            if not items:
                continue
            RetentionItem.objects.bulk_create(items)
            audit.record(
                action="create", object_type=OBJECT_TYPE, object_ids=[item.pk for item in items],
                related=[(kind.object_type, item.object_id) for item in items],
                details={"kind": kind.code, "count": len(items)},
            )  # fmt: skip
            added += len(items)
    return added


def reopen_postponed(today: dt.date | None = None) -> int:
    """Postponements that have run out: the records come back to the list for a new decision."""
    today = today or timezone.localdate()
    with transaction.atomic():
        ids = list(
            RetentionItem.objects.select_for_update()
            .filter(status=ItemStatus.POSTPONED, postponed_until__lte=today)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        RetentionItem.objects.filter(pk__in=ids).update(status=ItemStatus.PENDING)
        audit.record(
            action="update", object_type=OBJECT_TYPE, object_ids=ids,
            details={"status": ItemStatus.PENDING, "postponed_until": today.isoformat()},
        )  # fmt: skip
    return len(ids)


def run_scheduled() -> int:
    """Carries out what the supervisor let run; a record that cannot be stays on the list, pending."""
    done = 0
    for pk in list(RetentionItem.objects.filter(status=ItemStatus.SCHEDULED).values_list("pk", flat=True)):
        with transaction.atomic():
            item = (
                RetentionItem.objects.select_for_update().filter(pk=pk, status=ItemStatus.SCHEDULED).first()
            )
            if item is None:
                continue
            try:
                with transaction.atomic():
                    _carry_out(item, item.decided_by, reason=_("left to run"))
                done += 1
            except Refused as refusal:
                item.status = ItemStatus.PENDING
                item.save(update_fields=["status"])
                audit.record(
                    action="update", object_type=OBJECT_TYPE, object_ids=[item.pk],
                    details={"status": ItemStatus.PENDING, "refused": str(refusal)[:300]},
                )  # fmt: skip
    return done


def housekeeping() -> int:
    return reopen_postponed() + list_due() + run_scheduled()


def _still_due(kind: RetentionKind, object_id: int) -> bool:
    return kind.due(schedule.cutoff(kind, timezone.localdate())).filter(pk=object_id).exists()


def _person_kept(person_id: int) -> str:
    """Why the person must still be kept ("" if nothing keeps them): an open case, or a case whose
    own period has not ended."""
    cases = list(Case.objects.filter(person_id=person_id).values_list("status", "kind", "closed_on"))
    today = timezone.localdate()
    kinds = schedule.kinds()
    for status, case_kind, closed_on in cases:
        if status not in CLOSED_STATUSES or closed_on is None:
            return _("The person has a case that is still open.")
        code = "consultation_case" if case_kind == CaseKind.CONSULTATION else "closed_case"
        if code in kinds and closed_on > schedule.cutoff(kinds[code], today):
            return _("Another case of the person is still within its period.")
    return ""


def _carry_out(item: RetentionItem, actor: Any, reason: str) -> None:
    kind = schedule.kinds().get(item.kind)
    if kind is None:
        raise Refused(_("This kind of record is no longer in the retention schedule."))
    now = timezone.now()
    if not _still_due(kind, item.object_id):
        item.status, item.done_at = ItemStatus.GONE, now
        item.save(update_fields=["status", "done_at"])
        audit.record(
            actor=actor, action="update", object_type=OBJECT_TYPE, object_ids=[item.pk],
            related=[(kind.object_type, item.object_id)], details={"status": ItemStatus.GONE, "kind": kind.code},
        )  # fmt: skip
        return
    if kind.action == Action.REVIEW:
        audit_action = "update"
    elif kind.person is not None:
        person_id = kind.person([item.object_id]).get(item.object_id)
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise Refused(_("The person of this record is no longer on file."))
        why = _person_kept(person.pk)
        if why:
            raise Refused(why)
        try:
            erasure.erase_person(person, actor, reason)
        except erasure.ErasureUnavailable as error:
            raise Refused(str(error)) from error
        except ErasureRefused as error:
            raise Refused(" ".join(str(reason) for reason in error.reasons)) from error
        audit_action = "erase"
    elif kind.carry_out is not None:
        kind.carry_out([item.object_id], actor, reason)
        audit_action = "erase"
    else:
        raise Refused(_("Nothing in this installation can carry out this action."))
    item.status, item.done_at = ItemStatus.DONE, now
    item.save(update_fields=["status", "done_at"])
    audit.record(
        actor=actor, action=audit_action, object_type=kind.object_type, object_ids=[item.object_id],
        related=[(OBJECT_TYPE, item.pk)], reason=reason[:1000],
        details={"kind": kind.code},
    )  # fmt: skip


def decide(
    *,
    request: Any,
    item: RetentionItem,
    version: int,
    decision: str,
    until: dt.date | None = None,
    reason: str = "",
    note: str = "",
) -> RetentionItem:
    """The supervisor's decision on one record, in one transaction with its audit rows.

    Raises ``Refused`` (nothing changed) when the record cannot be carried out, and
    ``versions.StaleVersion`` when someone else decided first.
    """
    actor = request.user
    with transaction.atomic():
        versions.claim(item, version)
        if item.status not in (ItemStatus.PENDING, ItemStatus.POSTPONED, ItemStatus.SCHEDULED):
            raise Refused(_("This record has already been dealt with."))
        item.decided_by, item.decided_at, item.note, item.decision = (
            actor,
            timezone.now(),
            note.strip(),
            decision,
        )
        if decision == Decision.POSTPONE:
            item.status, item.postponed_until, item.postpone_reason = ItemStatus.POSTPONED, until, reason
        elif decision == Decision.RUN:
            item.status, item.postponed_until, item.postpone_reason = ItemStatus.SCHEDULED, None, ""
        item.save(
            update_fields=["status", "postponed_until", "postpone_reason", "note", "decided_by", "decided_at"]
        )
        audit.record(
            request=request, action="update", object_type=OBJECT_TYPE, object_ids=[item.pk],
            related=[(schedule.kinds()[item.kind].object_type, item.object_id)] if item.kind in schedule.kinds() else [],
            details={"decision": decision, "kind": item.kind, "until": until.isoformat() if until else "",
                     "reason": reason, "note": bool(item.note)},
        )  # fmt: skip
        if decision == Decision.CONFIRM:
            _carry_out(item, actor, reason=note.strip() or _("confirmed by a supervisor"))
    return item
