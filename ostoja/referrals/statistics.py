"""Referrals sent, counted by the kind of organisation, and the returns of foreigners, for the statistics
page and the funder's report (from plain codes and dates on their indexes, never a decrypted value)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.cases.codes import ClosureReason, Phase
from ostoja.cases.models import Case
from ostoja.partners.models import Kind, Service
from ostoja.plugins import StatisticsTable
from ostoja.referrals.models import Referral, Status
from ostoja.shelter.codes import EndReason
from ostoja.shelter.models import Placement


def _sent(start: dt.date | None, end: dt.date):
    """Referrals sent from ``start`` (None: since the first) to ``end``, local days: a range of the index
    on the day sent."""
    tz = timezone.get_current_timezone()
    referrals = Referral.objects.filter(
        sent_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz)
    )
    if start is not None:
        referrals = referrals.filter(sent_at__gte=dt.datetime.combine(start, dt.time(), tz))
    return referrals


def sent_by_partner_kind(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Referrals sent in the period by the kind of partner: one range scan of the index on the day sent."""
    referrals = _sent(start, end)
    counts = dict(referrals.values_list("partner__kind").annotate(n=Count("pk")).order_by())
    return [(code, str(label), counts[code]) for code, label in Kind.choices if code in counts]


def returns_of_foreigners(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Foreigners referred to a voluntary-return programme in the period (and what came of it so far),
    cases closed in it because the person returned, and stays ended in it by a return: people, each
    counted once per row."""
    foreigners = Q(case__phase=Phase.FOREIGNER_IN_POLAND)
    people = Count("case__person", distinct=True)
    referred = (
        _sent(start, end)
        .filter(foreigners, purpose=Service.VOLUNTARY_RETURN)
        .aggregate(
            referred=people,
            accepted=Count(
                "case__person", distinct=True, filter=Q(status__in=[Status.ACCEPTED, Status.COMPLETED])
            ),
            completed=Count("case__person", distinct=True, filter=Q(status=Status.COMPLETED)),
            declined=Count("case__person", distinct=True, filter=Q(status=Status.DECLINED)),
        )
    )
    closed = Case.objects.filter(
        closure_reason=ClosureReason.RETURNED_HOME, closed_on__lte=end, phase=Phase.FOREIGNER_IN_POLAND
    )
    left = Placement.objects.filter(foreigners, end_reason=EndReason.RETURN, end_on__lte=end)
    if start is not None:
        closed, left = closed.filter(closed_on__gte=start), left.filter(end_on__gte=start)
    return [
        ("referred", str(_("Referred to a voluntary-return programme")), referred["referred"]),
        ("accepted", str(_("… of whom the programme accepted the referral")), referred["accepted"]),
        ("completed", str(_("… of whom the return took place")), referred["completed"]),
        ("declined", str(_("… of whom the programme declined the referral")), referred["declined"]),
        ("case_closed", str(_("Cases closed: the person returned to the country of origin")),
         closed.values("person").distinct().count()),
        ("stay_ended", str(_("Stays in safe accommodation ended by a return")),
         left.values("case__person").distinct().count()),
    ]  # fmt: skip


TABLES = [
    StatisticsTable("referrals", _("Referrals sent, by kind of organisation"), sent_by_partner_kind, order=70),
    StatisticsTable(
        "returns", _("Returns of foreigners"), returns_of_foreigners, additive=False, order=72,
        note=_("Referrals sent in the period, with what has come of them so far; cases closed and stays ended "
               "in the period. One person may be in several rows."),
    ),
]  # fmt: skip
