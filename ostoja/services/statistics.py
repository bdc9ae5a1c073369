"""The services delivered, counted for the statistics page and the funder's report."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ostoja.plugins import StatisticsTable
from ostoja.services.models import Delivery, Service


def delivered_by_service(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Deliveries from ``start`` (None: since the first) to ``end`` by kind of service: one grouped
    range scan of the date index."""
    deliveries = Delivery.objects.filter(delivered_on__lte=end)
    if start is not None:
        deliveries = deliveries.filter(delivered_on__gte=start)
    counts = dict(deliveries.values_list("service_id").annotate(n=Count("pk")).order_by())
    services = Service.objects.filter(pk__in=counts).order_by("position", "name_en")
    return [(s.code, s.name, counts[s.pk]) for s in services]


TABLES = [
    StatisticsTable(
        "services", _("Services delivered, by kind"), delivered_by_service,
        note=_("Each service given counts once; one person may receive several."), order=60,
    )
]  # fmt: skip
