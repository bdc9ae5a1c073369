"""How many reports one sender may send a day, without ever storing who the sender is; how many
reports everyone together may send an hour; and each form token filing one report only.

The sender is an HMAC of the client's address under a key derived from the day and SECRET_KEY:
the same address gives the same value all day, a different one tomorrow, and the address cannot
be recovered from it. Counters from earlier days are deleted as soon as a new day's are written.

The hourly cap for everyone (``OSTOJA_PUBLIC_REPORTS_PER_HOUR``) protects the triage queue from a
flood sent from many addresses without turning real people away: past the cap a report is still
taken but set apart as arrived "in a surge" (its own list in triage), the sender is told it may
take longer, and supervisors are told once per hour. Only past ``SURGE_FACTOR`` times the cap does
the form stop taking reports for the rest of the hour, keeping what the person wrote and pointing
them to the phone.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from ostoja.http import client_address
from ostoja.public.forms import TOKEN_MAX_AGE, token_hash
from ostoja.public.models import ReportCounter, UsedReportToken
from ostoja.web import ratelimit as shared_ratelimit

GLOBAL_KEY = "public-report:all"
HOUR = 3600
SURGE_FACTOR = 10

NORMAL = "normal"  # under the hourly cap: into the triage queue
SURGE = "surge"  # over the cap: taken, set apart, the sender told it may take longer
FULL = "full"  # far over the cap: not taken this hour; the form keeps the text


def reports_per_day() -> int:
    return getattr(settings, "OSTOJA_PUBLIC_REPORTS_PER_DAY", 5)


def reports_per_hour() -> int:
    return getattr(settings, "OSTOJA_PUBLIC_REPORTS_PER_HOUR", 30)


def intake() -> tuple[str, int]:
    """Counts one report against the hourly cap for everyone; returns (NORMAL/SURGE/FULL, count).

    The count is exactly ``cap + 1`` for the first report over the cap in an hour, once.
    """
    cap = reports_per_hour()
    count = shared_ratelimit.hit(GLOBAL_KEY, per_seconds=HOUR)
    if count <= cap:
        return NORMAL, count
    if count <= cap * SURGE_FACTOR:
        return SURGE, count
    return FULL, count


def claim_token(token: str, age: float) -> bool:
    """Marks a form token used; False when it was used before (a replay or a second click)."""
    expires = timezone.now() + timedelta(seconds=max(0.0, TOKEN_MAX_AGE - age) + 60)
    try:
        with transaction.atomic():
            UsedReportToken.objects.create(token_hash=token_hash(token), expires_at=expires)
    except IntegrityError:
        return False
    return True


def prune_used_tokens() -> int:
    """Removes hashes of tokens that have expired anyway (run by ``ostoja housekeeping``)."""
    deleted, _ = UsedReportToken.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def sender_hash(address: str, day: date) -> str:
    salt = hmac.new(settings.SECRET_KEY.encode(), f"public-report:{day.isoformat()}".encode(), hashlib.sha256)
    return hmac.new(salt.digest(), address.encode(), hashlib.sha256).hexdigest()


def _today() -> date:
    return timezone.localdate()


def limit_reached(request: HttpRequest) -> bool:
    day = _today()
    found = ReportCounter.objects.filter(day=day, sender=sender_hash(client_address(request), day)).first()
    return found is not None and found.count >= reports_per_day()


@transaction.atomic
def count_report(request: HttpRequest) -> None:
    day = _today()
    sender = sender_hash(client_address(request), day)
    ReportCounter.objects.filter(day__lt=day).delete()
    counter, _created = ReportCounter.objects.get_or_create(day=day, sender=sender)
    ReportCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
