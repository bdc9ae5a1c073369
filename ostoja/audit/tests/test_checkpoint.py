"""Signed checkpoints anchor the audit chain outside the database.

Whoever owns the database can delete the newest rows, or rewrite a row and recompute every hash
after it: the chain alone still verifies. Against a checkpoint signed with a key the database
never sees, both fail.
"""

from __future__ import annotations

import json
import os
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from ostoja.audit import chain, checkpoint, triggers
from ostoja.audit.models import Action, AuditEvent, AuditSeal
from ostoja.audit.services import record

from .helpers import raw, without_triggers

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_file(tmp_path, settings) -> Path:
    path = tmp_path / "keys" / "checkpoint.key"
    checkpoint.write_new_key(path)
    settings.OSTOJA_AUDIT_CHECKPOINT_KEY_FILE = str(path)
    return path


@pytest.fixture
def checkpoints(tmp_path, settings, key_file) -> Path:
    directory = tmp_path / "checkpoints"
    settings.OSTOJA_AUDIT_CHECKPOINT_DIR = str(directory)
    settings.OSTOJA_AUDIT_CHECKPOINT_EMAIL = []
    return directory


def _record(actor, number: int) -> AuditEvent:
    return record(
        actor=actor, action=Action.VIEW, object_type="case", object_ids=[number], details={"n": number}
    )


@pytest.fixture
def worker(make_staff):
    return make_staff("worker")


def _run(*args) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("audit", *args, stdout=out)
    return out.getvalue()


def _fails(*args) -> str:
    with translation.override("en"), pytest.raises(CommandError) as failure:
        call_command("audit", *args, stdout=StringIO())
    return str(failure.value)


def _rewrite_and_rehash(event_id: int, reason: str) -> None:
    """What a database owner can do: change a row and recompute every hash from it on."""
    start = AuditSeal.objects.get(event_id=event_id).position
    prev_hash = None
    for link in AuditSeal.objects.filter(position__gte=start).order_by("position").select_related("event"):
        event = link.event
        refs = [(r.object_type, r.object_id) for r in event.refs.all()]
        if event.pk == event_id:
            event.reason = reason
            event.hash = chain.event_digest(event, refs)
            raw(
                "UPDATE audit_auditevent SET reason = %s, hash = %s WHERE id = %s",
                [event.reason, event.hash, event.pk],
            )
        link.prev_hash = prev_hash if prev_hash is not None else link.prev_hash
        link.hash = chain.seal_digest(event, refs, link.prev_hash)
        raw(
            "UPDATE audit_auditseal SET prev_hash = %s, hash = %s WHERE position = %s",
            [link.prev_hash, link.hash, link.position],
        )
        prev_hash = link.hash


def _delete_newest(count: int) -> None:
    oldest_removed = list(AuditEvent.objects.order_by("-id").values_list("pk", flat=True)[:count])[-1]
    raw("DELETE FROM audit_auditseal WHERE event_id >= %s", [oldest_removed])
    raw("DELETE FROM audit_auditunsealed WHERE event_id >= %s", [oldest_removed])
    raw("DELETE FROM audit_auditobject WHERE event_id >= %s", [oldest_removed])
    raw("DELETE FROM audit_auditevent WHERE id >= %s", [oldest_removed])


def test_a_checkpoint_is_signed_and_the_untouched_log_holds_it(worker, checkpoints):
    events = [_record(worker, n) for n in range(1, 6)]
    output = _run("checkpoint")
    [file] = list(checkpoints.iterdir())
    assert str(file) in output
    data = json.loads(file.read_text())
    assert (
        data["events"] == 5
        and data["last_event_id"] == events[-1].pk
        and data["head_hash"] == AuditSeal.objects.get(event=events[-1]).hash
    )
    # More events later do not break the match.
    _record(worker, 6)
    verified = _run("verify", "--checkpoint", str(checkpoints))
    assert "Audit chain intact: 6 events." in verified
    assert "It holds the checkpoint" in verified and "5 events" in verified


def test_deleting_the_newest_rows_passes_the_chain_but_not_the_checkpoint(worker, checkpoints):
    for n in range(1, 6):
        _record(worker, n)
    _run("checkpoint")
    without_triggers()
    _delete_newest(2)
    triggers.install(connection)
    assert chain.verify().intact  # the attack the chain alone cannot see
    assert "Audit chain intact: 3 events." in _run("verify")
    message = _fails("verify", "--checkpoint", str(checkpoints))
    assert "fewer than the 5" in message and "newest events were removed" in message
    # Nor can the attacker hide it by writing new rows until the count is back.
    for n in range(10, 13):
        _record(worker, n)
    chain.seal()
    assert "rewritten or removed" in _fails("verify", "--checkpoint", str(checkpoints))


def test_rewriting_a_row_and_recomputing_the_hashes_fails_against_the_checkpoint(worker, checkpoints):
    events = [_record(worker, n) for n in range(1, 6)]
    _run("checkpoint")
    without_triggers()
    _rewrite_and_rehash(events[1].pk, "nothing to see")
    triggers.install(connection)
    assert chain.verify().intact
    message = _fails("verify", "--checkpoint", str(checkpoints))
    assert "does not hold the checkpoint" in message and f"#{events[-1].pk}" in message


def test_no_new_checkpoint_is_signed_over_a_rewritten_log(worker, checkpoints):
    events = [_record(worker, n) for n in range(1, 4)]
    _run("checkpoint")
    without_triggers()
    _rewrite_and_rehash(events[0].pk, "rewritten")
    triggers.install(connection)
    assert "does not hold the checkpoint" in _fails("checkpoint")
    assert len(list(checkpoints.iterdir())) == 1


def test_no_checkpoint_is_signed_over_a_broken_chain(worker, checkpoints):
    events = [_record(worker, n) for n in range(1, 4)]
    without_triggers()
    raw("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", [events[1].pk])
    assert f"broken at event #{events[1].pk}" in _fails("checkpoint")
    assert not checkpoints.exists() or not list(checkpoints.iterdir())


def test_a_forged_or_altered_checkpoint_is_refused(worker, checkpoints, tmp_path):
    for n in range(1, 4):
        _record(worker, n)
    _run("checkpoint")
    [file] = list(checkpoints.iterdir())
    # Lowering the count by hand breaks the signature.
    altered = tmp_path / "altered.json"
    data = json.loads(file.read_text())
    altered.write_text(json.dumps({**data, "events": 1}))
    assert "altered or forged" in _fails("verify", "--checkpoint", str(altered))
    # A checkpoint signed with another key (the attacker's) is not trusted.
    other = tmp_path / "other.key"
    checkpoint.write_new_key(other)
    forged = checkpoint.sign(
        chain.Anchor(count=1, event_id=1, hash="0" * 64), checkpoint.read_private_key(other)
    )
    forged_file = tmp_path / "forged.json"
    forged_file.write_text(forged.to_json())
    assert "another key" in _fails("verify", "--checkpoint", str(forged_file))


def test_verify_uses_the_newest_checkpoint_and_a_public_key_alone(worker, checkpoints, key_file, settings):
    _record(worker, 1)
    _run("checkpoint")
    _record(worker, 2)
    _run("checkpoint")
    # An auditor elsewhere has only the public key and the files.
    settings.OSTOJA_AUDIT_CHECKPOINT_KEY_FILE = ""
    public = str(key_file) + ".pub"
    output = _run("verify", "--checkpoint", str(checkpoints), "--public-key", public)
    assert "2 events, newest" in output
    without_triggers()
    _delete_newest(1)
    triggers.install(connection)
    assert "fewer than the 2" in _fails("verify", "--checkpoint", str(checkpoints), "--public-key", public)


def test_checkpoints_can_go_by_e_mail(worker, key_file, settings):
    settings.OSTOJA_AUDIT_CHECKPOINT_DIR = ""
    settings.OSTOJA_AUDIT_CHECKPOINT_EMAIL = ["audit-anchor@example.org"]
    _record(worker, 1)
    _run("checkpoint")
    [message] = mail.outbox
    assert message.to == ["audit-anchor@example.org"]
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".json") and mimetype == "application/json"
    parsed = checkpoint.parse(content, source=name)
    checkpoint.check_signature(parsed, checkpoint.load_public_key())
    assert parsed.events == 1


def test_a_checkpoint_needs_a_key_and_a_destination(settings, worker):
    settings.OSTOJA_AUDIT_CHECKPOINT_KEY_FILE = ""
    settings.OSTOJA_AUDIT_CHECKPOINT_DIR = ""
    settings.OSTOJA_AUDIT_CHECKPOINT_EMAIL = []
    assert "Nowhere to put the checkpoint" in _fails("checkpoint")
    settings.OSTOJA_AUDIT_CHECKPOINT_EMAIL = ["a@example.org"]
    assert "OSTOJA_AUDIT_CHECKPOINT_KEY_FILE" in _fails("checkpoint")


def test_new_keys_are_private_and_never_overwritten(tmp_path):
    path = tmp_path / "anchor.key"
    output = _run("new-checkpoint-key", str(path))
    assert "Key id" in output
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert (tmp_path / "anchor.key.pub").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    before = path.read_bytes()
    assert "never overwritten" in _fails("new-checkpoint-key", str(path))
    assert path.read_bytes() == before


def test_demo_mode_makes_its_key_on_first_use(tmp_path, settings, worker):
    settings.DEMO = True
    settings.OSTOJA_AUDIT_CHECKPOINT_KEY_FILE = str(tmp_path / "var" / "audit-checkpoint.key")
    settings.OSTOJA_AUDIT_CHECKPOINT_DIR = str(tmp_path / "var" / "audit-checkpoints")
    _record(worker, 1)
    _run("checkpoint")
    assert Path(settings.OSTOJA_AUDIT_CHECKPOINT_KEY_FILE).exists()
    assert len(list(Path(settings.OSTOJA_AUDIT_CHECKPOINT_DIR).iterdir())) == 1
