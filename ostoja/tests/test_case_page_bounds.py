"""The case page costs the same number of queries for a case with a few records of every kind
the timeline and the sections show as for one with many: its work is constant in the size of the case."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases import services as case_services
from ostoja.cases.models import Note
from ostoja.history.models import FieldChange
from ostoja.hotline import meetings
from ostoja.hotline import services as hotline_services
from ostoja.hotline.models import Contact, Meeting
from ostoja.identification import services as identification_services
from ostoja.identification.codes import IdStatus, Review, ScreeningStatus
from ostoja.identification.models import ChecklistRecord, IdentificationStatusChange, Screening

pytestmark = pytest.mark.django_db


def add_one_of_each(case, user, n: int) -> None:
    """One record of every kind the timeline shows, all at hour ``n`` before now, so that every page
    of the timeline holds every kind."""
    at = timezone.now() - timedelta(hours=n + 1)
    note = case_services.note_add(case=case, author=user, text=f"note {n}")
    Note.objects.filter(pk=note.pk).update(created_at=at)
    contact = hotline_services.contact_log(
        contact=Contact(
            case=case, person=case.person, caller_kind="person", channel="phone", summary=f"call {n}"
        ),
        created_by=user,
    )
    Contact.objects.filter(pk=contact.pk).update(received_at=at)
    meeting = meetings.meeting_schedule(
        meeting=Meeting(
            case=case, starts_at=timezone.now() + timedelta(days=2), place_kind="office", purpose="plan"
        ),
        staff=[],
        created_by=user,
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at)  # held by now
    FieldChange.objects.filter(
        pk=FieldChange.objects.create(
            object_type="case", object_id=case.pk, field="phase", label="Phase", old_value="a", new_value="b",
            changed_by=user,
        ).pk
    ).update(changed_at=at)  # fmt: skip
    screening = identification_services.screening_start(
        case=case,
        actor=user,
        kind="labour",
        language="uk",
        interpreter_used=False,
        minor=False,
        safe_to_talk=True,
        in_pain=False,
        needs_doctor=False,
        consent=True,
    )
    identification_services.screening_finish(screening=screening, status=ScreeningStatus.STOPPED)
    Screening.objects.filter(pk=screening.pk).update(started_at=at, finished_at=at)
    IdentificationStatusChange.objects.create(
        case=case, status=IdStatus.PRELIMINARY, review=Review.CONFIRMED, requested_by=user, requested_at=at,
        reviewed_by=user, reviewed_at=at, effective_at=at,
    )  # fmt: skip
    record = identification_services.checklist_attach(case=case, actor=user, items=["ilo_debt"])
    ChecklistRecord.objects.filter(pk=record.pk).update(recorded_at=at)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_case_page_does_not_grow_with_the_case(case, cast, client_for):
    user = cast[Role.CASE_MANAGER]
    client = client_for(Role.CASE_MANAGER)
    url = reverse("cases:case_detail", args=[case.pk])
    for n in range(3):
        add_one_of_each(case, user, n)
    few = queries(client, url)
    for n in range(3, 40):
        add_one_of_each(case, user, n)
    assert queries(client, url) == few
    # And the page still shows a page, not the whole case.
    assert 0 < len(client.get(url).context["entries"]) <= 25
