"""How many reports one sender may send a day, without ever storing who the sender is.

The sender is an HMAC of the client's address under a key derived from the day and SECRET_KEY:
the same address gives the same value all day, a different one tomorrow, and the address cannot
be recovered from it. Counters from earlier days are deleted as soon as a new day's are written.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from ostoja.http import client_address
from ostoja.public.models import ReportCounter


def reports_per_day() -> int:
    return getattr(settings, "OSTOJA_PUBLIC_REPORTS_PER_DAY", 5)


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
