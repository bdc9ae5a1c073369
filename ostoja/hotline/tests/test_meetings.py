"""Meetings: only staff schedule them, never in the past, no shelter address, reminders, case page."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.hotline.models import Meeting
from ostoja.hotline.tasks import remind_of_meeting
from ostoja.testing.routes import all_routes
from ostoja.web import once

pytestmark = pytest.mark.django_db


def _form(when, **overrides):
    data = {
        "starts_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 60,
        "place_kind": "office", "purpose": "Plan the next steps", "safety_check_done": "on",
        "token": once.new_token(),
    }  # fmt: skip
    data.update(overrides)
    return data


def test_the_case_team_schedules_a_meeting(en, case, cast):
    response = en(Role.CASE_MANAGER).post(
        reverse("hotline:meeting_new", args=[case.pk]), _form(timezone.now() + timedelta(days=3))
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("hotline:meeting", args=[meeting.pk])
    assert list(meeting.staff.all()) == [cast[Role.CASE_MANAGER]]


def test_a_new_meeting_in_the_past_is_refused_and_the_input_kept(en, case):
    response = en(Role.CASE_MANAGER).post(
        reverse("hotline:meeting_new", args=[case.pk]),
        _form(timezone.now() - timedelta(hours=2), purpose="Keep me"),
    )
    assert response.status_code == 200 and "must be in the future" in response.content.decode()
    assert "Keep me" in response.content.decode() and not Meeting.objects.exists()


def test_a_shelter_address_is_never_written(en, case):
    response = en(Role.CASE_MANAGER).post(
        reverse("hotline:meeting_new", args=[case.pk]),
        _form(timezone.now() + timedelta(days=1), place_kind="shelter", place_note="ul. Tajna 5"),
    )
    assert "Do not write where a shelter is" in response.content.decode()
    assert not Meeting.objects.exists()


def test_no_public_url_creates_a_meeting(client, case):
    """Meetings are initiated by the worker: nothing reachable without signing in makes one."""
    when = timezone.now() + timedelta(days=2)
    for _name, url in all_routes(sample_id=case.pk):
        for method in ("get", "post"):
            getattr(client, method)(url, _form(when))
    assert not Meeting.objects.exists()
    # And the only route that creates one belongs to a case and demands a signed-in team member.
    creating = [name for name, _url in all_routes() if name.startswith("hotline:meeting_new")]
    assert creating == ["hotline:meeting_new"]


def test_a_double_submit_makes_one_meeting(en, case):
    client = en(Role.CASE_MANAGER)
    token = client.get(reverse("hotline:meeting_new", args=[case.pk])).context["form"]["token"].value()
    data = {**_form(timezone.now() + timedelta(days=3)), "token": token}
    client.post(reverse("hotline:meeting_new", args=[case.pk]), data)
    client.post(reverse("hotline:meeting_new", args=[case.pk]), data)
    assert Meeting.objects.count() == 1


def test_outcome_after_the_meeting(en, case, meeting_factory):
    meeting = meeting_factory(case)
    url = reverse("hotline:meeting_edit", args=[meeting.pk])
    data = _form(meeting.starts_at, status="held", staff=[], version=meeting.version)
    missing = en(Role.CASE_MANAGER).post(url, data)
    assert "Write the outcome" in missing.content.decode()
    en(Role.CASE_MANAGER).post(url, {**data, "outcome": "Documents requested from the consulate"})
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.outcome.startswith("Documents")


def test_reminders_are_queued_24h_and_1h_before(settings, case, meeting_factory):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    meeting = meeting_factory(case, when=timezone.now() + timedelta(days=3))
    runs = sorted(r.task.run_after for r in default_task_backend.results)
    assert runs == [meeting.starts_at - timedelta(hours=24), meeting.starts_at - timedelta(hours=1)]


def test_the_reminder_mail_has_no_personal_data_and_stale_reminders_stay_silent(case, meeting_factory, cast):
    meeting = meeting_factory(
        case, purpose="Talk about Olena's employer", place_kind="neutral", place_note="Café Nowy"
    )
    planned = meeting.starts_at.isoformat()
    with time_machine.travel(meeting.starts_at - timedelta(hours=1), tick=False):
        assert remind_of_meeting.call(meeting.pk, planned) == 1
    [message] = mail.outbox
    assert message.to == [cast[Role.CASE_MANAGER].email] and case.number in message.subject
    for private in ("Olena", "Kovalenko", "Café", "employer"):
        assert private not in message.body and private not in message.subject
    meeting.starts_at += timedelta(days=1)
    meeting.save()
    assert remind_of_meeting.call(meeting.pk, planned) == 0


def test_meetings_and_contacts_on_the_case_page_and_timeline(
    en, case, meeting_factory, contact_factory, cast
):
    meeting_factory(case, purpose="Prepare the interview")
    contact_factory(case=case, person=case.person, caller_kind="person", summary="Asked about the interview")
    html = en(Role.CASE_MANAGER).get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Contacts and meetings" in html and "Schedule a meeting" in html
    assert "Prepare the interview" in html and "Asked about the interview" in html  # timeline entries


def test_meeting_service_refuses_the_past(case, cast):
    meeting = Meeting(
        case=case, starts_at=timezone.now() - timedelta(minutes=1), place_kind="office", purpose="x"
    )
    from ostoja.hotline.meetings import meeting_schedule

    with pytest.raises(ValidationError):
        meeting_schedule(meeting=meeting, staff=[], created_by=cast[Role.CASE_MANAGER])
