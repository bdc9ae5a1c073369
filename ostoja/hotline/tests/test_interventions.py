"""The board, taking an intervention, its log, and escalation on a frozen clock."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.hotline import escalation, services
from ostoja.hotline.models import Intervention, Shift
from ostoja.hotline.tasks import escalate_if_unassigned

pytestmark = pytest.mark.django_db


def test_board_lists_unassigned_first_and_polls_without_counting_as_activity(en, intervention_factory, cast):
    taken = intervention_factory(handler=cast[Role.SUPERVISOR])
    waiting = intervention_factory()
    response = en(Role.DUTY_WORKER).get(reverse("hotline:board"))
    html = response.content.decode()
    assert html.index(f'id="intervention-{waiting.pk}"') < html.index(f'id="intervention-{taken.pk}"')
    assert 'hx-trigger="every 20s"' in html
    assert 'hx-headers=\'{"X-Ostoja-Poll": "1"}\'' in html
    assert f'hx-get="{reverse("hotline:board_rows")}"' in html
    # The board shows no summary, nothing personal.
    assert "held at a farm" not in html


def test_board_rows_refresh_alone(en, intervention_factory):
    intervention_factory()
    response = en(Role.SUPERVISOR).get(reverse("hotline:board_rows"), headers={"X-Ostoja-Poll": "1"})
    assert (
        response.status_code == 200
        and b"<html" not in response.content
        and b'Take<span class="visually-hidden">' in response.content
    )


def test_a_refresh_announces_only_new_emergencies_in_a_region_it_does_not_replace(en, intervention_factory):
    known = intervention_factory()
    client = en(Role.DUTY_WORKER)
    board = client.get(reverse("hotline:board")).content.decode()
    # The live region sits outside the part a refresh swaps, and starts empty; the clock is not in it.
    assert '<div id="board-news" class="board-news" role="status" aria-atomic="true"></div>' in board
    assert board.index('id="board-news"') < board.index('id="board"')
    assert f'id="board-seen" value="{known.pk}"' in board
    assert 'hx-include="#board-seen"' in board

    rows = reverse("hotline:board_rows")
    poll = {"HX-Request": "true", "X-Ostoja-Poll": "1"}
    quiet = client.get(rows, {"seen": str(known.pk)}, headers=poll).content.decode()
    assert '<div id="board-news" hx-swap-oob="innerHTML"></div>' in quiet  # nothing new: nothing said
    assert 'role="status"' not in quiet  # the ticking "Updated" line is not announced

    new = intervention_factory(needs=("shelter", "medical"), caller_country="DE")
    fresh = client.get(rows, {"seen": str(known.pk)}, headers=poll).content.decode()
    news = fresh[fresh.index('<div id="board-news" hx-swap-oob="innerHTML">') :]
    assert f"New urgent intervention: {new.name}" in news
    assert news.count("New urgent intervention") == 1  # the one already seen is not announced again
    assert "<td>Germany</td>" in fresh  # the caller's country by name, not its code
    # Every control in the rows keeps a stable id, so the focus survives the swap.
    for pk in (known.pk, new.pk):
        assert f'id="intervention-{pk}-link"' in fresh and f'id="take-{pk}"' in fresh


def test_taking_an_intervention_and_a_colleague_too_late(en, intervention_factory, cast):
    intervention = intervention_factory()
    url = reverse("hotline:take", args=[intervention.pk])
    first = en(Role.DUTY_WORKER).post(url)
    assert first["Location"] == reverse("hotline:intervention", args=[intervention.pk])
    intervention.refresh_from_db()
    assert intervention.handler == cast[Role.DUTY_WORKER] and intervention.status == "in_progress"
    en(Role.SUPERVISOR).post(url)
    intervention.refresh_from_db()
    assert intervention.handler == cast[Role.DUTY_WORKER]


def test_take_from_the_board_with_htmx_returns_the_rows(en, intervention_factory):
    intervention = intervention_factory()
    response = en(Role.DUTY_WORKER).post(
        reverse("hotline:take", args=[intervention.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and b"<html" not in response.content
    assert b"Nobody" not in response.content
    html = response.content.decode()
    # The Take button is gone: the focus goes to the intervention's link, and the outcome is said.
    assert f'id="intervention-{intervention.pk}-link" autofocus' in html
    assert f"You are handling this intervention: {intervention.name}." in html


def test_log_and_close(en, intervention_factory, cast):
    intervention = intervention_factory(handler=cast[Role.DUTY_WORKER])
    client = en(Role.DUTY_WORKER)
    client.post(
        reverse("hotline:intervention_action", args=[intervention.pk]), {"text": "Called the police in Radom"}
    )
    assert intervention.actions.get().text == "Called the police in Radom"
    stale = client.post(
        reverse("hotline:intervention_close", args=[intervention.pk]),
        {"outcome": "sheltered", "outcome_note": "In a shelter tonight", "version": intervention.version - 1},
    )
    assert stale.status_code == 422
    done = client.post(
        reverse("hotline:intervention_close", args=[intervention.pk]),
        {"outcome": "sheltered", "outcome_note": "In a shelter tonight", "version": intervention.version},
    )
    assert done.status_code == 302
    intervention.refresh_from_db()
    assert intervention.is_closed and intervention.outcome == "sheltered"
    assert not Intervention.objects.live().exists()


def test_an_urgent_contact_enqueues_escalation_for_later(settings, contact_factory, cast):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    contact = contact_factory(urgency="urgent")
    intervention = services.intervention_open(
        contact=contact, needs=["shelter"], opened_by=cast[Role.DUTY_WORKER]
    )
    [result] = default_task_backend.results
    assert result.task.func is escalate_if_unassigned.func
    assert result.args == [intervention.pk]
    assert result.task.run_after == intervention.opened_at + timedelta(minutes=15)


def _supervisor_on_call(cast, make_staff, now):
    on_call = make_staff("night_supervisor", Role.SUPERVISOR, language="en")
    Shift.objects.create(
        user=on_call, kind="supervisor", starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=6)
    )
    return on_call


def test_escalation_with_a_frozen_clock(settings, cast, make_staff, intervention_factory, en):
    settings.OSTOJA_ESCALATION_MINUTES = 15
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        on_call = _supervisor_on_call(cast, make_staff, start)
        intervention = intervention_factory()
        assert intervention.escalated_at is None and not mail.outbox  # the immediate run found it not overdue
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert escalate_if_unassigned.call(intervention.pk) is False
        assert not mail.outbox
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert escalate_if_unassigned.call(intervention.pk) is True
        assert escalate_if_unassigned.call(intervention.pk) is False  # idempotent
    intervention.refresh_from_db()
    assert intervention.escalated_at == start + timedelta(minutes=15, seconds=1)
    [message] = mail.outbox
    assert message.to == [on_call.email]  # the supervisor on call, not every supervisor
    assert (
        "has not been taken" in message.subject
        and f"#{intervention.pk}" not in message.subject + message.body
    )
    assert (
        timezone.localtime(intervention.opened_at).strftime("%H:%M") in message.subject
    )  # named by its time
    assert reverse("hotline:intervention", args=[intervention.pk]) in message.body
    assert "farm" not in message.body and "shelter" not in message.body.lower()
    board = en(Role.DUTY_WORKER).get(reverse("hotline:board")).content.decode()
    assert "Escalated" in board


def test_a_taken_intervention_does_not_escalate(settings, cast, intervention_factory):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        intervention = intervention_factory()
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        services.intervention_take(intervention_id=intervention.pk, user=cast[Role.DUTY_WORKER])
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        assert escalate_if_unassigned.call(intervention.pk) is False
        assert escalation.escalate_overdue() == 0
    assert not mail.outbox


def test_without_anyone_on_the_roster_all_supervisors_are_told(cast, make_staff, intervention_factory):
    polish = make_staff("superwizorka", Role.SUPERVISOR, language="pl")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        intervention_factory()
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        call_command("escalate_overdue")
    recipients = {m.to[0]: m for m in mail.outbox}
    assert set(recipients) == {cast[Role.SUPERVISOR].email, polish.email}
    assert all("#" not in m.subject and ":" in m.subject and "farm" not in m.body for m in mail.outbox)


def test_escalate_overdue_command_is_a_safety_net_and_idempotent(cast, intervention_factory):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = intervention_factory()
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        recent = intervention_factory()
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert escalation.escalate_overdue() == 1
        assert escalation.escalate_overdue() == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.escalated_at is not None and recent.escalated_at is None


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (
            "0001-01-01T00:00",
            "cannot belong to an open intervention",
        ),  # was stored as 1 BC; the page then failed
        ("9999-12-31T23:59", "not what is planned"),
    ],
)
def test_an_action_dated_outside_the_window_is_refused_and_the_page_still_works(
    en, intervention_factory, cast, at, message
):
    intervention = intervention_factory(handler=cast[Role.DUTY_WORKER])
    client = en(Role.DUTY_WORKER)
    url = reverse("hotline:intervention_action", args=[intervention.pk])
    response = client.post(url, {"text": "Called the shelter", "at": at})
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page and f'value="{at}"' in page and "Called the shelter" in page
    assert not intervention.actions.exists()
    assert client.get(reverse("hotline:intervention", args=[intervention.pk])).status_code == 200
