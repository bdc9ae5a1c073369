"""The one way to create and close a task, whichever app asks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ostoja.cases import access
from ostoja.cases.models import Case
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task


def task_create(
    *, case: Case, owner, kind: str, due_on: date, details: str = "", source: str = "", created_by=None
) -> Task:
    """A new open task; with ``source`` (the record that made it) a second call returns the first task."""
    if source:
        existing = Task.objects.filter(source=source).first()
        if existing is not None:
            return existing
    task = Task(
        case=case, owner=owner, kind=TaskKind(kind), due_on=due_on, details=details.strip(), source=source,
        created_by=created_by,
    )  # fmt: skip
    task.full_clean(exclude=["case", "owner", "created_by"])
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError:  # a concurrent run created it first
        return Task.objects.get(source=source)
    return task


BATCH = 500


def tasks_for_overdue(rows: QuerySet, *, kind: str, source_of: Callable[[Any], str], today: date) -> int:
    """For each record of ``rows`` (ordered, its ``case`` loaded), one task for the case's manager due
    ``today``, once per ``source_of(record)`` however often a job runs; sources are looked up a batch
    at a time. Returns how many tasks were created."""
    created, batch = 0, []
    for record in rows.iterator(chunk_size=BATCH):
        batch.append(record)
        if len(batch) == BATCH:
            created += _create_missing(batch, kind, source_of, today)
            batch = []
    return created + _create_missing(batch, kind, source_of, today)


def _create_missing(batch: list, kind: str, source_of: Callable[[Any], str], today: date) -> int:
    sources = {source_of(record): record for record in batch}
    done = set(Task.objects.filter(source__in=list(sources)).values_list("source", flat=True))
    for source, record in sources.items():
        if source not in done:
            task_create(
                case=record.case, owner=record.case.case_manager, kind=kind, due_on=today, source=source
            )
    return len(set(sources) - done)


@transaction.atomic
def task_close(*, task: Task, actor, status: str) -> bool:
    """Marks an open task done or cancelled; False if it was closed already. The owner, or whoever
    may change the case, closes it."""
    if task.owner_id != actor.pk and not access.may(actor, task.case, access.Perm.CHANGE):
        raise PermissionDenied
    closed = Task.objects.filter(pk=task.pk, status=TaskStatus.OPEN).update(
        status=TaskStatus(status), closed_at=timezone.now(), closed_by=actor
    )
    return bool(closed)
