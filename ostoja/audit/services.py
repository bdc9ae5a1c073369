"""Writing the audit log and managing break-glass grants.

``record`` is what every app calls when a person or case is read or changed. It must run inside
the transaction of the work it describes (ATOMIC_REQUESTS gives every request one), so the audit
row commits with the request or not at all; when it fails, its exception propagates and the request
fails without returning any data.
"""

from __future__ import annotations

import getpass
import ipaddress
import json
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.audit import chain
from ostoja.audit.models import (
    BREAK_GLASS_REASON_MIN_LENGTH,
    Action,
    AuditEvent,
    AuditObject,
    BreakGlassGrant,
)
from ostoja.http import client_address

# A record type is a short code ("person", "case", "note"), never free text.
OBJECT_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_OBJECT_ID = 2**63 - 1
BREAK_GLASS_REASON_MAX_LENGTH = limits.INSTRUCTIONS
BREAK_GLASS_MAX_MINUTES = 24 * 60

# Why a grant ended. Stored as they are (they are codes, not text for people to read).
END_EXPIRED = "expired"
END_BY_HOLDER = "ended by the holder"
END_REVOKED = "revoked by a supervisor"
END_SUPERSEDED = "superseded by a new grant"


def _check_object_type(object_type: str) -> None:
    if not isinstance(object_type, str) or not OBJECT_TYPE_PATTERN.match(object_type):
        raise ValueError(f"Audit record type must be a short lower-case code, not {object_type!r}.")
    if settings.TESTING:
        # The audit log names every kind of record in words (audit/naming.py); a kind no app names
        # would reach its readers as a code. Checked where every kind is first written: in the tests.
        from ostoja.audit.naming import is_named_kind

        if not is_named_kind(object_type):
            raise ValueError(
                f"Audit record type {object_type!r} has no words: name it with a RecordKind in its app's plug-in."
            )


def _check_object_id(object_id: Any) -> int:
    if isinstance(object_id, bool) or not isinstance(object_id, int):
        raise TypeError(f"Audit record ids must be integers, not {type(object_id).__name__}.")
    if not 0 <= object_id <= MAX_OBJECT_ID:
        raise ValueError(f"Audit record id out of range: {object_id}.")
    return object_id


def _refs(object_type: str, object_ids: Iterable[int], related: Iterable[tuple[str, int]]) -> list[chain.Ref]:
    refs: dict[chain.Ref, None] = {}
    for object_id in object_ids:
        refs[(object_type, _check_object_id(object_id))] = None
    for related_type, related_id in related:
        _check_object_type(related_type)
        refs[(related_type, _check_object_id(related_id))] = None
    return sorted(refs)


def _normalise_details(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """The details exactly as the database will give them back, so the hash stays verifiable."""
    if details is None:
        return {}
    if not isinstance(details, Mapping):
        raise TypeError("Audit details must be a mapping.")
    try:
        text = json.dumps(dict(details), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"Audit details must be JSON-serialisable: {error}") from error
    if "\\u0000" in text:
        raise ValueError("Audit details must not contain NUL characters.")
    return json.loads(text)


def _request_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        # A malformed forwarded address must not stop the centre's work; the row keeps no address.
        return None


def record(
    *,
    request: HttpRequest | None = None,
    actor: Any = None,
    action: str,
    object_type: str,
    object_ids: Iterable[int] = (),
    related: Iterable[tuple[str, int]] = (),
    reason: str = "",
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Appends one event to the audit log: who did ``action`` to which records, when, from where.

    ``object_ids`` are the ids of ``object_type`` records shown or changed (every row of a list or
    search result); ``related`` adds records of other types shown alongside, as (type, id) pairs.
    ``details`` holds field names, counts and kinds of search, never values. The actor and address
    come from ``request`` unless ``actor`` is given.
    """
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}.")
    _check_object_type(object_type)
    refs = _refs(object_type, object_ids, related)
    clean_details = _normalise_details(details)
    if not isinstance(reason, str):
        raise TypeError("Audit reason must be text.")
    if len(reason) > BREAK_GLASS_REASON_MAX_LENGTH:
        raise ValueError(f"Audit reason longer than {BREAK_GLASS_REASON_MAX_LENGTH} characters.")
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    return chain.append(
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        object_type=object_type,
        refs=refs,
        address=_request_address(request),
        reason=reason.strip(),
        details=clean_details,
    )


def from_command_line(details: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``details`` marked as a change made from the server's command line, naming the system account.

    Management commands have no signed-in user; the operating-system account that ran the command
    is what an investigation can follow up.
    """
    marked = dict(details or {})
    try:
        marked["os_user"] = getpass.getuser()
    except (KeyError, OSError):  # a uid with no name (containers)
        marked["os_user"] = ""
    marked["via"] = "command"
    return marked


# --- Refusals ------------------------------------------------------------------------------------
#
# A refusal (PermissionDenied) rolls the view's transaction back, audit rows included, so the access
# helper notes what was asked for (``note_denied``) and ``RefusalAuditMiddleware`` writes the
# DENY row after the rollback.

_DENIED = "_ostoja_denied"


def note_denied(
    request: HttpRequest,
    *,
    object_type: str,
    object_ids: Iterable[int] = (),
    related: Iterable[tuple[str, int]] = (),
    details: Mapping[str, Any] | None = None,
) -> None:
    """What a refusal about to be raised was about, for the DENY row the middleware writes."""
    _check_object_type(object_type)
    setattr(
        request, _DENIED, (object_type, _refs(object_type, object_ids, related), _normalise_details(details))
    )


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def record_denial(request: HttpRequest) -> AuditEvent | None:
    """The DENY row of a refused request by a signed-in user: what was asked for, through which page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    noted = getattr(request, _DENIED, None)
    # A refusal before or without a record (a role the page needs) names the page.
    object_type, refs, details = noted if noted is not None else ("page", [], {})
    primary = [number for kind, number in refs if kind == object_type]
    return record(
        request=request,
        action=Action.DENY,
        object_type=object_type,
        object_ids=primary,
        related=[ref for ref in refs if ref[0] != object_type],
        details={**details, "view": _view_name(request)},
    )


def seen_by(*, object_type: str, object_id: int, limit: int = 50) -> list[AuditEvent]:
    """The most recent events that touched or showed one record, newest first.

    For "who has seen this record" on a case or person page: an index range scan on
    (object_type, object_id, event), then the events by primary key.
    """
    _check_object_type(object_type)
    event_ids = (
        AuditObject.objects.filter(object_type=object_type, object_id=_check_object_id(object_id))
        .order_by("-event_id")
        .values_list("event_id", flat=True)[:limit]
    )
    return list(
        AuditEvent.objects.filter(pk__in=list(event_ids))
        .only("id", "at", "actor_id", "actor_username", "action", "object_type")
        .order_by("-id")
    )


# --- Break-glass ------------------------------------------------------------------------------


def default_minutes() -> int:
    return int(getattr(settings, "OSTOJA_BREAK_GLASS_MINUTES", 60))


def clean_reason(reason: str) -> str:
    """The reason with surrounding whitespace removed; raises ValidationError when too short."""
    reason = (reason or "").strip()
    if len(reason) < BREAK_GLASS_REASON_MIN_LENGTH:
        raise ValidationError(
            _("Write why you need access to this record, in at least %(minimum)d characters."),
            code="reason_too_short",
            params={"minimum": BREAK_GLASS_REASON_MIN_LENGTH},
        )
    if len(reason) > BREAK_GLASS_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(maximum)d characters."),
            code="reason_too_long",
            params={"maximum": BREAK_GLASS_REASON_MAX_LENGTH},
        )
    return reason


def _clean_minutes(minutes: int | None) -> int:
    minutes = default_minutes() if minutes is None else minutes
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not 1 <= minutes <= BREAK_GLASS_MAX_MINUTES
    ):
        raise ValueError(
            f"Break-glass duration must be 1 to {BREAK_GLASS_MAX_MINUTES} minutes, not {minutes!r}."
        )
    return minutes


def _end(grant: BreakGlassGrant, *, reason: str, request: HttpRequest | None) -> bool:
    """Ends an open grant and writes its end event; False when it had already ended."""
    with transaction.atomic():
        locked = (
            BreakGlassGrant.objects.select_for_update().filter(pk=grant.pk, ended_at__isnull=True).first()
        )
        if locked is None:
            grant.refresh_from_db()
            return False
        now = timezone.now()
        event = record(
            request=request,
            action=Action.BREAK_GLASS_END,
            object_type=locked.object_type,
            object_ids=[locked.object_id],
            reason=reason,
            details={"grant": locked.pk, "holder": locked.user_id},
        )
        locked.ended_at = min(now, locked.expires_at)
        locked.end_reason = reason
        locked.end_event = event
        locked.save(update_fields=["ended_at", "end_reason", "end_event"])
    grant.ended_at, grant.end_reason, grant.end_event = locked.ended_at, locked.end_reason, event
    return True


def break_glass_review(*, grant: BreakGlassGrant, request: HttpRequest, comment: str) -> bool:
    """A supervisor's review of a grant: who, when, what they found. False if it was reviewed already."""
    with transaction.atomic():
        locked = (
            BreakGlassGrant.objects.select_for_update().filter(pk=grant.pk, reviewed_at__isnull=True).first()
        )
        if locked is None:
            return False
        record(
            request=request, action=Action.UPDATE, object_type="break_glass", object_ids=[locked.pk],
            related=[(locked.object_type, locked.object_id)], details={"reviewed": True},
        )  # fmt: skip
        locked.reviewed_by, locked.reviewed_at, locked.review_comment = request.user, timezone.now(), comment
        locked.save(update_fields=["reviewed_by", "reviewed_at", "review_comment"])
    return True


def break_glass_start(
    *,
    request: HttpRequest,
    object_type: str,
    object_id: int,
    reason: str,
    minutes: int | None = None,
) -> BreakGlassGrant:
    """Gives the signed-in user time-limited access to one record, for a written reason.

    Writes BREAK_GLASS_START (the reason goes into the audit row) and queues an e-mail to every
    supervisor. An open grant of the same user for the same record is ended first, so there is at
    most one. Raises ValidationError when the reason is missing or too short.
    """
    from ostoja.audit.tasks import notify_break_glass

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    reason = clean_reason(reason)
    minutes = _clean_minutes(minutes)
    _check_object_type(object_type)
    _check_object_id(object_id)
    with transaction.atomic():
        for previous in BreakGlassGrant.objects.filter(
            user=user, object_type=object_type, object_id=object_id, ended_at__isnull=True
        ):
            _end(previous, reason=END_SUPERSEDED, request=request)
        now = timezone.now()
        grant = BreakGlassGrant.objects.create(
            user=user,
            object_type=object_type,
            object_id=object_id,
            reason=reason,
            started_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
        grant.start_event = record(
            request=request,
            action=Action.BREAK_GLASS_START,
            object_type=object_type,
            object_ids=[object_id],
            reason=reason,
            details={"grant": grant.pk, "minutes": minutes},
        )
        grant.save(update_fields=["start_event"])
        # With the database task backend the notification commits with the grant, or not at all.
        notify_break_glass.enqueue(grant.pk)
    return grant


def active_grant(*, user: Any, object_type: str, object_id: int) -> BreakGlassGrant | None:
    """The user's unexpired grant for one record, or None.

    A grant found expired but not yet ended is ended on the spot (BREAK_GLASS_END, "expired"), so
    the log shows the end even when the periodic job has not run yet.
    """
    if user is None or not user.is_authenticated:
        return None
    now = timezone.now()
    found: BreakGlassGrant | None = None
    grants = BreakGlassGrant.objects.filter(
        user=user, object_type=object_type, object_id=object_id, ended_at__isnull=True
    ).order_by("-expires_at")
    for grant in grants:
        if grant.expires_at > now:
            found = found or grant
        else:
            _end(grant, reason=END_EXPIRED, request=None)
    return found


def break_glass_end(
    *, grant: BreakGlassGrant, reason: str, request: HttpRequest | None = None
) -> BreakGlassGrant:
    """Ends a grant before it expires (or records its expiry); does nothing if it has ended."""
    if not reason or not reason.strip():
        raise ValueError("Say why the grant ends.")
    _end(grant, reason=reason.strip(), request=request)
    return grant


def close_expired_grants() -> int:
    """Ends every grant past its expiry that is still open; returns how many. Run periodically."""
    now = timezone.now()
    expired = list(BreakGlassGrant.objects.filter(ended_at__isnull=True, expires_at__lte=now).order_by("pk"))
    return sum(1 for grant in expired if _end(grant, reason=END_EXPIRED, request=None))
