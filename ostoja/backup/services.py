"""``ostoja backup`` and ``ostoja restore``: what goes into a backup, what is checked on the way back.

A backup (:func:`make`) holds, inside the encrypted file of :mod:`ostoja.backup.archive`, a gzipped
tar of: the database (SQLite: ``database.sqlite3``; PostgreSQL: ``database.pgdump``), every file under
``OSTOJA_MEDIA_ROOT`` (``media/…``), the settings that are not secrets (``settings.json``) and last
``manifest.json``: the format, the database engine, the applied migrations, the rows of every table,
the SHA-256 of every other member, and fingerprints (HMACs of a fixed text, not the keys) of the
encryption keys and the blind index key. No key is ever written.

A restore (:func:`restore`) refuses, before anything is changed: a file that is not a backup, of
an unknown format, made with a key this installation does not hold (or holds under its id but
different), cut short or altered anywhere; a manifest whose members do not match their hashes; a
backup of the other database engine or of another set of migrations; a different blind index key;
and an installation already in use (staff, audit events, persons, cases or contacts in the
database, or files in the media directory). Only then is the database replaced in one step and
the files written; then the restored installation is checked: the rows of every table equal the
manifest's, the audit chain verifies, and a sample of every kind of encrypted record decrypts.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import hashes, hmac
from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja.audit import chain
from ostoja.audit import services as audit
from ostoja.audit.models import Action
from ostoja.backup import archive, database
from ostoja.vault.crypto import DecryptionError
from ostoja.vault.fields import SealedModel

MANIFEST = "manifest.json"
SETTINGS = "settings.json"
SAMPLE = 5  # rows of each kind of encrypted record opened after a restore (the first and the last)
_SECRET_WORDS = ("KEY", "SECRET", "PASSWORD", "TOKEN")
_PLAIN_SETTINGS = ("LANGUAGE_CODE", "TIME_ZONE", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DEFAULT_FROM_EMAIL",
                   "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "MODE")  # fmt: skip


class Refused(Exception):
    """A restore (or backup) that was not done, and why; nothing has been changed."""


class Unverified(Exception):
    """A restore that was done but whose checks failed: the installation must not be used."""


@dataclass
class Outcome:
    path: Path
    tables: int
    rows: int
    files: int
    size: int


@dataclass
class Verified:
    tables: int
    rows: int
    audit_events: int
    sampled: int
    files: int
    settings_differ: list[str] = field(default_factory=list)


def _fingerprint(key: bytes) -> str:
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(b"ostoja key fingerprint")
    return base64.b64encode(mac.finalize()[:12]).decode("ascii")


def key_fingerprints() -> dict[str, Any]:
    return {
        "encryption": {key_id: _fingerprint(key) for key_id, key in settings.OSTOJA_ENCRYPTION_KEYS.items()},
        "blind_index": _fingerprint(settings.OSTOJA_BLIND_INDEX_KEY),
    }


def plain_settings() -> dict[str, Any]:
    """The settings worth knowing after a restore, none of them a secret (keys appear as ids only)."""
    found: dict[str, Any] = {}
    for name in dir(settings):
        if not (name.startswith("OSTOJA_") or name in _PLAIN_SETTINGS):
            continue
        if any(word in name for word in _SECRET_WORDS):
            continue
        value = getattr(settings, name)
        found[name] = value if isinstance(value, bool | int | float | str | type(None)) else str(value)
    found["OSTOJA_ENCRYPTION_KEY_IDS"] = list(settings.OSTOJA_ENCRYPTION_KEYS)
    found["DATABASE_ENGINE"] = settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"]
    return found


def _media_root() -> Path:
    return Path(settings.OSTOJA_MEDIA_ROOT)


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _migrations(connection: Any) -> list[str]:
    recorder = MigrationLoader(connection, ignore_no_migrations=True).applied_migrations
    return sorted(f"{app}.{name}" for app, name in recorder)


def _known_migrations(connection: Any) -> set[str]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _add(tar: tarfile.TarFile, name: str, data: BinaryIO, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    tar.addfile(info, data)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make(
    path: Path, *, using: str = DEFAULT_DB_ALIAS, out: Callable[[str], None] = lambda line: None
) -> Outcome:
    """Writes a backup to ``path`` (refused if it exists): database, uploaded files, plain settings."""
    path = Path(path)
    if path.exists():
        raise Refused(_("%(path)s already exists: a backup never overwrites a file.") % {"path": path})
    connection = connections[using]
    created = timezone.now().isoformat()
    # Who took a copy of everything, and when: recorded first, so the backup holds its own row.
    with transaction.atomic(using=using):
        audit.record(action=Action.EXPORT, object_type="backup",
                     details=audit.from_command_line({"file": path.name, "created": created}))  # fmt: skip
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="ostoja-backup-") as staging:
        dump = Path(staging) / "database"
        if connection.vendor == "sqlite":
            member, found = "database.sqlite3", database.sqlite_copy(connection, dump)
        elif connection.vendor == "postgresql":
            member, found = "database.pgdump", database.postgres_dump(connection, dump)
        else:
            raise Refused(
                _("Backups of a %(engine)s database are not supported.") % {"engine": connection.vendor}
            )
        out(f"database: {len(found)} tables, {sum(found.values())} rows")
        media = _media_root()
        files = _media_files(media)
        hashes_: dict[str, str] = {}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                writer = archive.Writer(handle, ring=settings.OSTOJA_ENCRYPTION_KEYS, created=created)
                with tarfile.open(fileobj=writer, mode="w|gz") as tar:  # type: ignore[call-overload]
                    hashes_[member] = _sha256(dump)
                    with dump.open("rb") as data:
                        _add(tar, member, data, dump.stat().st_size)
                    for file in files:
                        name = "media/" + file.relative_to(media).as_posix()
                        hashes_[name] = _sha256(file)
                        with file.open("rb") as data:
                            _add(tar, name, data, file.stat().st_size)
                    settings_json = json.dumps(plain_settings(), indent=2, sort_keys=True).encode()
                    hashes_[SETTINGS] = hashlib.sha256(settings_json).hexdigest()
                    _add(tar, SETTINGS, io.BytesIO(settings_json), len(settings_json))
                    manifest = {
                        "format": archive.FORMAT,
                        "created": created,
                        "engine": connection.vendor,
                        "database": member,
                        "migrations": _migrations(connection),
                        "tables": found,
                        "members": hashes_,
                        "keys": key_fingerprints(),
                    }
                    encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
                    _add(tar, MANIFEST, io.BytesIO(encoded), len(encoded))
                writer.close()
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    out(f"files: {len(files)}")
    return Outcome(path=path, tables=len(found), rows=sum(found.values()), files=len(files),
                   size=path.stat().st_size)  # fmt: skip


def _safe_name(name: str) -> bool:
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _unpack(path: Path, staging: Path) -> dict[str, Any]:
    """Decrypts and checks the whole file into ``staging``; the manifest, once every hash matched."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise Refused(_("The backup file cannot be read: %(error)s.") % {"error": error.strerror}) from None
    with handle:
        try:
            reader = archive.Reader(handle, ring=settings.OSTOJA_ENCRYPTION_KEYS)
            with tarfile.open(fileobj=reader, mode="r|gz") as tar:  # type: ignore[call-overload]
                for member in tar:
                    if not member.isfile() or not _safe_name(member.name):
                        raise Refused(
                            _("The backup holds an entry that no backup holds: it was not made by Ostoja.")
                        )
                    target = staging / "content" / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    assert source is not None  # a regular file, checked above
                    with target.open("xb") as written:
                        shutil.copyfileobj(source, written)
            reader.drain()
        except archive.ArchiveError as error:
            raise Refused(str(error)) from None
        except (tarfile.TarError, EOFError, OSError) as error:
            raise Refused(_("The backup's content is damaged (%(error)s).") % {"error": error}) from None
    content = staging / "content"
    try:
        manifest = json.loads((content / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        raise Refused(_("The backup has no readable manifest: it was not made by Ostoja.")) from None
    if manifest.get("format") != archive.FORMAT:
        raise Refused(
            _("The backup's manifest is in format %(format)s, which this version does not read.")
            % {"format": manifest.get("format")}
        )
    listed = dict(manifest.get("members") or {})
    present = {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()} - {MANIFEST}
    if set(listed) != present:
        raise Refused(_("The backup's members differ from its manifest: it has been altered."))
    for name, digest in listed.items():
        if _sha256(content / name) != digest:
            raise Refused(
                _("The backup's %(member)s does not match its SHA-256 in the manifest: it has been altered.")
                % {"member": name}
            )
    return manifest


def _check_target(manifest: Mapping[str, Any], connection: Any) -> None:
    if manifest.get("engine") != connection.vendor:
        raise Refused(
            _("The backup is of a %(engine)s database; this installation uses %(mine)s.")
            % {"engine": manifest.get("engine"), "mine": connection.vendor}
        )
    keys = manifest.get("keys") or {}
    mine = key_fingerprints()
    if keys.get("blind_index") != mine["blind_index"]:
        raise Refused(
            _(
                "The backup was made with another blind index key than this installation's "
                "OSTOJA_BLIND_INDEX_KEY: search would find nobody. Use the keys of the installation that "
                "made it."
            )
        )
    for key_id, fingerprint in (keys.get("encryption") or {}).items():
        if key_id not in mine["encryption"]:
            raise Refused(
                _(
                    "The backup was made while the key ring held encryption key '%(key)s', which this "
                    "installation's OSTOJA_ENCRYPTION_KEYS lacks: values sealed under it would not open. Add it."
                )
                % {"key": key_id}
            )
        if mine["encryption"][key_id] != fingerprint:
            raise Refused(
                _("This installation's encryption key '%(key)s' is not the one the backup was made with.")
                % {"key": key_id}
            )
    busy = database.in_use(connection)
    if busy:
        raise Refused(
            _(
                "The database is not empty (it holds %(tables)s): a backup is restored only into a new, empty "
                "installation. Create an empty database (and run nothing but 'ostoja migrate' on it)."
            )
            % {"tables": ", ".join(busy)}
        )
    if _media_files(_media_root()):
        raise Refused(
            _("The media directory %(path)s is not empty: restore only into a new installation.")
            % {"path": _media_root()}
        )
    known = _known_migrations(connection)
    unknown = sorted(set(manifest.get("migrations") or ()) - known)
    missing = sorted(known - set(manifest.get("migrations") or ()))
    if unknown or missing:
        text = (
            _(
                "The backup was made by another version of Ostoja (migrations unknown here: %(names)s). "
                "Restore it with the version that made it, then upgrade with 'ostoja migrate'."
            )
            if unknown
            else _(
                "The backup was made by another version of Ostoja (migrations not in the backup: %(names)s). "
                "Restore it with the version that made it, then upgrade with 'ostoja migrate'."
            )
        )
        raise Refused(text % {"names": ", ".join((unknown or missing)[:5])})


def restore(
    path: Path, *, using: str = DEFAULT_DB_ALIAS, out: Callable[[str], None] = lambda line: None
) -> Verified:
    """Restores a backup into an empty installation and checks it (see the module's text)."""
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="ostoja-restore-") as staging:
        manifest = _unpack(Path(path), Path(staging))
        out(f"backup of {manifest.get('created')}: every part checked")
        _check_target(manifest, connection)
        content = Path(staging) / "content"
        dump = content / manifest["database"]
        try:
            if connection.vendor == "sqlite":
                database.sqlite_restore(connection, dump)
            else:
                database.postgres_restore(connection, dump)
        except database.DatabaseError as error:
            raise Refused(str(error)) from None
        out("database restored")
        media = _media_root()
        files = 0
        for name in manifest["members"]:
            if name.startswith("media/"):
                target = media / name.removeprefix("media/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(content / name, target)
                files += 1
        before = json.loads((content / SETTINGS).read_text("utf-8"))
    result = verify(manifest, using=using)
    result.files = files
    now = plain_settings()
    result.settings_differ = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
    return result


def sealed_models() -> list[type[SealedModel]]:
    return [m for m in apps.get_models() if issubclass(m, SealedModel) and not m._meta.proxy]


def verify(manifest: Mapping[str, Any], *, using: str = DEFAULT_DB_ALIAS) -> Verified:
    """Checks a restored database against its manifest; raises :class:`Unverified` with every problem."""
    connection = connections[using]
    problems = []
    found = database.counts(connection)
    expected = manifest.get("tables") or {}
    for table in sorted(set(found) | set(expected)):
        if found.get(table) != expected.get(table):
            problems.append(
                _("table %(table)s: %(rows)s rows, the backup had %(expected)s")
                % {"table": table, "rows": found.get(table), "expected": expected.get(table)}
            )
    report = chain.verify(using=using)
    if not report.intact:
        problems.append(
            _("the audit chain is broken at event %(event)s (%(problem)s)")
            % {"event": report.broken_event_id, "problem": report.problem}
        )
    sampled = 0
    for model in sealed_models():
        manager = model._default_manager.using(using)
        rows: list[Any] = []
        try:
            rows = [*manager.order_by("pk")[:SAMPLE], *manager.order_by("-pk")[:SAMPLE]]
        except DecryptionError as error:
            problems.append(f"{model._meta.label}: {error}")
        sampled += len({row.pk for row in rows})
    if problems:
        raise Unverified("; ".join(problems))
    return Verified(
        tables=len(found), rows=sum(found.values()), audit_events=report.checked + report.unsealed,
        sampled=sampled, files=0,
    )  # fmt: skip
