"""Stays in safe accommodation, counted for the statistics page and the funder's report (never a place
or an address): stays begun by kind, the use of the period (stays begun and ended, nights, people) and
stays ended by reason. Counted from the dates and codes of the stays, on their date indexes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.plugins import StatisticsTable
from ostoja.shelter.codes import EndReason, StayKind
from ostoja.shelter.models import Placement


def stays_by_kind(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Stays whose first night lies from ``start`` (None: since the first) to ``end``, by kind of stay:
    one grouped range scan of the date index."""
    stays = Placement.objects.filter(start_on__lte=end)
    if start is not None:
        stays = stays.filter(start_on__gte=start)
    counts = dict(stays.values_list("kind").annotate(n=Count("pk")).order_by())
    return [(kind.value, str(kind.label), counts[kind.value]) for kind in StayKind if counts.get(kind.value)]


def _ended(start: dt.date | None, end: dt.date):
    stays = Placement.objects.filter(end_on__lte=end)
    return stays if start is None else stays.filter(end_on__gte=start)


def shelter_use(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Stays begun and ended in the period, the nights spent in it (up to last night: nights to come are
    not counted) and the people who spent at least one of them there."""
    begun = Placement.objects.filter(start_on__lte=end)
    if start is not None:
        begun = begun.filter(start_on__gte=start)
    last = min(end, timezone.localdate() - dt.timedelta(days=1))  # the last night already spent
    # A stay's nights are the days from its first night to the day before it ends.
    spent = Placement.objects.filter(start_on__lte=last)
    if start is not None:
        spent = spent.filter(Q(end_on__isnull=True) | Q(end_on__gt=start))
    nights, people = 0, set()
    for first, left, person in spent.values_list("start_on", "end_on", "case__person_id"):
        since = first if start is None else max(first, start)
        if left is not None and left <= since:
            continue  # no night in the period (and no day before ``left`` to compute on 1 January of year 1)
        until = last if left is None else min(left - dt.timedelta(days=1), last)
        if until >= since:
            nights += (until - since).days + 1
            people.add(person)
    return [
        ("begun", str(_("Stays begun")), begun.count()),
        ("ended", str(_("Stays ended")), _ended(start, end).count()),
        ("nights", str(_("Nights spent in safe accommodation")), nights),
        ("people", str(_("People who stayed at least one night")), len(people)),
    ]


def stays_ended_by_reason(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Stays ended in the period (the day the person left), by why they ended."""
    counts = dict(_ended(start, end).values_list("end_reason").annotate(n=Count("pk")).order_by())
    rows = [(reason.value, str(reason.label), counts.get(reason.value, 0)) for reason in EndReason]
    return [*rows, ("", str(_("Reason not recorded")), counts.get("", 0))]


TABLES = [
    StatisticsTable(
        "shelter", _("Stays in safe accommodation begun, by kind"), stays_by_kind,
        note=_("Each stay counts once; one person may have several. Places are never named."), order=65,
    ),
    StatisticsTable(
        "shelter_use", _("Use of safe accommodation"), shelter_use, additive=False,
        note=_("Nights are those spent in the period up to last night; a person with several stays counts once "
               "among the people."), order=66,
    ),
    StatisticsTable("shelter_ended", _("Stays ended, by reason"), stays_ended_by_reason, order=67),
]  # fmt: skip
