"""Signed checkpoints: the head of the audit chain anchored outside the database.

The hash chain shows any row changed or removed in the middle, but whoever owns the database can
remove the newest rows, or rewrite a row and recompute every hash after it, and the chain still
verifies. A checkpoint closes that gap: every so often the number of events, the id and hash of
the newest one and the time are signed with an Ed25519 key the database never sees, and written
where the operators choose (a directory, ideally on another machine or append-only; an e-mail to
a mailbox outside the centre's servers). ``ostoja audit verify --checkpoint FILE`` then checks
that the chain still has at least that many events and that the event at that position is the
one that was signed.

A checkpoint file is JSON::

    {"format": "ostoja-audit-checkpoint", "version": 1, "events": 1234, "last_event_id": 1240,
     "head_hash": "…", "made_at": "2026-11-29T10:00:00.000000+00:00", "key_id": "…",
     "signature": "<base64 Ed25519 signature>"}

The signature covers every other field as canonical JSON (sorted keys, no spaces, UTF-8). Only
the public key is needed to verify, and it must come from the operators (``--public-key``, or
derived from the key file): a checkpoint never vouches for its own key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import router
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja.audit import chain
from ostoja.audit.models import AuditEvent

FORMAT = "ostoja-audit-checkpoint"
VERSION = 1
SUFFIX = ".json"
PREFIX = "audit-checkpoint-"


class CheckpointError(Exception):
    """A checkpoint cannot be made, read or trusted; the message says why, for the operator."""


@dataclass(frozen=True)
class Checkpoint:
    events: int
    last_event_id: int
    head_hash: str
    made_at: datetime
    key_id: str
    signature: str = ""
    source: str = ""  # the file it was read from, for messages

    @property
    def anchor(self) -> chain.Anchor:
        return chain.Anchor(count=self.events, event_id=self.last_event_id, hash=self.head_hash)

    def payload(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "events": self.events,
            "last_event_id": self.last_event_id,
            "head_hash": self.head_hash,
            "made_at": self.made_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "key_id": self.key_id,
        }

    def to_json(self) -> str:
        return json.dumps({**self.payload(), "signature": self.signature}, indent=2, sort_keys=True) + "\n"


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --- Keys -------------------------------------------------------------------------------------


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def write_new_key(path: Path) -> Ed25519PublicKey:
    """Makes a new private key file (PEM, owner-only) and ``<path>.pub`` beside it; refuses to overwrite."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise CheckpointError(
            _("%(path)s exists already; a checkpoint key is never overwritten.") % {"path": path}
        ) from error
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public = private.public_key()
    public_path = path.with_name(path.name + ".pub")
    public_path.write_bytes(
        public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return public


def _key_file() -> Path:
    configured = getattr(settings, "OSTOJA_AUDIT_CHECKPOINT_KEY_FILE", "")
    if not configured:
        raise CheckpointError(
            _(
                "No checkpoint key: set OSTOJA_AUDIT_CHECKPOINT_KEY_FILE to an Ed25519 private key "
                "(make one with 'ostoja audit new-checkpoint-key PATH')."
            )
        )
    return Path(configured)


def read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(
            _("The checkpoint key %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(
            _("The checkpoint key %(path)s is not an Ed25519 private key.") % {"path": path}
        )
    return key


def private_key() -> Ed25519PrivateKey:
    """The signing key from OSTOJA_AUDIT_CHECKPOINT_KEY_FILE; demo mode makes one on first use."""
    path = _key_file()
    if not path.exists() and getattr(settings, "DEMO", False):
        write_new_key(path)
    return read_private_key(path)


def load_public_key(path: Path | None = None) -> Ed25519PublicKey:
    """The key to verify with: a public (or private) key file given by the operator, else the
    public half of OSTOJA_AUDIT_CHECKPOINT_KEY_FILE."""
    if path is None:
        return private_key().public_key()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CheckpointError(
            _("The public key %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from error
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        try:
            key = serialization.load_pem_private_key(data, password=None).public_key()
        except (ValueError, TypeError) as error:
            raise CheckpointError(_("%(path)s holds no Ed25519 key in PEM form.") % {"path": path}) from error
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(_("%(path)s holds no Ed25519 key in PEM form.") % {"path": path})
    return key


# --- Making, writing, sending -------------------------------------------------------------------


def sign(head: chain.Anchor, key: Ed25519PrivateKey, *, made_at: datetime | None = None) -> Checkpoint:
    unsigned = Checkpoint(
        events=head.count,
        last_event_id=head.event_id,
        head_hash=head.hash,
        made_at=made_at or timezone.now(),
        key_id=key_id(key.public_key()),
    )
    signature = base64.b64encode(key.sign(_canonical(unsigned.payload()))).decode()
    return Checkpoint(**{**unsigned.__dict__, "signature": signature})


def make(*, previous: Checkpoint | None = None, using: str | None = None) -> Checkpoint:
    """Seals what is waiting, verifies the chain and signs its head.

    With ``previous`` (the latest checkpoint, already verified) only the events since it are
    walked, after checking the chain still holds it; otherwise the whole chain is. A broken chain,
    or one that no longer holds the previous checkpoint, is never signed.
    """
    key = private_key()
    try:
        chain.seal(using=using)
    except chain.SealError as error:
        raise CheckpointError(
            _("The audit chain is broken at event #%(id)d; no checkpoint is made. Run 'ostoja audit verify'.")
            % {"id": error.event_id}
        ) from error
    alias = using or router.db_for_read(AuditEvent)
    report = chain.verify_since(previous.anchor, using=alias) if previous else chain.verify(using=alias)
    if previous is not None and report.anchor != chain.ANCHOR_MATCHED:
        raise CheckpointError(describe_mismatch(report, previous))
    if not report.intact:
        raise CheckpointError(
            _("The audit chain is broken at event #%(id)d; no checkpoint is made. Run 'ostoja audit verify'.")
            % {"id": report.broken_event_id}
        )
    return sign(report.head, key)


def file_name(checkpoint: Checkpoint) -> str:
    stamp = checkpoint.made_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{PREFIX}{stamp}-{checkpoint.events}{SUFFIX}"


def write(checkpoint: Checkpoint, directory: Path) -> Path:
    """Writes the checkpoint as a new file (never replacing one), atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / file_name(checkpoint)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".checkpoint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(checkpoint.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        if target.exists():
            raise CheckpointError(_("%(path)s exists already.") % {"path": target})
        os.link(temporary, target)
    finally:
        os.unlink(temporary)
    return target


def send(checkpoint: Checkpoint, recipients: list[str]) -> None:
    """Mails the checkpoint file to the operators' addresses (raises when the mail server refuses)."""
    body = render_to_string("audit/email/checkpoint.txt", {"checkpoint": checkpoint, **checkpoint.payload()})
    subject = _("Audit log checkpoint: %(count)d events") % {"count": checkpoint.events}
    message = EmailMessage(subject=subject, body=body, to=recipients)
    message.attach(file_name(checkpoint), checkpoint.to_json(), "application/json")
    message.send(fail_silently=False)


# --- Reading and verifying ------------------------------------------------------------------------


def parse(text: str, *, source: str = "") -> Checkpoint:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError("not an Ostoja audit checkpoint")
        checkpoint = Checkpoint(
            events=int(data["events"]),
            last_event_id=int(data["last_event_id"]),
            head_hash=str(data["head_hash"]),
            made_at=datetime.fromisoformat(data["made_at"]),
            key_id=str(data["key_id"]),
            signature=str(data["signature"]),
            source=source,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CheckpointError(
            _("%(path)s is not a readable checkpoint: %(error)s") % {"path": source, "error": error}
        ) from error
    if checkpoint.events < 0 or checkpoint.made_at.tzinfo is None:
        raise CheckpointError(
            _("%(path)s is not a readable checkpoint: %(error)s") % {"path": source, "error": "values"}
        )
    return checkpoint


def check_signature(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> None:
    """Raises CheckpointError unless ``checkpoint`` was signed by ``public_key`` as it stands."""
    if checkpoint.key_id != key_id(public_key):
        raise CheckpointError(
            _("%(path)s was signed with another key (key id %(key)s).")
            % {"path": checkpoint.source, "key": checkpoint.key_id}
        )
    try:
        public_key.verify(
            base64.b64decode(checkpoint.signature, validate=True), _canonical(checkpoint.payload())
        )
    except (InvalidSignature, ValueError) as error:
        raise CheckpointError(
            _("The signature of %(path)s does not match its content: it was altered or forged.")
            % {"path": checkpoint.source}
        ) from error


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))
    return [path]


def latest(paths: list[Path], public_key: Ed25519PublicKey) -> Checkpoint | None:
    """The newest checkpoint among ``paths`` (files, or directories of them), every one checked.

    Any file that is not a valid checkpoint signed by ``public_key`` is an error, not something
    to skip: a forged or altered checkpoint is itself a sign of tampering.
    """
    found: list[Checkpoint] = []
    for path in paths:
        for file in _files(path):
            try:
                text = file.read_text(encoding="utf-8")
            except OSError as error:
                raise CheckpointError(
                    _("%(path)s is not a readable checkpoint: %(error)s") % {"path": file, "error": error}
                ) from error
            checkpoint = parse(text, source=str(file))
            check_signature(checkpoint, public_key)
            found.append(checkpoint)
    return max(found, key=lambda c: (c.made_at, c.events), default=None)


def describe_mismatch(report: chain.ChainReport, checkpoint: Checkpoint) -> str:
    values = {
        "made": checkpoint.payload()["made_at"],
        "count": checkpoint.events,
        "found": report.checked,
        "id": checkpoint.last_event_id,
        "hash": checkpoint.head_hash,
    }
    if report.anchor == chain.ANCHOR_TRUNCATED:
        return (
            _(
                "The audit log has %(found)d events, fewer than the %(count)d of the checkpoint made at "
                "%(made)s: its newest events were removed."
            )
            % values
        )
    return (
        _(
            "The audit log does not hold the checkpoint made at %(made)s: the event at position %(count)d "
            "is not event #%(id)d with hash %(hash)s, so events up to it were rewritten or removed."
        )
        % values
    )


def verify(checkpoint: Checkpoint, *, using: str | None = None) -> chain.ChainReport:
    """Walks the whole chain and compares it with ``checkpoint`` (already signature-checked)."""
    return chain.verify(using=using, expect=checkpoint.anchor)
