"""Dates for tests that hold at any hour of any day, whatever the clock says."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.utils import timezone


def last_wall_time(hour: int, minute: int = 0, *, at_least_ago: timedelta = timedelta(minutes=5)) -> datetime:
    """The most recent past moment at this local wall-clock time (aware, in the centre's zone).

    Days on which that time does not exist (the spring clock change skips 02:00–03:00 in
    Warsaw) are passed over, so "last night at 02:40" is always a real moment in the past.
    """
    zone = timezone.get_current_timezone()
    now = timezone.now()
    day = timezone.localtime(now).date()
    for _ in range(4):
        moment = datetime.combine(day, time(hour, minute), tzinfo=zone)
        # A skipped wall time comes back from a round trip through UTC as another hour.
        exists = moment.astimezone(UTC).astimezone(zone).time() == time(hour, minute)
        if exists and moment <= now - at_least_ago:
            return moment
        day -= timedelta(days=1)
    raise AssertionError(f"no past {hour:02}:{minute:02} in the last days")  # cannot happen


def local_input(moment: datetime) -> str:
    """The value a ``datetime-local`` input takes for this moment, in the centre's zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
