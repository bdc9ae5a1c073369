"""The hash chain over audit events: writing an event, sealing it into the chain, verifying both.

Writing and chaining are two steps, so that no request waits for another:

1. ``append`` writes the event in the caller's transaction (the request's, with ATOMIC_REQUESTS),
   with ``hash`` over its own content and refs and an empty ``prev_hash``, and queues it
   (``AuditUnsealed``). No lock: concurrent requests write their events side by side, and an
   event commits or rolls back with the work it describes.
2. ``seal`` links committed events into the chain, in id order, each one's ``AuditSeal`` hashing
   its content with the hash of the seal before it. It runs right after the writing transaction
   commits (``transaction.on_commit``; it gives way at once when another sealer is running) and as
   a housekeeping job for whatever is left. Sealers are serialised by a PostgreSQL advisory lock
   held only for the sealing transaction (a few milliseconds), on SQLite by ``BEGIN IMMEDIATE``.

The chain order is the seals' ``position``, not the event id: an event that commits after a
later-numbered one is sealed after it. ``verify`` walks the seals in order and checks every event
not sealed yet by its own hash. Between commit and sealing (normally milliseconds; at worst until
the next housekeeping run) an event is protected by the append-only triggers and its own hash
only; a sealer refuses to seal an event whose own hash does not fit.

Events written before sealing existed hold the chain in their own ``prev_hash``; migration 0005
gave each a seal with the same hashes at the position of its id.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import Prefetch, Subquery
from django.utils import timezone

from ostoja.audit.models import AuditEvent, AuditObject, AuditSeal, AuditUnsealed

logger = logging.getLogger("ostoja.audit")

GENESIS_HASH = "0" * 64
# Held by sealers only, for one short transaction. Any fixed bigint works; it only has to be the same
# in every process and differ from other locks.
ADVISORY_LOCK_KEY = 0x6F73746F6A61  # "ostoja" in ASCII
HASH_FORMAT_VERSION = 1
VERIFY_CHUNK_SIZE = 2000
SEAL_BATCH = 1000

Ref = tuple[str, int]


def canonical_address(value: str | None) -> str | None:
    """The address as it is hashed: fully written out, so every backend's spelling hashes alike."""
    if not value:
        return None
    try:
        return ipaddress.ip_address(value).exploded
    except ValueError:
        # Only a tampered row holds a non-address here; hashing it as it is makes it fail.
        return str(value)


def canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def digest(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_username: str,
    action: str,
    object_type: str,
    refs: Iterable[Ref],
    address: str | None,
    reason: str,
    details: Mapping[str, Any],
) -> str:
    """The hash of one event; the same inputs give the same hash on every backend and Python."""
    content = {
        "v": HASH_FORMAT_VERSION,
        "prev": prev_hash,
        "at": canonical_time(at),
        "actor": actor_id,
        "actor_username": actor_username,
        "action": action,
        "object_type": object_type,
        "objects": [[kind, number] for kind, number in sorted(set(refs))],
        "address": canonical_address(address),
        "reason": reason,
        "details": details,
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_digest(event: AuditEvent, refs: Iterable[Ref]) -> str:
    """The event's own hash: over its content and its ``prev_hash`` (empty unless written before seals)."""
    return seal_digest(event, refs, event.prev_hash)


def seal_digest(event: AuditEvent, refs: Iterable[Ref], prev_hash: str) -> str:
    """The hash of the event's link in the chain, after the link whose hash is ``prev_hash``."""
    return digest(
        prev_hash=prev_hash,
        at=event.at,
        actor_id=event.actor_id,
        actor_username=event.actor_username,
        action=event.action,
        object_type=event.object_type,
        refs=refs,
        address=event.address,
        reason=event.reason,
        details=event.details,
    )


class SealError(Exception):
    """An event waiting to be sealed does not fit its own hash: it was changed after it was written."""

    def __init__(self, event_id: int) -> None:
        super().__init__(f"Audit event #{event_id} does not fit its own hash; it is not sealed.")
        self.event_id = event_id


def append(
    *,
    actor_id: int | None,
    actor_username: str,
    action: str,
    object_type: str,
    refs: Sequence[Ref],
    address: str | None,
    reason: str,
    details: dict[str, Any],
) -> AuditEvent:
    """Writes one event, its record refs and its place in the sealer's queue; seals after commit.

    ``refs`` must be free of duplicates and ``details`` already JSON-normalised (what is hashed
    must be exactly what the database gives back). Takes no lock: the event waits for no one.
    """
    alias = router.db_for_write(AuditEvent)
    # No savepoint: an audit write that fails must fail the whole transaction it belongs to.
    with transaction.atomic(using=alias, savepoint=False):
        event = AuditEvent(
            at=timezone.now(),
            actor_id=actor_id,
            actor_username=actor_username,
            action=action,
            object_type=object_type,
            address=address,
            reason=reason,
            details=details,
            prev_hash="",
        )
        event.hash = event_digest(event, refs)
        event.save(using=alias, force_insert=True)
        AuditObject.objects.using(alias).bulk_create(
            [AuditObject(event=event, object_type=kind, object_id=number) for kind, number in refs],
            batch_size=1000,
        )
        AuditUnsealed.objects.using(alias).create(event=event)
        _seal_on_commit(alias)
    return event


# --- Sealing ----------------------------------------------------------------------------------


def _seal_after_commit(alias: str) -> None:
    """Seals what is waiting, unless another sealer is at it (it, or the next one, takes ours)."""
    if not getattr(settings, "OSTOJA_AUDIT_SEAL_ON_COMMIT", True):
        return
    try:
        seal(using=alias, wait=False)
    except Exception:  # the event is committed and safe; housekeeping seals it and reports the failure
        logger.exception("Sealing audit events after commit failed")


def _seal_on_commit(alias: str) -> None:
    """Registers one sealing per transaction, however many events the transaction writes."""
    connection = connections[alias]
    if any(getattr(entry[1], "ostoja_audit_seal", False) for entry in connection.run_on_commit):
        return
    callback = partial(_seal_after_commit, alias)
    callback.ostoja_audit_seal = True  # type: ignore[attr-defined]
    transaction.on_commit(callback, using=alias)


def _take_sealer_lock(alias: str, *, wait: bool) -> bool:
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return True  # SQLite: BEGIN IMMEDIATE already lets one writer in at a time
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        return bool(cursor.fetchone()[0])


def _seal_batch(alias: str) -> tuple[int, int | None]:
    """Seals up to SEAL_BATCH waiting events; returns how many, and the first that does not fit."""
    waiting = AuditUnsealed.objects.using(alias).order_by("event_id").values("event_id")[:SEAL_BATCH]
    events = list(
        AuditEvent.objects.using(alias)
        .filter(pk__in=Subquery(waiting))
        .order_by("id")
        .prefetch_related(_refs_prefetch(alias, "refs"))
    )
    if not events:
        return 0, None
    position, prev_hash = AuditSeal.objects.using(alias).order_by("-position").values_list(
        "position", "hash"
    ).first() or (0, GENESIS_HASH)
    seals: list[AuditSeal] = []
    tampered: int | None = None
    for event in events:
        refs = _refs(event)
        if event_digest(event, refs) != event.hash:
            tampered = event.pk
            break
        position += 1
        link = AuditSeal(
            position=position, event=event, prev_hash=prev_hash, hash=seal_digest(event, refs, prev_hash)
        )
        seals.append(link)
        prev_hash = link.hash
    AuditSeal.objects.using(alias).bulk_create(seals, batch_size=1000)
    AuditUnsealed.objects.using(alias).filter(event_id__in=[link.event_id for link in seals]).delete()
    return len(seals), tampered


def seal(*, using: str | None = None, wait: bool = True) -> int:
    """Links every committed event not sealed yet into the chain, in id order; returns how many.

    Each batch is one short transaction under the sealers' lock. With ``wait=False`` it returns 0
    at once when another sealer holds the lock. Raises ``SealError`` at an event that no longer
    fits its own hash, after sealing the ones before it; that event and the ones after it wait.
    """
    alias = using or router.db_for_write(AuditEvent)
    sealed = 0
    while True:
        with transaction.atomic(using=alias):
            if not _take_sealer_lock(alias, wait=wait):
                return sealed
            count, tampered = _seal_batch(alias)
        sealed += count
        if tampered is not None:  # raised once what came before it is committed
            raise SealError(tampered)
        if count < SEAL_BATCH:
            return sealed


def waiting(*, using: str | None = None) -> int:
    """How many events are written and not sealed yet."""
    return AuditUnsealed.objects.using(using or router.db_for_read(AuditEvent)).count()


@dataclass(frozen=True)
class Anchor:
    """A point of the chain kept outside the database: its ``count``-th event has this id and hash.

    ``count`` 0 (event id 0, the genesis hash) anchors an empty log.
    """

    count: int
    event_id: int
    hash: str


# How the chain compares with an anchor.
ANCHOR_MATCHED = "matched"
ANCHOR_TRUNCATED = "truncated"  # fewer events than the anchor counted: the newest were removed
ANCHOR_REWRITTEN = "rewritten"  # the event at the anchor's position is not the one anchored


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a walk over the chain: how many events were sound, and the first bad one.

    ``checked`` counts the sealed events walked (a checkpoint anchors that count); ``unsealed``
    the events written and not sealed yet, each checked against its own hash.
    """

    checked: int
    broken_event_id: int | None = None
    broken_at: datetime | None = None
    problem: str = ""  # "hash" or "previous" when broken
    last_hash: str = GENESIS_HASH
    last_event_id: int = 0
    anchor: str = ""  # one of the ANCHOR_* values when verified against an anchor
    unsealed: int = 0

    @property
    def intact(self) -> bool:
        return self.broken_event_id is None

    @property
    def head(self) -> Anchor:
        """The newest sound point of the chain, to anchor outside the database."""
        return Anchor(count=self.checked, event_id=self.last_event_id, hash=self.last_hash)


def _refs_prefetch(alias: str, lookup: str) -> Prefetch:
    return Prefetch(
        lookup, queryset=AuditObject.objects.using(alias).only("event_id", "object_type", "object_id")
    )


def _seals(alias: str, *, after_position: int = 0):
    seals = AuditSeal.objects.using(alias).select_related("event").order_by("position")
    if after_position:
        seals = seals.filter(position__gt=after_position)
    return seals.prefetch_related(_refs_prefetch(alias, "event__refs")).iterator(chunk_size=VERIFY_CHUNK_SIZE)


def _unsealed_events(alias: str):
    return (
        AuditEvent.objects.using(alias)
        .filter(seal__isnull=True)
        .order_by("id")
        .prefetch_related(_refs_prefetch(alias, "refs"))
        .iterator(chunk_size=VERIFY_CHUNK_SIZE)
    )


def _refs(event: AuditEvent) -> list[Ref]:
    return [(ref.object_type, ref.object_id) for ref in event.refs.all()]


def _link_problem(link: AuditSeal, prev_hash: str) -> str:
    """What is wrong with one link: the event's own hash, the seal's hash, or the link to the one before."""
    event = link.event
    refs = _refs(event)
    own = event_digest(event, refs)
    if own != event.hash:
        return "hash"
    sealed = own if event.prev_hash == link.prev_hash else seal_digest(event, refs, link.prev_hash)
    if sealed != link.hash:
        return "hash"
    if link.prev_hash != prev_hash:
        return "previous"
    return ""


def _walk(seals, *, prev_hash: str, prev_id: int, checked: int, expect: Anchor | None) -> ChainReport:
    anchor = ""
    if expect is not None and expect.count == checked:
        anchor = (
            ANCHOR_MATCHED if (expect.event_id, expect.hash) == (prev_id, prev_hash) else ANCHOR_REWRITTEN
        )
    for link in seals:
        problem = _link_problem(link, prev_hash)
        if problem:
            return ChainReport(
                checked=checked,
                broken_event_id=link.event_id,
                broken_at=link.event.at,
                problem=problem,
                last_hash=prev_hash,
                last_event_id=prev_id,
                anchor=anchor,
            )
        prev_hash, prev_id = link.hash, link.event_id
        checked += 1
        if expect is not None and checked == expect.count:
            anchor = (
                ANCHOR_MATCHED
                if (link.event_id, link.hash) == (expect.event_id, expect.hash)
                else ANCHOR_REWRITTEN
            )
    if expect is not None and not anchor:
        anchor = ANCHOR_TRUNCATED
    return ChainReport(checked=checked, last_hash=prev_hash, last_event_id=prev_id, anchor=anchor)


def verify(*, using: str | None = None, expect: Anchor | None = None) -> ChainReport:
    """Recomputes every hash, the sealed chain in order, then each event not sealed yet.

    A changed event fails its own hash; a removed event or seal (or one whose hashes were
    recomputed after an edit) fails the previous-hash check of the seal after it. What the chain
    alone cannot show — its newest seals removed, or every hash recomputed after a rewrite — shows
    against ``expect``, an anchor kept outside the database: the report's ``anchor`` says whether
    the event at the anchor's position is the one anchored. An event not sealed yet is checked
    against its own hash only (its removal before sealing leaves no trace but a gap in the ids).
    """
    alias = using or router.db_for_read(AuditEvent)
    report = _walk(_seals(alias), prev_hash=GENESIS_HASH, prev_id=0, checked=0, expect=expect)
    if not report.intact:
        return report
    unsealed = 0
    for event in _unsealed_events(alias):
        if event_digest(event, _refs(event)) != event.hash:
            return replace(
                report, broken_event_id=event.pk, broken_at=event.at, problem="hash", unsealed=unsealed
            )
        unsealed += 1
    return replace(report, unsealed=unsealed)


def verify_since(anchor: Anchor, *, using: str | None = None) -> ChainReport:
    """Checks that the chain still holds ``anchor`` and walks only the seals after it.

    For making the next checkpoint cheaply: the events up to the anchor were verified when it was
    made; here their number and the anchored event (its own hashes too) must be unchanged.
    """
    alias = using or router.db_for_read(AuditEvent)
    after = 0
    if anchor.count:
        link = (
            AuditSeal.objects.using(alias)
            .select_related("event")
            .prefetch_related(_refs_prefetch(alias, "event__refs"))
            .filter(event_id=anchor.event_id)
            .first()
        )
        if link is None:
            count = AuditSeal.objects.using(alias).count()
            return ChainReport(checked=min(count, anchor.count), anchor=ANCHOR_TRUNCATED)
        count = AuditSeal.objects.using(alias).filter(position__lte=link.position).count()
        if count < anchor.count:
            return ChainReport(checked=count, anchor=ANCHOR_TRUNCATED)
        if count != anchor.count or link.hash != anchor.hash or _link_problem(link, link.prev_hash):
            return ChainReport(checked=count, anchor=ANCHOR_REWRITTEN)
        after = link.position
    report = _walk(
        _seals(alias, after_position=after),
        prev_hash=anchor.hash if anchor.count else GENESIS_HASH,
        prev_id=anchor.event_id if anchor.count else 0,
        checked=anchor.count,
        expect=None,
    )
    return replace(report, anchor=ANCHOR_MATCHED)
