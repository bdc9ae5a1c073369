"""The hash chain over audit events: writing a link, and walking the chain to verify it.

Each event's hash is SHA-256 over a canonical JSON of its content and the previous event's hash.
The database id is not hashed (it is assigned on insert, and rows are never updated); the chain
order is id order, which equals write order because writers are serialised:

* PostgreSQL: ``pg_advisory_xact_lock`` on a constant key, held until the surrounding transaction
  (the request's, with ATOMIC_REQUESTS) ends. Reads run in READ COMMITTED, so the last hash read
  after taking the lock is the last committed one.
* SQLite: the project opens transactions with ``BEGIN IMMEDIATE``, so only one writer runs.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Prefetch
from django.utils import timezone

from ostoja.audit.models import AuditEvent, AuditObject

GENESIS_HASH = "0" * 64
# Any fixed bigint works; it only has to be the same in every process and differ from other locks.
ADVISORY_LOCK_KEY = 0x6F73746F6A61  # "ostoja" in ASCII
HASH_FORMAT_VERSION = 1
VERIFY_CHUNK_SIZE = 2000

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
    return digest(
        prev_hash=event.prev_hash,
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


def _serialise_writers(alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


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
    """Writes one event and its record refs as the next link of the chain.

    ``refs`` must be free of duplicates and ``details`` already JSON-normalised (what is hashed
    must be exactly what the database gives back).
    """
    alias = router.db_for_write(AuditEvent)
    with transaction.atomic(using=alias):
        _serialise_writers(alias)
        prev_hash = (
            AuditEvent.objects.using(alias).order_by("-id").values_list("hash", flat=True).first()
            or GENESIS_HASH
        )
        event = AuditEvent(
            at=timezone.now(),
            actor_id=actor_id,
            actor_username=actor_username,
            action=action,
            object_type=object_type,
            address=address,
            reason=reason,
            details=details,
            prev_hash=prev_hash,
        )
        event.hash = event_digest(event, refs)
        event.save(using=alias, force_insert=True)
        AuditObject.objects.using(alias).bulk_create(
            [AuditObject(event=event, object_type=kind, object_id=number) for kind, number in refs],
            batch_size=1000,
        )
    return event


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a walk over the chain: how many events were sound, and the first bad one."""

    checked: int
    broken_event_id: int | None = None
    broken_at: datetime | None = None
    problem: str = ""  # "hash" or "previous" when broken
    last_hash: str = GENESIS_HASH

    @property
    def intact(self) -> bool:
        return self.broken_event_id is None


def verify(*, using: str | None = None) -> ChainReport:
    """Recomputes every hash in id order and stops at the first event that does not fit.

    A changed row fails its own hash; a removed row (or one whose hash was recomputed after an
    edit) fails the previous-hash check of the row after it.
    """
    alias = using or router.db_for_read(AuditEvent)
    events = (
        AuditEvent.objects.using(alias)
        .order_by("id")
        .prefetch_related(
            Prefetch(
                "refs", queryset=AuditObject.objects.using(alias).only("event_id", "object_type", "object_id")
            )
        )
        .iterator(chunk_size=VERIFY_CHUNK_SIZE)
    )
    prev_hash = GENESIS_HASH
    checked = 0
    for event in events:
        refs = [(ref.object_type, ref.object_id) for ref in event.refs.all()]
        problem = ""
        if event_digest(event, refs) != event.hash:
            problem = "hash"
        elif event.prev_hash != prev_hash:
            problem = "previous"
        if problem:
            return ChainReport(
                checked=checked,
                broken_event_id=event.pk,
                broken_at=event.at,
                problem=problem,
                last_hash=prev_hash,
            )
        prev_hash = event.hash
        checked += 1
    return ChainReport(checked=checked, last_hash=prev_hash)
