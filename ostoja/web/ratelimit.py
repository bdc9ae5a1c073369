"""Rate limits kept in the database, so every app server counts the same requests (SECURITY.md #14).

A fixed window per key: ``allow("search:42", limit=60, per_seconds=600)`` is True for the first 60
calls in each 10-minute window. Keys name who is counted (a user id, never a search term).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ostoja.web.models import RateCounter


def allow(key: str, *, limit: int, per_seconds: int) -> bool:
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
        count = (
            RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first() or 0
        )
    return count <= limit


def prune() -> int:
    """Removes counters of windows that have ended (run by ``ostoja housekeeping``)."""
    deleted, _ = RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
