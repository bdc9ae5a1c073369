"""Residence documents of foreign victims, counted for the statistics page and the funder's report: the
certificates and permits granted, refused and pending, by kind (plain codes and dates; the issuing
office and the number, which are encrypted, are never read)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.legal.codes import ResidenceKind, ResidenceStatus
from ostoja.legal.models import ResidenceDocument

GRANTED = (ResidenceStatus.VALID, ResidenceStatus.REPLACED)


def _on(column: str, start: dt.date | None, end: dt.date) -> Q:
    q = Q(**{f"{column}__lte": end})
    return q & Q(**{f"{column}__gte": start}) if start is not None else q


def _recorded(start: dt.date | None, end: dt.date) -> Q:
    tz = timezone.get_current_timezone()
    q = Q(created_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz))
    return q & Q(created_at__gte=dt.datetime.combine(start, dt.time(), tz)) if start is not None else q


def residence_decisions(start: dt.date | None, end: dt.date) -> list[tuple[str, str, int]]:
    """Documents granted (by their first day of validity), refused and pending (by the day applied for,
    or recorded when no day was given), by kind; each document in one row."""
    granted = Q(status__in=GRANTED) & _on("valid_from", start, end)
    applied = _on("applied_on", start, end) | (Q(applied_on__isnull=True) & _recorded(start, end))
    refused = Q(status=ResidenceStatus.REFUSED) & applied
    pending = Q(status=ResidenceStatus.APPLIED) & applied
    certificate, permit = Q(kind=ResidenceKind.CERTIFICATE), Q(kind=ResidenceKind.PERMIT)
    counts = ResidenceDocument.objects.filter(granted | refused | pending).aggregate(
        certificate_granted=Count("pk", filter=certificate & granted),
        certificate_refused=Count("pk", filter=certificate & refused),
        permit_granted=Count("pk", filter=permit & granted),
        permit_refused=Count("pk", filter=permit & refused),
        permit_pending=Count("pk", filter=permit & pending),
    )
    labels = {
        "certificate_granted": _("Certificates of a presumed victim issued"),
        "certificate_refused": _("Certificates of a presumed victim refused"),
        "permit_granted": _("Temporary residence permits for victims granted"),
        "permit_refused": _("Temporary residence permits for victims refused"),
        "permit_pending": _("Applications for the permit still pending"),
    }
    return [(code, str(label), counts[code]) for code, label in labels.items()]
