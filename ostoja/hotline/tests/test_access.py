"""Every hotline URL × every principal gives the right answer (SECURITY.md #1)."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.hotline.models import Shift
from ostoja.testing.access import assert_access

pytestmark = pytest.mark.django_db

EVERY_ROLE = list(Role.values)
HOTLINE = [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR]
BOARD = [Role.DUTY_WORKER, Role.SUPERVISOR]
EDITORS = [Role.SUPERVISOR, Role.ADMINISTRATOR]
TEAM = [Role.CASE_MANAGER, Role.SUPERVISOR]


def test_contact_pages(cast, contact_factory):
    contact = contact_factory()
    for name in ("hotline:home", "hotline:contacts", "hotline:contact_new", "hotline:triage"):
        assert_access(reverse(name), cast=cast, allowed=HOTLINE)
    assert_access(reverse("hotline:contact", args=[contact.pk]), cast=cast, allowed=HOTLINE)
    assert_access(reverse("hotline:intervention_open", args=[contact.pk]), cast=cast, allowed=HOTLINE)
    assert_access(reverse("hotline:person_lookup"), cast=cast, allowed=HOTLINE, method="post")
    assert_access(
        reverse("hotline:call_dismiss", args=[1]),
        cast=cast,
        allowed=HOTLINE,
        method="post",
        allowed_status=302,
    )


def test_board_and_interventions(cast, intervention_factory):
    intervention = intervention_factory()
    assert_access(reverse("hotline:board"), cast=cast, allowed=BOARD)
    assert_access(reverse("hotline:board_rows"), cast=cast, allowed=BOARD)
    assert_access(reverse("hotline:intervention", args=[intervention.pk]), cast=cast, allowed=HOTLINE)
    assert_access(
        reverse("hotline:intervention_action", args=[intervention.pk]), cast=cast, allowed=BOARD, method="post",
        allowed_status=422, denied_status=403,
    )  # fmt: skip
    assert_access(
        reverse("hotline:intervention_close", args=[intervention.pk]), cast=cast, allowed=BOARD, method="post",
        allowed_status=422,
    )  # fmt: skip
    # Taking it: the first allowed principal takes it, the next is told a colleague was first.
    assert_access(
        reverse("hotline:take", args=[intervention.pk]),
        cast=cast,
        allowed=BOARD,
        method="post",
        allowed_status=302,
    )


def test_roster_pages(cast):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() + timedelta(days=1)
    shift = Shift.objects.create(
        user=cast[Role.DUTY_WORKER], kind="duty", starts_at=start, ends_at=start + timedelta(hours=8)
    )
    assert_access(reverse("hotline:roster"), cast=cast, allowed=EVERY_ROLE)
    assert_access(reverse("hotline:feed"), cast=cast, allowed=EVERY_ROLE)
    assert_access(reverse("hotline:meetings"), cast=cast, allowed=EVERY_ROLE)
    assert_access(reverse("hotline:shift_new"), cast=cast, allowed=EDITORS)
    # Only the worker on the shift may offer it; for everyone else it does not exist.
    assert_access(
        reverse("hotline:swap_offer", args=[shift.pk]),
        cast=cast,
        allowed=[Role.DUTY_WORKER],
        denied_status={403, 404},
    )
    assert_access(
        reverse("hotline:swap_decide", args=[999]),
        cast=cast,
        allowed=[],
        method="post",
        denied_status={403, 404},
    )
    assert_access(
        reverse("hotline:shift_delete", args=[shift.pk]), cast=cast, allowed=EDITORS, method="post",
        allowed_status={302, 404},
    )  # fmt: skip


def test_meeting_pages_are_for_the_case_team(cast, case, meeting_factory):
    meeting = meeting_factory(case)
    assert_access(reverse("hotline:meeting_new", args=[case.pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("hotline:meeting", args=[meeting.pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("hotline:meeting_edit", args=[meeting.pk]), cast=cast, allowed=TEAM)


def test_the_feed_needs_its_secret_not_a_session(client):
    assert client.get(reverse("hotline:feed_ics", args=["not-a-real-secret"])).status_code == 404
