"""Rate limits kept in the database, so every app server counts the same requests (docs/SECURITY.md: the look-up budget).

A fixed window per key: ``allow("search:42", limit=60, per_seconds=600)`` is True for the first 60
calls in each 10-minute window. Keys name who is counted (a user id, never a search term).

**The look-up budget** is defined here and nowhere else. Every look-up whose answer can tell whether
someone is in the database — person search, the hotline's find-person, the duplicate checks when a
person is registered (on the person pages or from a contact), and the telephony API's matching of a
caller's number — spends from one budget: per staff member for the pages, per telephony token for
the API, ``OSTOJA_SEARCH_LIMIT`` look-ups in ``LOOKUP_WINDOW_SECONDS``. A look-up over the budget is
not made: the page answers 429 with :data:`LOOKUP_REFUSED` next to the form, and the refusal is
audited (DENY), so a colleague's account or a token used to probe for names leaves a trace.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.web.models import RateCounter

LOOKUP_WINDOW_SECONDS = 600
LOOKUP_REFUSED = _(
    "Too many look-ups of persons in a short time (searches and duplicate checks count together). "
    "Wait a few minutes and try again; what you typed is kept."
)
# The API's callers are machines reading English.
LOOKUP_REFUSED_API = "Too many number look-ups for this token in a short time; try again in a few minutes."


def allow(key: str, *, limit: int, per_seconds: int) -> bool:
    return hit(key, per_seconds=per_seconds) <= limit


def hit(key: str, *, per_seconds: int) -> int:
    """Counts one more request under ``key`` in the current window; returns the count so far."""
    window = int(time.time()) // per_seconds
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    ends = datetime.fromtimestamp((window + 1) * per_seconds, tz=UTC)
                    RateCounter.objects.create(key=key, window=window, count=1, expires_at=ends)
            except IntegrityError:  # another request created it first
                RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        return RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first() or 0


def prune() -> int:
    """Removes counters of windows that have ended (run by ``ostoja housekeeping``)."""
    deleted, _ = RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def lookup_limit() -> int:
    return int(settings.OSTOJA_SEARCH_LIMIT)


def spend_lookup(*, user=None, token=None) -> bool:
    """Counts one look-up against the budget of ``user`` (a staff member) or ``token`` (the API's).

    True if the look-up may be made. Every look-up of every kind by the same user (or token) spends
    from the same budget.
    """
    if (user is None) == (token is None):
        raise ValueError("A look-up is counted against a user or a token, exactly one.")
    key = f"lookup:user:{user.pk}" if user is not None else f"lookup:token:{token.pk}"
    return allow(key, limit=lookup_limit(), per_seconds=LOOKUP_WINDOW_SECONDS)


def record_refused_lookup(*, request: HttpRequest, lookup: str, actor=None) -> None:
    """The DENY audit row of a look-up refused for being over the budget (what kind, never the terms)."""
    from ostoja.audit import services as audit

    audit.record(
        request=request, actor=actor, action="deny", object_type="person",
        details={"lookup": lookup, "over_budget": lookup_limit()},
    )  # fmt: skip
