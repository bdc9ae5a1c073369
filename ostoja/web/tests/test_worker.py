"""Tasks outlive their worker: stuck tasks are found, queued again or given up, and reported;
e-mail to staff goes out once per person whatever runs it."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult, get_date_max

from ostoja.accounts.mail import already_sent, send_to_staff
from ostoja.accounts.models import SentNotice
from ostoja.accounts.roles import Role
from ostoja.hotline import escalation
from ostoja.hotline import services as hotline_services
from ostoja.hotline.models import Contact, Intervention
from ostoja.web import worker
from ostoja.web.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _running(worker_id: str, *, started, attempts: int = 1) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}}, task_path="ostoja.audit.tasks.notify_break_glass",
        backend_name="default", run_after=get_date_max(), status="RUNNING", started_at=started,
        worker_ids=[f"earlier-{n}" for n in range(attempts - 1)] + [worker_id],
    )  # fmt: skip


def test_a_task_of_a_live_worker_is_left_alone_and_of_a_silent_one_queued_again(settings):
    settings.OSTOJA_WORKER_LOST_SECONDS, settings.OSTOJA_TASK_RETRY_SECONDS = 60, 30
    start = timezone.now()
    worker.beat("alive", now=start)
    task = _running("alive", started=start)
    assert worker.stuck_tasks(now=start + timedelta(seconds=59)) == []
    later = start + timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        recovery = worker.recover_stuck()
    assert [s.id for s in recovery.requeued] == [str(task.pk)] and recovery.requeued[0].why == "worker silent"
    task.refresh_from_db()
    assert task.status == "READY" and task.run_after == later + timedelta(seconds=30)
    # Taken back once only: a second look finds nothing running.
    assert worker.recover_stuck(now=later).requeued == []


def test_a_stopped_worker_s_task_is_stuck_at_once_and_an_unknown_worker_s_only_after_the_timeout(settings):
    settings.OSTOJA_TASK_TIMEOUT_MINUTES = 30
    now = timezone.now()
    worker.beat("gone", now=now)
    worker.stopped("gone")
    by_stopped = _running("gone", started=now)
    by_unknown = _running("no-heartbeat", started=now)
    assert [s.id for s in worker.stuck_tasks(now=now)] == [str(by_stopped.pk)]
    assert {s.id for s in worker.stuck_tasks(now=now + timedelta(minutes=30))} == {
        str(by_stopped.pk),
        str(by_unknown.pk),
    }


def test_a_task_that_keeps_losing_its_worker_is_given_up_and_reported(settings, caplog):
    settings.OSTOJA_TASK_MAX_ATTEMPTS = 3
    now = timezone.now()
    worker.beat("gone", now=now - timedelta(hours=1))
    task = _running("gone", started=now - timedelta(minutes=5), attempts=3)
    out = StringIO()
    with translation.override("en"):
        call_command("housekeeping", stdout=out)
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path == "ostoja.web.worker.WorkerLost"
    assert "stuck background tasks queued again or given up: 1" in out.getvalue()
    assert "background tasks failed in the last 7 days: 1" in out.getvalue()
    logged = caplog.text
    assert f"Task {task.pk} failed for good: notify_break_glass {task.pk}" in logged
    assert f"Failed task (last 7 days): notify_break_glass {task.pk}" in logged


def test_housekeeping_queues_stuck_tasks_again_and_names_them(caplog):
    now = timezone.now()
    worker.beat("silent", now=now - timedelta(minutes=10))
    task = _running("silent", started=now - timedelta(minutes=10))
    out = StringIO()
    with translation.override("en"):
        call_command("housekeeping", "--job", "stuck_tasks", stdout=out)
    assert "stuck background tasks queued again or given up: 1" in out.getvalue()
    assert f"Task {task.pk} queued again: notify_break_glass {task.pk}" in caplog.text
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"


def test_old_heartbeats_are_pruned():
    worker.beat("old", now=timezone.now() - timedelta(days=8))
    worker.beat("new")
    assert worker.prune_heartbeats() == 1
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]


def _send(once: str, people) -> int:
    return send_to_staff(
        people, once=once, subject="Hello", template="hotline/email/escalation.txt",
        context={"intervention": None, "minutes": 1, "link": "/"},
    )  # fmt: skip


def test_a_message_goes_to_each_person_once_however_often_it_is_sent(make_staff):
    people = [make_staff(f"s{n}", Role.SUPERVISOR) for n in range(3)]
    assert _send("event:1", people[:2]) == 2
    assert _send("event:1", people) == 1
    assert _send("event:2", people[:1]) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people[0].email, people[1].email, people[2].email, people[0].email]
    )
    assert already_sent("event:1") == {p.pk for p in people}


def test_a_refused_message_is_sent_by_the_next_run_and_the_others_go_at_once(make_staff, monkeypatch):
    people = [make_staff(f"s{n}", Role.SUPERVISOR) for n in range(3)]
    refused = {people[1].email}
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def flaky(self, messages):
        if messages[0].to[0] in refused:
            raise ConnectionError("mail server away")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with pytest.raises(ConnectionError):
        _send("event:1", people)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, people[2].email])
    refused.clear()
    assert _send("event:1", people) == 1
    assert SentNotice.objects.filter(key="event:1").count() == 3 and len(mail.outbox) == 3


def test_an_escalation_that_died_halfway_is_completed_without_repeating_anyone(make_staff):
    supervisors = [make_staff(f"s{n}", Role.SUPERVISOR) for n in range(2)]
    duty = make_staff("duty", Role.DUTY_WORKER)
    contact = hotline_services.contact_log(
        contact=Contact(channel="phone", urgency="urgent"), created_by=duty
    )
    intervention = hotline_services.intervention_open(contact=contact, needs=[], opened_by=duty)
    when = timezone.now() + escalation.escalation_delay() + timedelta(minutes=1)
    # The first run marked it escalated and told the first supervisor, then its worker died.
    Intervention.objects.filter(pk=intervention.pk).update(escalated_at=when)
    SentNotice.objects.create(key=f"escalation:{intervention.pk}", recipient=supervisors[0], sent_at=when)
    mail.outbox.clear()
    assert escalation.escalate(intervention.pk, now=when) is False  # escalated before, not now
    assert [m.to for m in mail.outbox] == [[supervisors[1].email]]
    escalation.escalate_overdue(now=when)
    assert len(mail.outbox) == 1
