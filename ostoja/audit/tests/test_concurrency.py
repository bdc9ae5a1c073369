"""Writers running at the same time wait for no one, and still form one unbroken chain."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from ostoja.audit import chain
from ostoja.audit.models import Action, AuditEvent, AuditSeal
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
    chain.seal()  # whatever a sealer that gave way left behind
    report = chain.verify()
    assert report.intact and report.checked == WRITERS * EVENTS_EACH and report.unsealed == 0
    assert chain.waiting() == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_open_audited_transaction_does_not_hold_up_another():
    """A request still rendering after its audit write no longer makes every other audited request wait."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite lets one writer in at a time by design")
    written, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def slow_request() -> None:
        try:
            with transaction.atomic():
                record(action=Action.VIEW, object_type="case", object_ids=[1])
                written.set()
                release.wait(30)  # the rest of the request: queries, templates
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_request)
    slow.start()
    try:
        assert written.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        # Before sealing existed this waited on the chain lock until the slow request ended.
        with transaction.atomic():
            record(action=Action.VIEW, object_type="case", object_ids=[2])
        # It committed and was sealed at once, ahead of the event still uncommitted.
        assert chain.verify().checked == 1
    finally:
        release.set()
        slow.join()
    assert not failures
    chain.seal()
    report = chain.verify()
    assert report.intact and report.checked == 2
    order = list(AuditSeal.objects.order_by("position").values_list("event__refs__object_id", flat=True))
    assert order == [2, 1]  # the chain follows commit order, not id order


@pytest.mark.django_db(transaction=True)
def test_a_committed_event_is_sealed_at_once():
    with transaction.atomic():
        record(action=Action.VIEW, object_type="case", object_ids=[1])
        record(action=Action.VIEW, object_type="case", object_ids=[2])
        assert chain.waiting() == 2
    assert chain.waiting() == 0
    assert chain.verify().checked == 2


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_request_leaves_no_event_to_seal():
    with pytest.raises(RuntimeError), transaction.atomic():
        record(action=Action.VIEW, object_type="case", object_ids=[1])
        raise RuntimeError("the request failed")
    assert not AuditEvent.objects.exists() and chain.waiting() == 0
    assert chain.verify().intact


@pytest.mark.django_db(transaction=True)
def test_a_second_transactional_test_starts_from_an_empty_log():
    assert not AuditEvent.objects.exists()
    record(action=Action.VIEW, object_type="case", object_ids=[1])
    assert chain.verify().intact


def test_transactional_db_fixture_is_handled_too(transactional_db):
    record(action=Action.VIEW, object_type="case", object_ids=[1])
    assert AuditEvent.objects.count() == 1
