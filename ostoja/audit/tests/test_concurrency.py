"""Writers running at the same time still form one unbroken chain (PostgreSQL advisory lock)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from ostoja.audit import chain
from ostoja.audit.models import Action, AuditEvent
from ostoja.audit.services import record

WRITERS = 4
EVENTS_EACH = 25


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_intact():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers with BEGIN IMMEDIATE")
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            start.wait()
            for number in range(EVENTS_EACH):
                # Each in its own request-like transaction that does more work after the write.
                with transaction.atomic():
                    record(action=Action.VIEW, object_type="case", object_ids=[worker * 1000 + number])
                    AuditEvent.objects.count()
        except BaseException as error:  # reported to the test thread below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    report = chain.verify()
    assert report.intact and report.checked == WRITERS * EVENTS_EACH


@pytest.mark.django_db(transaction=True)
def test_a_second_transactional_test_starts_from_an_empty_log():
    assert not AuditEvent.objects.exists()
    record(action=Action.VIEW, object_type="case", object_ids=[1])
    assert chain.verify().intact


def test_transactional_db_fixture_is_handled_too(transactional_db):
    record(action=Action.VIEW, object_type="case", object_ids=[1])
    assert AuditEvent.objects.count() == 1
