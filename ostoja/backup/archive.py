"""The backup file: a stream of AES-256-GCM chunks under a key derived from the key ring.

Layout::

    OSTOJA-BACKUP\\n                    magic (14 bytes)
    <4 bytes, big-endian>              length of the header
    <header, JSON>                     format, cipher, key id, salt, chunk size, when made (plain)
    <4 bytes length><chunk> ...        the encrypted content (a gzipped tar), chunk by chunk

The archive key is HKDF-SHA256 of the encryption key named in the header (the first key of
``OSTOJA_ENCRYPTION_KEYS`` when the backup was made) with a random salt of the archive's own and the
purpose ``ostoja backup``: no key is ever written into the file, and a key used for backups is never
the key that seals a field. Each chunk is sealed with a nonce of its position and a last-chunk flag
(the STREAM construction) and with the whole header as associated data, so a changed header, a
changed, missing, repeated or reordered chunk, a file cut short and bytes added after the end all
fail before anything is restored.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from collections.abc import Mapping
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils.translation import gettext as _

MAGIC = b"OSTOJA-BACKUP\n"
FORMAT = 1  # the one version of the layout above this code reads
CHUNK = 1 << 20  # plaintext bytes per chunk
_TAG = 16
_MAX_HEADER = 4096
_INFO = b"ostoja backup archive v1"


class ArchiveError(Exception):
    """The file cannot be read as a backup: what is wrong, in words for the operator."""


class UnknownFormat(ArchiveError):
    pass


class MissingKey(ArchiveError):
    pass


class WrongKey(ArchiveError):
    pass


class Altered(ArchiveError):
    pass


class Truncated(ArchiveError):
    pass


def archive_key(master: bytes, salt: bytes) -> bytes:
    """The key of one archive: HKDF-SHA256 of an encryption key, the archive's salt and the purpose."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(master)


def key_check(key: bytes) -> str:
    """A value that tells whether a key is the archive's, and nothing about the key itself."""
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(b"ostoja backup key check")
    return base64.b64encode(mac.finalize()[:16]).decode("ascii")


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">QI", index, 1 if last else 0)


class Writer:
    """A write-only file object that seals what is written to it into ``target``, chunk by chunk."""

    def __init__(self, target: IO[bytes], *, ring: Mapping[str, bytes], created: str) -> None:
        key_id = next(iter(ring))
        salt = os.urandom(16)
        key = archive_key(ring[key_id], salt)
        header = {
            "format": FORMAT,
            "cipher": "AES-256-GCM",
            "kdf": "HKDF-SHA256",
            "key_id": key_id,
            "salt": base64.b64encode(salt).decode("ascii"),
            "check": key_check(key),
            "chunk": CHUNK,
            "created": created,
        }
        encoded = json.dumps(header, sort_keys=True).encode("utf-8")
        self._header = MAGIC + struct.pack(">I", len(encoded)) + encoded
        self._cipher = AESGCM(key)
        self._target = target
        self._buffer = bytearray()
        self._index = 0
        self._closed = False
        target.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        pass

    def _seal(self, plain: bytes, *, last: bool) -> None:
        sealed = self._cipher.encrypt(_nonce(self._index, last), plain, self._header)
        self._target.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def close(self) -> None:
        """Seals what is left as the last chunk (an empty one if need be): the end is authenticated."""
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True


def read_header(source: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    """The header of a backup file and its bytes; refuses what is not a backup of a known format."""
    magic = source.read(len(MAGIC))
    if magic != MAGIC:
        raise ArchiveError(_("This is not an Ostoja backup file."))
    size_bytes = source.read(4)
    if len(size_bytes) < 4:
        raise Truncated(_("The backup file is truncated: it ends inside its header."))
    (size,) = struct.unpack(">I", size_bytes)
    if size > _MAX_HEADER:
        raise ArchiveError(_("The backup file's header is damaged."))
    encoded = source.read(size)
    if len(encoded) < size:
        raise Truncated(_("The backup file is truncated: it ends inside its header."))
    try:
        header = json.loads(encoded)
    except ValueError:
        raise ArchiveError(_("The backup file's header is damaged.")) from None
    if not isinstance(header, dict):
        raise ArchiveError(_("The backup file's header is damaged."))
    if header.get("format") != FORMAT or header.get("cipher") != "AES-256-GCM":
        raise UnknownFormat(
            _(
                "The backup file is in format %(format)s, which this version of Ostoja does not read (it "
                "reads format %(known)s). Restore it with the version that made it."
            )
            % {"format": header.get("format"), "known": FORMAT}
        )
    if not isinstance(header.get("key_id"), str) or not isinstance(header.get("salt"), str):
        raise ArchiveError(_("The backup file's header is damaged."))
    return header, MAGIC + size_bytes + encoded


class Reader:
    """A read-only file object giving the content of a backup file, each chunk checked before use."""

    def __init__(self, source: IO[bytes], *, ring: Mapping[str, bytes]) -> None:
        header, self._header = read_header(source)
        key_id = header["key_id"]
        master = ring.get(key_id)
        if master is None:
            raise MissingKey(
                _(
                    "The backup was made with encryption key '%(key)s', which is not in this installation's "
                    "OSTOJA_ENCRYPTION_KEYS. Add that key (from where the keys are kept) and try again."
                )
                % {"key": key_id}
            )
        try:
            salt = base64.b64decode(header["salt"], validate=True)
        except ValueError:
            raise ArchiveError(_("The backup file's header is damaged.")) from None
        key = archive_key(master, salt)
        if header.get("check") != key_check(key):
            raise WrongKey(
                _(
                    "The backup was made with another key than this installation's encryption key "
                    "'%(key)s': restore it with the keys of the installation that made it."
                )
                % {"key": key_id}
            )
        self.header = header
        self._cipher = AESGCM(key)
        self._source = source
        self._index = 0
        self._buffer = bytearray()
        self._ended = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        size_bytes = self._source.read(4)
        if len(size_bytes) < 4:
            raise Truncated(_("The backup file is truncated: its last part is missing."))
        (size,) = struct.unpack(">I", size_bytes)
        if size < _TAG or size > CHUNK + _TAG:
            raise Altered(_("The backup file has been altered (a part has an impossible length)."))
        sealed = self._source.read(size)
        if len(sealed) < size:
            raise Truncated(_("The backup file is truncated: its last part is missing."))
        for last in (False, True):
            try:
                plain = self._cipher.decrypt(_nonce(self._index, last), sealed, self._header)
            except InvalidTag:
                continue
            self._index += 1
            self._buffer += plain
            if last:
                self._ended = True
                if self._source.read(1):
                    raise Altered(_("The backup file has been altered: there is data after its end."))
            return
        raise Altered(
            _("The backup file has been altered or damaged: one of its parts fails its integrity check.")
        )

    def read(self, size: int = -1) -> bytes:
        while not self._ended and (size < 0 or len(self._buffer) < size):
            self._next_chunk()
        if size < 0:
            size = len(self._buffer)
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out

    def drain(self) -> None:
        """Reads and checks the rest of the file: the end must be there, authenticated."""
        while not self._ended:
            self._next_chunk()
            self._buffer.clear()
        self._buffer.clear()
