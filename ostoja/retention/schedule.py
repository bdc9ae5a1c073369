"""The retention schedule: each app's kinds of records (plugins) with the period set for it.

A record is due on the day its period has passed since the day it started (a case's closing day);
periods in years move 29 February to 28 February (``dates.Span``). The periods are settings
(``OSTOJA_RETENTION``, one environment variable per kind); docs/RETENTION.md gives the defaults
and the legal basis of each.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ostoja import plugins
from ostoja.dates import Span
from ostoja.plugins import RetentionKind


def kinds() -> dict[str, RetentionKind]:
    return {kind.code: kind for kind in plugins.retention_kinds()}


def kind(code: str) -> RetentionKind:
    return kinds()[code]


def period(kind: RetentionKind) -> Span:
    try:
        years, days = settings.OSTOJA_RETENTION[kind.code]
    except KeyError as error:
        raise ImproperlyConfigured(
            f"No retention period is set for {kind.code} (OSTOJA_RETENTION)."
        ) from error
    return Span(years=years, days=days)


def cutoff(kind: RetentionKind, today: dt.date) -> dt.date:
    """Records whose period started on or before this day are due ``today``."""
    return period(kind).before(today)


def due_on(kind: RetentionKind, started: dt.date) -> dt.date:
    """The first day on which a record started on ``started`` is due (its ``cutoff`` reaches it)."""
    try:
        day = period(kind).after(started)
        while cutoff(kind, day) < started:  # 29 February: ten years on, 28 February is a day early
            day += dt.timedelta(days=1)
    except (OverflowError, ValueError):  # a start so near year 9999 that its period ends after it
        return dt.date.max
    return day


def describe(span: Span) -> str:
    from django.utils.translation import ngettext

    if span.years:
        return ngettext("%(n)d year", "%(n)d years", span.years) % {"n": span.years}
    return ngettext("%(n)d day", "%(n)d days", span.days) % {"n": span.days}
