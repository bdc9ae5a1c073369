"""Background tasks that outlive their worker.

``ostoja worker`` runs django-tasks-db's worker, which marks a task RUNNING when it takes it and
SUCCESSFUL or FAILED when it ends. A worker killed in between (OOM, SIGKILL, a lost machine) leaves
the task RUNNING for good, and no worker takes a RUNNING task again. So:

* every worker says it is alive (``WorkerHeartbeat``) every ``OSTOJA_WORKER_HEARTBEAT_SECONDS``;
* a task is *stuck* when the worker that took it has stopped or has been silent for
  ``OSTOJA_WORKER_LOST_SECONDS``, or when it has been running for ``OSTOJA_TASK_TIMEOUT_MINUTES``
  whatever its worker says (the only sign for a worker started without a heartbeat);
* a stuck task is queued again, to run after ``OSTOJA_TASK_RETRY_SECONDS`` times the number of
  times it was tried; after ``OSTOJA_TASK_MAX_ATTEMPTS`` tries it is marked failed (``WorkerLost``)
  and reported by ``ostoja housekeeping`` instead of killing worker after worker.

Every live worker looks for stuck tasks with each heartbeat, and ``ostoja housekeeping`` does too.
Taking a task back is one conditional UPDATE, so two of them never both take it. The tasks are
written to be run again (e-mail to staff goes out once per person: accounts/mail.py).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ostoja.web.models import WorkerHeartbeat

logger = logging.getLogger("ostoja.worker")

RUNNING, READY, FAILED = "RUNNING", "READY", "FAILED"


class WorkerLost(Exception):
    """The worker running the task stopped before the task ended, too many times."""


def _seconds(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def heartbeat_interval() -> int:
    return _seconds("OSTOJA_WORKER_HEARTBEAT_SECONDS", 10)


def lost_after() -> timedelta:
    return timedelta(seconds=_seconds("OSTOJA_WORKER_LOST_SECONDS", 60))


def task_timeout() -> timedelta:
    return timedelta(minutes=_seconds("OSTOJA_TASK_TIMEOUT_MINUTES", 30))


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=_seconds("OSTOJA_TASK_RETRY_SECONDS", 30) * max(attempts, 1))


def max_attempts() -> int:
    return _seconds("OSTOJA_TASK_MAX_ATTEMPTS", 5)


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{os.urandom(4).hex()}"[:64]


def beat(worker_id: str, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now, stopped_at=None)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id, host=socket.gethostname()[:255], pid=os.getpid(), started_at=now, seen_at=now
        )


def stopped(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=timezone.now())


@dataclass(frozen=True)
class StuckTask:
    id: str
    name: str
    started_at: datetime | None
    worker_id: str
    attempts: int
    why: str

    def describe(self) -> str:
        since = timezone.localtime(self.started_at).strftime("%Y-%m-%d %H:%M:%S") if self.started_at else "?"
        return f"{self.name} {self.id} (running since {since} on {self.worker_id or '?'}: {self.why})"


def stuck_tasks(*, now: datetime | None = None) -> list[StuckTask]:
    """The RUNNING tasks whose worker is gone, or that have run for longer than the timeout."""
    now = now or timezone.now()
    running = list(
        DBTaskResult.objects.filter(status=RUNNING).only("id", "task_path", "started_at", "worker_ids")
    )
    if not running:
        return []
    workers = {
        w.worker_id: w
        for w in WorkerHeartbeat.objects.filter(worker_id__in={(t.worker_ids or [""])[-1] for t in running})
    }
    found = []
    for task in running:
        worker_id = (task.worker_ids or [""])[-1]
        worker = workers.get(worker_id)
        started = task.started_at or now
        if now - started >= task_timeout():
            why = "timed out"
        elif worker is None:
            why = ""  # a worker without a heartbeat (started some other way): only the timeout tells
        elif worker.stopped_at is not None:
            why = "worker stopped"
        elif now - worker.seen_at >= lost_after():
            why = "worker silent"
        else:
            why = ""
        if why:
            found.append(
                StuckTask(
                    id=str(task.id),
                    name=task.task_path.rsplit(".", 1)[-1],
                    started_at=task.started_at,
                    worker_id=worker_id,
                    attempts=len(task.worker_ids or []),
                    why=why,
                )
            )
    return found


@dataclass
class Recovery:
    requeued: list[StuckTask]
    failed: list[StuckTask]


def recover_stuck(*, now: datetime | None = None) -> Recovery:
    """Queues every stuck task again, or marks it failed after too many tries."""
    now = now or timezone.now()
    result = Recovery(requeued=[], failed=[])
    for stuck in stuck_tasks(now=now):
        still_running = Q(pk=stuck.id, status=RUNNING) & (
            Q(started_at=stuck.started_at) if stuck.started_at else Q(started_at__isnull=True)
        )
        if stuck.attempts >= max_attempts():
            changed = DBTaskResult.objects.filter(still_running).update(
                status=FAILED, finished_at=now, return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=(
                    f"The worker running this task stopped before it ended ({stuck.why}), "
                    f"{stuck.attempts} times. It is not tried again."
                ),
            )  # fmt: skip
            if changed:
                logger.error("Task %s failed for good: %s", stuck.id, stuck.describe())
                result.failed.append(stuck)
        else:
            changed = DBTaskResult.objects.filter(still_running).update(
                status=READY, run_after=now + retry_delay(stuck.attempts)
            )
            if changed:
                logger.warning("Task %s queued again: %s", stuck.id, stuck.describe())
                result.requeued.append(stuck)
    return result


def recover_stuck_count() -> int:
    """``recover_stuck`` for the housekeeping: how many tasks it queued again or gave up (each is logged)."""
    recovery = recover_stuck()
    return len(recovery.requeued) + len(recovery.failed)


def report_failed() -> int:
    """Names every task that failed in the last 7 days in the log; returns how many."""
    failed = failed_recently()
    for task in failed:
        logger.error(
            "Failed task (last 7 days): %s %s at %s: %s", task.task_path.rsplit(".", 1)[-1], task.id,
            timezone.localtime(task.finished_at).strftime("%Y-%m-%d %H:%M:%S"), task.exception_class_path,
        )  # fmt: skip
    return len(failed)


def failed_recently(*, now: datetime | None = None, days: int = 7) -> list[DBTaskResult]:
    """Tasks that failed in the last ``days``: for the housekeeping report."""
    now = now or timezone.now()
    return list(
        DBTaskResult.objects.filter(status=FAILED, finished_at__gte=now - timedelta(days=days))
        .only("id", "task_path", "finished_at", "exception_class_path")
        .order_by("finished_at")
    )


def prune_heartbeats(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    deleted, _ = WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=7)).delete()
    return deleted


class Heartbeat(threading.Thread):
    """Runs beside the worker loop: says the worker is alive and takes back other workers' stuck tasks."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="ostoja-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.done = threading.Event()

    def run(self) -> None:
        try:
            while not self.done.is_set():
                try:
                    close_old_connections()
                    beat(self.worker_id)
                    recover_stuck()
                except Exception:  # a database hiccup must not stop the heartbeat for good
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
                self.done.wait(heartbeat_interval())
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=heartbeat_interval() + 5)
