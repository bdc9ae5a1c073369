"""Stays begun, counted for the statistics page and the funder's report (never a place or an address)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ostoja.plugins import StatisticsTable
from ostoja.shelter.codes import StayKind
from ostoja.shelter.models import Placement


def stays_by_kind(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Stays whose first night lies from ``start`` (None: since the first) to ``end``, by kind of stay:
    one grouped range scan of the date index."""
    stays = Placement.objects.filter(start_on__lte=end)
    if start is not None:
        stays = stays.filter(start_on__gte=start)
    counts = dict(stays.values_list("kind").annotate(n=Count("pk")).order_by())
    return [(kind.value, str(kind.label), counts[kind.value]) for kind in StayKind if counts.get(kind.value)]


TABLES = [
    StatisticsTable(
        "shelter", _("Stays in safe accommodation begun, by kind"), stays_by_kind,
        note=_("Each stay counts once; one person may have several. Places are never named."), order=65,
    )
]  # fmt: skip
