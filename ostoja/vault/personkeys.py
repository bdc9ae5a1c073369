"""Each person's own data key, kept apart from the database: what makes an erasure reach every copy.

Every protected value about a person is sealed under a key of that person's own (a ``v3`` token of
:mod:`ostoja.vault.crypto`, naming the key by a random id). The key itself is stored in the **person
key store**, a directory outside the database (``OSTOJA_PERSON_KEYS_DIR``): one small file per key,
holding the 32 key bytes sealed under the key ring (``OSTOJA_ENCRYPTION_KEYS``) and bound to the
key's id. Erasing a person replaces that file by a tombstone (:func:`destroy`). From then on every copy
of the person's data — the database, a backup or a copy of the database file made before, an
exported file — is ciphertext under a key that exists nowhere, and opening it fails with
:class:`PersonKeyErased`. A copy of the database alone never opens anything: its values need the
key ring *and* the store, which is key material and is not part of a data backup.

* **Rotation** (``ostoja rotate-keys``) rewraps these files under the current key of the ring
  (:func:`rewrap_all`); the values sealed under the person keys are not touched.
* **Loss.** A key file that is missing (not a tombstone) is an error, never an empty value: the
  store is as vital as the key ring. Keep copies of it the way the key ring is kept, and apply
  erasures to every copy (the housekeeping job :func:`destroy` of the erased persons' keys runs
  again over a store brought back from a copy).
* **Cache.** Keys opened are kept in memory for :data:`CACHE_SECONDS`, so a page of records reads
  no file after the first; erasing drops the key from this process's cache at once, and from the
  other processes' caches within that time (by then the database rows are blank anyway).

Files are written whole (a temporary file, ``fsync``, rename) so a crash leaves either the old or
the new content.
"""

from __future__ import annotations

import os
import secrets
import string
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ostoja.vault.crypto import DecryptionError, current_key_id, decrypt, encrypt, key_id_of

__all__ = [
    "CACHE_SECONDS",
    "PersonKeyErased",
    "create",
    "destroy",
    "forget_cache",
    "is_erased",
    "load",
    "rewrap_all",
    "store_dir",
]

CACHE_SECONDS = 60.0
TOMBSTONE = "erased\n"
_ID_ALPHABET = string.ascii_letters + string.digits
_ID_LENGTH = 16  # ~95 bits of randomness: ids never repeat, even over rolled-back test transactions
_cache: dict[str, tuple[bytes, float]] = {}
_lock = threading.Lock()


class PersonKeyErased(DecryptionError):
    """The value was sealed under the key of a person who has been erased: it can never be opened."""


def store_dir() -> Path:
    """The directory of the person key store (created on first use, readable by its owner only)."""
    value = getattr(settings, "OSTOJA_PERSON_KEYS_DIR", None)
    if not value:
        raise ImproperlyConfigured("OSTOJA_PERSON_KEYS_DIR is not set: persons' keys cannot be kept.")
    path = Path(value)
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(key_id: str) -> Path:
    if len(key_id) != _ID_LENGTH or any(c not in _ID_ALPHABET for c in key_id):
        raise DecryptionError("The value names a person's key by a malformed id.")
    return store_dir() / key_id[:2] / key_id


def _aad(key_id: str) -> bytes:
    return f"vault.personkey#{key_id}".encode("ascii")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def create() -> str:
    """Makes a new person's key, stores it sealed under the key ring and returns its id."""
    key_id = "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
    key = os.urandom(32)
    _write(_path(key_id), encrypt(key, aad=_aad(key_id)))
    with _lock:
        _cache[key_id] = (key, time.monotonic())
    return key_id


def _read(key_id: str) -> str:
    try:
        return _path(key_id).read_text(encoding="ascii")
    except FileNotFoundError:
        raise DecryptionError(
            f"The person's key {key_id!r} is not in the person key store (OSTOJA_PERSON_KEYS_DIR): "
            "is the store the one of this database?"
        ) from None


def load(key_id: str) -> bytes:
    """The person's key with this id; :class:`PersonKeyErased` if the person was erased."""
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key_id)
    if cached is not None and now - cached[1] < CACHE_SECONDS:
        return cached[0]
    text = _read(key_id)
    if text == TOMBSTONE:
        raise PersonKeyErased("The value belongs to a person who has been erased: it cannot be opened.")
    key = decrypt(text, aad=_aad(key_id))
    with _lock:
        _cache[key_id] = (key, now)
    return key


def is_erased(key_id: str) -> bool:
    try:
        return _read(key_id) == TOMBSTONE
    except DecryptionError:
        return False


def destroy(key_id: str) -> bool:
    """Replaces the person's key by a tombstone, for ever; ``False`` if it was destroyed already."""
    with _lock:
        _cache.pop(key_id, None)
    path = _path(key_id)
    if path.exists() and path.read_text(encoding="ascii") == TOMBSTONE:
        return False
    _write(path, TOMBSTONE)
    return True


def forget_cache() -> None:
    """Drops every key opened by this process (as a fresh process would start)."""
    with _lock:
        _cache.clear()


def _key_files() -> Iterator[Path]:
    for folder in sorted(store_dir().iterdir()):
        if folder.is_dir() and len(folder.name) == 2:
            for path in sorted(folder.iterdir()):
                if len(path.name) == _ID_LENGTH and not path.name.startswith("."):
                    yield path


def rewrap_all(*, dry_run: bool = False) -> int:
    """Seals every person's key not under the ring's current key again under it; returns how many.

    Only the key files change: the values sealed under the persons' keys stay as they are.
    """
    current = current_key_id()
    count = 0
    for path in _key_files():
        text = path.read_text(encoding="ascii")
        if text == TOMBSTONE or key_id_of(text) == current:
            continue
        try:
            key = decrypt(text, aad=_aad(path.name))
        except DecryptionError as exc:
            raise DecryptionError(f"person key {path.name}: {exc}") from exc
        count += 1
        if not dry_run:
            _write(path, encrypt(key, aad=_aad(path.name)))
    return count
