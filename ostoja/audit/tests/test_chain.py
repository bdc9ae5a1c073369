from __future__ import annotations

from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation

from ostoja.audit import chain, triggers
from ostoja.audit.apps import AuditConfig, install_triggers
from ostoja.audit.models import Action, AuditEvent, AuditObject, AuditSeal, AuditUnsealed
from ostoja.audit.services import record

from .helpers import raw, without_triggers

pytestmark = pytest.mark.django_db


def _write(make_staff) -> list[AuditEvent]:
    worker = make_staff("worker")
    return [
        record(
            actor=worker, action=Action.VIEW, object_type="case", object_ids=[number], details={"n": number}
        )
        for number in range(1, 6)
    ]


@pytest.fixture
def events(make_staff) -> list[AuditEvent]:
    """Five events, sealed into the chain (as the sealer does right after their commit)."""
    written = _write(make_staff)
    assert chain.seal() == 5
    return written


@pytest.fixture
def unsealed(make_staff) -> list[AuditEvent]:
    """Five events written and not sealed yet."""
    return _write(make_staff)


def _seal_of(event: AuditEvent) -> AuditSeal:
    return AuditSeal.objects.get(event=event)


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    with translation.override("en"):
        call_command("audit", "verify", stdout=out)
    return out.getvalue()


def _verify_error() -> str:
    with translation.override("en"), pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    return str(failure.value)


def test_verify_an_intact_chain(events):
    report = chain.verify()
    assert report.intact and report.checked == 5 and report.unsealed == 0
    assert report.last_hash == _seal_of(events[-1]).hash
    assert _verify_output().strip() == "Audit chain intact: 5 events."


def test_events_wait_for_no_lock_and_are_sealed_in_id_order(unsealed):
    assert not AuditSeal.objects.exists()
    assert AuditUnsealed.objects.count() == 5 and chain.waiting() == 5
    assert all(event.prev_hash == "" for event in unsealed)
    assert chain.seal() == 5
    seals = list(AuditSeal.objects.order_by("position"))
    assert [seal.event_id for seal in seals] == [event.pk for event in unsealed]
    assert seals[0].prev_hash == chain.GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(seals))
    assert chain.waiting() == 0 and chain.seal() == 0


def test_later_events_continue_the_chain(events, make_staff):
    later = record(actor=make_staff("other"), action=Action.VIEW, object_type="case", object_ids=[9])
    chain.seal()
    assert _seal_of(later).prev_hash == _seal_of(events[-1]).hash
    assert chain.verify().checked == 6


def test_verify_covers_events_not_sealed_yet(unsealed):
    report = chain.verify()
    assert report.intact and report.checked == 0 and report.unsealed == 5
    output = _verify_output()
    assert "Audit chain intact: 5 events." in output
    assert "5 of them are written and not sealed into the chain yet" in output


def test_verify_finds_an_edited_event_not_sealed_yet(unsealed):
    without_triggers()
    raw("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 99}', unsealed[3].pk])
    report = chain.verify()
    assert report.broken_event_id == unsealed[3].pk and report.problem == "hash"


def test_the_sealer_refuses_an_event_changed_before_sealing(unsealed):
    without_triggers()
    raw("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 99}', unsealed[2].pk])
    with pytest.raises(chain.SealError) as refused:
        chain.seal()
    assert refused.value.event_id == unsealed[2].pk
    # The ones before it are sealed; it and the ones after it wait, and verify names it.
    assert list(AuditSeal.objects.values_list("event_id", flat=True)) == [e.pk for e in unsealed[:2]]
    assert chain.waiting() == 3
    assert chain.verify().broken_event_id == unsealed[2].pk


def test_a_failed_sealing_after_commit_leaves_the_event_for_housekeeping(unsealed, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(chain, "seal", broken)
    chain._seal_after_commit(connection.alias)  # logs, never raises into the finished request
    assert chain.waiting() == 5


def test_verify_an_empty_log():
    assert chain.verify().intact
    assert "Audit chain intact: 0 events." in _verify_output()


@pytest.mark.parametrize(
    ("table", "sql"),
    [
        ("audit_auditevent", "UPDATE audit_auditevent SET reason = 'changed'"),
        ("audit_auditevent", "DELETE FROM audit_auditevent"),
        ("audit_auditobject", "UPDATE audit_auditobject SET object_id = 999"),
        ("audit_auditobject", "DELETE FROM audit_auditobject"),
        ("audit_auditseal", "UPDATE audit_auditseal SET hash = 'x'"),
        ("audit_auditseal", "DELETE FROM audit_auditseal"),
    ],
)
def test_database_refuses_update_and_delete(events, table, sql):
    # Runs against whichever database the suite uses: SQLite, or PostgreSQL with DATABASE_URL.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw(sql)
    assert AuditEvent.objects.count() == 5
    assert AuditObject.objects.count() == 5
    assert AuditSeal.objects.count() == 5
    assert chain.verify().intact


def test_orm_delete_is_refused_too(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditObject.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=events[0].pk).update(reason="x")


def test_verify_finds_an_edited_row(events):
    without_triggers()
    raw("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 99}', events[2].pk])
    report = chain.verify()
    assert report.broken_event_id == events[2].pk and report.problem == "hash" and report.checked == 2
    message = _verify_error()
    assert message.startswith(f"Audit chain broken at event #{events[2].pk} (")
    assert "hash mismatch" in message


def test_verify_finds_a_changed_record_reference(events):
    without_triggers()
    raw("UPDATE audit_auditobject SET object_id = 77 WHERE event_id = %s", [events[1].pk])
    report = chain.verify()
    assert report.broken_event_id == events[1].pk and report.problem == "hash"


def test_verify_finds_an_added_record_reference(events):
    AuditObject.objects.create(event=events[1], object_type="person", object_id=1)
    assert chain.verify().broken_event_id == events[1].pk


def test_verify_finds_a_removed_row(events):
    without_triggers()
    raw("DELETE FROM audit_auditseal WHERE event_id = %s", [events[2].pk])
    raw("DELETE FROM audit_auditobject WHERE event_id = %s", [events[2].pk])
    raw("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    report = chain.verify()
    assert report.broken_event_id == events[3].pk and report.problem == "previous"
    message = _verify_error()
    assert f"#{events[3].pk}" in message
    assert "previous-hash mismatch (a row before it was removed or changed)" in message


def test_verify_finds_a_rewritten_row_at_the_next_one(events):
    """An attacker who recomputes the edited row's own hash and its seal's still breaks the link after it."""
    without_triggers()
    edited = AuditEvent.objects.get(pk=events[1].pk)
    edited.reason = "nothing to see"
    edited.hash = chain.event_digest(edited, [("case", 2)])
    raw(
        "UPDATE audit_auditevent SET reason = %s, hash = %s WHERE id = %s",
        [edited.reason, edited.hash, edited.pk],
    )
    assert chain.verify().broken_event_id == events[1].pk  # its seal no longer fits
    link = _seal_of(edited)
    raw(
        "UPDATE audit_auditseal SET hash = %s WHERE position = %s",
        [chain.seal_digest(edited, [("case", 2)], link.prev_hash), link.position],
    )
    report = chain.verify()
    assert report.broken_event_id == events[2].pk and report.problem == "previous"


def test_verify_finds_a_removed_seal(events):
    without_triggers()
    raw("DELETE FROM audit_auditseal WHERE event_id = %s", [events[1].pk])
    report = chain.verify()
    assert report.broken_event_id == events[2].pk and report.problem == "previous"


def test_events_written_before_seals_keep_their_chain(make_staff):
    """Rows that carried the chain in their own prev_hash verify through seals holding the same hashes."""
    actor = make_staff("worker")
    prev = chain.GENESIS_HASH
    for number in (1, 2):
        event = AuditEvent(
            at=timezone.now(), actor=actor, actor_username="worker", action=Action.VIEW,
            object_type="case", prev_hash=prev,
        )  # fmt: skip
        event.hash = chain.event_digest(event, [("case", number)])
        event.save(force_insert=True)
        AuditObject.objects.create(event=event, object_type="case", object_id=number)
        AuditSeal.objects.create(position=event.pk, event=event, prev_hash=prev, hash=event.hash)
        prev = event.hash
    newer = record(actor=actor, action=Action.VIEW, object_type="case", object_ids=[3])
    chain.seal()
    assert _seal_of(newer).prev_hash == prev
    assert chain.verify().checked == 3


def test_verify_reports_missing_triggers(events):
    without_triggers()
    message = _verify_error()
    assert "not protected" in message


def test_verify_walks_in_chunks(events, monkeypatch):
    monkeypatch.setattr(chain, "VERIFY_CHUNK_SIZE", 2)
    assert chain.verify().checked == 5


def test_post_migrate_puts_back_lost_triggers():
    triggers.remove(connection)
    assert triggers.missing(connection)
    install_triggers(sender=AuditConfig, using=connection.alias)
    assert triggers.missing(connection) == []


def test_install_is_idempotent():
    triggers.install(connection)
    triggers.install(connection)
    assert triggers.missing(connection) == []


@pytest.mark.django_db(transaction=True)
def test_transactional_tests_can_write_audit_rows(make_staff):
    """Teardown flushes the database; ``audit_flush_allowed`` lets that pass on SQLite."""
    record(actor=make_staff("worker"), action=Action.VIEW, object_type="case", object_ids=[1, 2])
    assert AuditObject.objects.count() == 2


def test_after_a_transactional_test_the_tables_are_protected_again():
    assert triggers.missing(connection) == []
