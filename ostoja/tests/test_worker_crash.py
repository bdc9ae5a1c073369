"""A task worker killed inside its tasks: after a restart the tasks complete, each notice sent once.

Two real worker processes (``ostoja worker``) take a break-glass notice and an escalation. Each
sends its first e-mail, then stops inside the task before the second one, and is killed with
SIGKILL — both tasks stay RUNNING, as they did for good before. A new worker is started: it finds
the dead workers silent, queues their tasks again and runs them; every supervisor gets each message
exactly once.
"""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ostoja.accounts.models import SentNotice as Notice
from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.hotline import services as hotline_services
from ostoja.hotline.models import Contact, Intervention

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
WAIT = 120  # seconds: three Django processes start on a busy machine


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ostoja.cli", "worker", "--interval", "0.2", "--no-startup-delay", "-v", "2"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def _wait_for(condition, what: str, logs: list[Path]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    output = "\n".join(log.read_text(errors="replace")[-3000:] for log in logs if log.exists())
    raise AssertionError(f"timed out waiting for {what}\n{output}")


def _mails(directory: Path) -> Counter:
    sent = Counter()
    for path in directory.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        sent[message["To"], message["Subject"]] += 1
    return sent


def test_tasks_of_a_killed_worker_complete_after_a_restart_and_each_notice_goes_once(
    settings, make_staff, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: on SQLite a worker killed inside a transaction holds the only write lock"
        )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    supervisors = [make_staff(f"supervisor{n}", Role.SUPERVISOR, language="en") for n in (1, 2)]
    specialist = make_staff("specialist", Role.SPECIALIST)
    duty = make_staff("duty", Role.DUTY_WORKER)

    request = RequestFactory().post("/")
    request.user = specialist
    audit.break_glass_start(
        request=request,
        object_type="case",
        object_id=1,
        reason="Caller in danger tonight, the team is unreachable.",
    )
    contact = hotline_services.contact_log(
        contact=Contact(channel="phone", urgency="urgent", summary="Held in a flat"), created_by=duty
    )
    intervention = hotline_services.intervention_open(contact=contact, needs=[], opened_by=duty)
    # Nobody took it: it is overdue now, and its escalation check is due.
    Intervention.objects.filter(pk=intervention.pk).update(opened_at=timezone.now() - timedelta(minutes=20))
    DBTaskResult.objects.filter(task_path__endswith="escalate_if_unassigned").update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ostoja.testing.worker_settings",
        "OSTOJA_MODE": "test",
        "DATABASE_URL": _database_url(),
        "OSTOJA_TEST_MAIL_DIR": str(mail_dir),
        "OSTOJA_WORKER_HEARTBEAT_SECONDS": "1",
        "OSTOJA_WORKER_LOST_SECONDS": "3",
        "OSTOJA_TASK_RETRY_SECONDS": "0",
    }
    logs = [tmp_path / f"worker{n}.log" for n in (1, 2, 3)]
    first = [_worker({**env, "OSTOJA_TEST_MAIL_HOLD": "1"}, log) for log in logs[:2]]
    try:
        _wait_for(lambda: len(list(mail_dir.glob("holding-*"))) == 2, "both workers inside their tasks", logs)
        for process in first:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert DBTaskResult.objects.filter(status="RUNNING").count() == 2
        assert sum(_mails(mail_dir).values()) == 2  # one message each before they died

        restarted = _worker(env, logs[2])
        try:
            _wait_for(
                lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2,
                "both tasks to complete",
                logs,
            )
        finally:
            restarted.send_signal(signal.SIGTERM)
            restarted.wait(timeout=30)
    finally:
        for process in first:
            if process.poll() is None:
                process.kill()

    sent = _mails(mail_dir)
    intervention.refresh_from_db()  # its opening time was moved back above
    expected = {
        (s.email, subject)
        for s in supervisors
        for subject in (
            "Break-glass access: case",  # case 1 does not exist here: named by its kind
            f"The urgent intervention opened at {timezone.localtime(intervention.opened_at):%H:%M} has not been taken",
        )
    }
    assert set(sent) == expected, sent
    assert all(count == 1 for count in sent.values()), sent
    assert Notice.objects.count() == 4
    tasks = DBTaskResult.objects.order_by("task_path")
    assert [len(t.worker_ids) for t in tasks] == [2, 2]  # tried by a killed worker, then by the new one
