"""Meetings: scheduled only by staff for a case, never booked from outside; reminders to the staff."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja import versions
from ostoja.hotline import codes
from ostoja.hotline.models import Meeting

REMINDERS_BEFORE = (timedelta(hours=24), timedelta(hours=1))


def schedule_reminders(meeting: Meeting) -> int:
    """Enqueues a reminder 24 hours and 1 hour before; returns how many were queued.

    Each reminder carries the start time it was planned for, so moving the meeting makes the old
    reminders do nothing. A backend that cannot defer (tests) gets none: a reminder sent now would
    be wrong, and the reminder task is tested on its own.
    """
    from ostoja.hotline.tasks import remind_of_meeting

    if not remind_of_meeting.get_backend().supports_defer:
        return 0
    now = timezone.now()
    queued = 0
    for before in REMINDERS_BEFORE:
        when = meeting.starts_at - before
        if when > now:
            remind_of_meeting.using(run_after=when).enqueue(
                meeting.pk, meeting.starts_at.isoformat(), f"{int(before.total_seconds() // 60)}m"
            )
            queued += 1
    return queued


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, staff: list, created_by) -> Meeting:
    if meeting.starts_at is None or meeting.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("A new meeting must be in the future.")})
    if meeting.case.is_closed:
        raise ValidationError(_("The case is closed; reopen it before scheduling a meeting."))
    meeting.created_by = created_by
    meeting.status = codes.MeetingStatus.PLANNED
    meeting.full_clean()
    meeting.save()
    meeting.staff.set({created_by, *staff})
    schedule_reminders(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, staff: list, fields: list[str], moved: bool, expected_version: int
) -> Meeting:
    """Saves changes; a planned meeting moved to a new time must still be in the future.

    Refused with StaleVersion when someone saved the meeting since ``expected_version`` was shown.
    """
    versions.claim(meeting, expected_version)
    if moved and meeting.status == codes.MeetingStatus.PLANNED and meeting.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("A planned meeting cannot be moved into the past.")})
    if meeting.status == codes.MeetingStatus.HELD and not meeting.outcome.strip():
        raise ValidationError({"outcome": _("Write the outcome of the meeting.")})
    meeting.full_clean()
    meeting.save(update_fields=fields)
    meeting.staff.set({meeting.created_by, *staff})
    if moved:
        schedule_reminders(meeting)
    return meeting
