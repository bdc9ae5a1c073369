"""The private iCalendar feed: a worker's shifts and meetings, with nothing about the persons helped.

A meeting appears as "Meeting — case 2026/0042" with its time and kind of place: no name, no
purpose, no address. Calendar apps keep copies on phones and in the cloud.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ostoja.hotline import codes
from ostoja.hotline.models import Meeting


def meetings_for(user, now=None):
    now = now or timezone.now()
    return (
        Meeting.objects.filter(
            staff=user, starts_at__gte=now - timedelta(days=30), starts_at__lte=now + timedelta(days=120)
        )
        .exclude(status=codes.MeetingStatus.CANCELLED)
        .select_related("case")
        .order_by("starts_at")
    )


def _uid(kind: str, pk: int) -> str:
    host = getattr(settings, "OSTOJA_SITE_URL", "").split("//")[-1].strip("/") or "ostoja"
    return f"{kind}-{pk}@{host}"


def feed(*, user, shifts, meetings) -> bytes:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        cal = Calendar()
        cal.add("prodid", "-//Ostoja//hotline//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", _("Ostoja — my shifts and meetings"))
        stamp = timezone.now()
        for shift in shifts:
            event = Event()
            event.add("uid", _uid("shift", shift.pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", shift.starts_at)
            event.add("dtend", shift.ends_at)
            event.add("summary", _("Shift — %(kind)s") % {"kind": shift.get_kind_display()})
            cal.add_component(event)
        for meeting in meetings:
            event = Event()
            event.add("uid", _uid("meeting", meeting.pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", meeting.starts_at)
            event.add("dtend", meeting.ends_at)
            event.add("summary", _("Meeting — case %(number)s") % {"number": meeting.case.number})
            event.add("location", meeting.get_place_kind_display())
            cal.add_component(event)
        return cal.to_ical()
