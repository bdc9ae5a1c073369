"""Referrals sent, counted by the kind of organisation, for the statistics page and the funder's report."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.partners.models import Kind
from ostoja.plugins import StatisticsTable
from ostoja.referrals.models import Referral


def sent_by_partner_kind(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Referrals sent from ``start`` (None: since the first) to ``end``, local days, by the kind of
    partner: one range scan of the index on the day sent."""
    tz = timezone.get_current_timezone()
    referrals = Referral.objects.filter(
        sent_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz)
    )
    if start is not None:
        referrals = referrals.filter(sent_at__gte=dt.datetime.combine(start, dt.time(), tz))
    counts = dict(referrals.values_list("partner__kind").annotate(n=Count("pk")).order_by())
    return [(code, str(label), counts[code]) for code, label in Kind.choices if code in counts]


TABLES = [
    StatisticsTable("referrals", _("Referrals sent, by kind of organisation"), sent_by_partner_kind, order=70)
]
