"""The audit log's part in the retention schedule: old audit rows and break-glass reasons come up for
review. The log is append-only and hash-chained (the database refuses changes), so nothing here
deletes a row: the supervisor reviews whether a month of the log, or a grant's written reason, is
still needed (a complaint, proceedings), and the operator archives the log off-line (docs/RETENTION.md)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.audit.models import AuditEvent, BreakGlassGrant
from ostoja.plugins import RetentionKind


def _month_start(cutoff: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(cutoff.replace(day=1), dt.time()))


def _rows_due(cutoff: dt.date):
    """One record per month of the log that is wholly past its period: the month's last event
    (read by the index on ``at``), so the review list gets one line a month, not one per row."""
    end = _month_start(cutoff)
    newest = AuditEvent.objects.filter(at__lt=end).aggregate(newest=Max("pk"))["newest"]
    return AuditEvent.objects.filter(pk=newest or 0).annotate(retention_start=F("at"))


def _rows_names(ids: list[int]) -> dict[int, str]:
    return {
        pk: _("audit rows up to %(when)s") % {"when": dates.show(at, "date")}
        for pk, at in AuditEvent.objects.filter(pk__in=ids).values_list("pk", "at")
    }


def _grants_due(cutoff: dt.date):
    end = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()))
    return BreakGlassGrant.objects.filter(expires_at__lt=end, started_at__lt=end).annotate(
        retention_start=F("expires_at")
    )


def _grant_names(ids: list[int]) -> dict[int, str]:
    return {
        pk: _("break-glass access of %(when)s") % {"when": dates.show(at)}
        for pk, at in BreakGlassGrant.objects.filter(pk__in=ids).values_list("pk", "started_at")
    }


RETENTION = [
    RetentionKind(
        "audit_rows", gettext_lazy("Audit rows"), "audit", "review",
        gettext_lazy("GDPR art. 5(2) and art. 32 (accountability, security of processing); proof of who saw "
                     "what for complaints and proceedings — provisional."),
        _rows_due, _rows_names, order=60,
        note=gettext_lazy("One line per month of the log. The log cannot be changed: once reviewed, the operator archives it off-line."),
    ),
    RetentionKind(
        "break_glass_reason", gettext_lazy("Break-glass reasons"), "break_glass", "review",
        gettext_lazy("GDPR art. 5(1)(e) and art. 32: the written reason for emergency access is kept as long as a "
                     "complaint about that access may be made — provisional."),
        _grants_due, _grant_names, order=61,
        note=gettext_lazy("From the end of the grant. The reason is also in the audit row of its start."),
    ),
]  # fmt: skip
