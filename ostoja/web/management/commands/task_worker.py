"""``ostoja worker``: django-tasks-db's worker with a heartbeat, so that tasks outlive a dead worker.

The options are those of ``db_worker`` (``--queue-name``, ``--interval``, ``--batch``, …). Beside
the worker loop a thread records that this worker is alive and queues again the tasks of workers
that died in the middle of one (see ostoja/web/worker.py).
"""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker

from ostoja.web import worker


class Command(db_worker.Command):
    help = (
        "Runs the background worker (e-mail notices, escalations, reminders), with a heartbeat: tasks "
        "left running by a worker that died are queued again (see OSTOJA_WORKER_* settings)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker.new_worker_id())

    def handle(self, *args, worker_id: str, **options) -> None:
        worker.beat(worker_id)
        worker.recover_stuck()
        heartbeat = worker.Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
            worker.stopped(worker_id)
