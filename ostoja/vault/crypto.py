"""Authenticated encryption of single values with a rotating key ring.

Every protected value is sealed with AES-256-GCM under the current key and stored as the text token
``v2:<key id>:<urlsafe base64 of nonce || ciphertext || tag>``. The key id travels inside every value
so that keys can rotate: the first key of ``settings.OSTOJA_ENCRYPTION_KEYS`` seals new values, and
every key in that setting opens old ones until ``rotate-keys`` has moved them all to the current key.

The caller passes ``aad`` (associated data) naming where a value belongs. GCM authenticates it
without storing it, so a value moved anywhere else no longer opens. The fields of
:mod:`ostoja.vault.fields` name the column *and the row* (``people.person.given_name#42``): a
surname cannot be made to appear as somebody's address, nor one person's phone number as another's,
by moving ciphertexts in the database.

The version says what the associated data names and which key seals: ``v2`` (current) the column
and the row, under a key of the ring; ``v3`` the column and the row too, under **a person's own data
key** (:mod:`ostoja.vault.personkeys`), whose id takes the place of the ring's key id; ``v1``
(legacy) the column only. :func:`decrypt` opens only the versions it is told to accept — by default
the current one — so once the migration that rewraps ``v1`` values has run, an old ``v1`` token
copied from a backup into another row is refused like any other misplaced value.

Failure is loud on purpose. A value that cannot be opened (unknown key id, wrong key, tampered or
malformed token, other column or row, old format) raises :class:`DecryptionError`; nothing here ever
hands back the ciphertext or an empty value in its place, because either would be shown or saved as
if it were real. Keys are read from the settings at every call, so that tests and rotation can
change the ring.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Callable
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "FORMAT_VERSION",
    "LEGACY_VERSION",
    "PERSONAL_VERSION",
    "DecryptionError",
    "current_key_id",
    "decrypt",
    "encrypt",
    "key_id_of",
    "reencrypt",
    "version_of",
]

FORMAT_VERSION = "v2"  # associated data names the column and the row
LEGACY_VERSION = "v1"  # associated data names the column only; read by the rewrap migration alone
PERSONAL_VERSION = "v3"  # as v2, sealed under a person's own data key (the id in the token is its id)
_VERSIONS = (FORMAT_VERSION, LEGACY_VERSION, PERSONAL_VERSION)
_NONCE_BYTES = 12  # 96 bits: the nonce size GCM is specified for; random per value.
_TAG_BYTES = 16
_KEY_BYTES = 32
_KEY_ID = re.compile(r"[A-Za-z0-9]{1,16}")
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]+={0,2}")


class DecryptionError(Exception):
    """A stored value cannot be opened: unknown key id, wrong key, tampered, malformed or misplaced.

    Messages name the key id at most, never the token or any part of the plaintext, so that they can
    reach logs and error reports safely.
    """


def _key_ring() -> dict[str, bytes]:
    ring = getattr(settings, "OSTOJA_ENCRYPTION_KEYS", None)
    if not ring:
        raise ImproperlyConfigured("OSTOJA_ENCRYPTION_KEYS holds no key: protected data cannot be used.")
    for key_id, key in ring.items():
        if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id):
            raise ImproperlyConfigured("Encryption key ids must be 1 to 16 letters or digits.")
        if not isinstance(key, bytes) or len(key) != _KEY_BYTES:
            raise ImproperlyConfigured(f"Encryption key {key_id} must be 32 bytes.")
    return ring


@lru_cache(maxsize=16)
def _cipher(key: bytes) -> AESGCM:
    # Building the cipher expands the key schedule; loading a page of records reuses it.
    return AESGCM(key)


def current_key_id() -> str:
    """The id of the key that seals new values: the first one in the ring."""
    return next(iter(_key_ring()))


def encrypt(
    plaintext: bytes, *, aad: bytes, version: str = FORMAT_VERSION, personal: tuple[str, bytes] | None = None
) -> str:
    """Seal ``plaintext`` under the current key, bound to the place named by ``aad``.

    ``version`` only labels what ``aad`` names; anything but the current format is for migrations.
    ``personal`` (a person's key id and key) seals under that key instead, as a ``v3`` token.
    """
    if not isinstance(plaintext, bytes):
        raise TypeError("encrypt() takes bytes; encode text first.")
    if not isinstance(aad, bytes):
        raise TypeError("aad must be bytes naming the column, e.g. b'people.person.given_name#42'.")
    if personal is not None:
        key_id, key = personal
        if not _KEY_ID.fullmatch(key_id) or not isinstance(key, bytes) or len(key) != _KEY_BYTES:
            raise ValueError("A person's key needs an id of 1 to 16 letters or digits and 32 bytes.")
        return _seal(PERSONAL_VERSION, key_id, key, plaintext, aad)
    if version not in (FORMAT_VERSION, LEGACY_VERSION):
        raise ValueError(f"Unknown token format {version!r}.")
    ring = _key_ring()
    key_id = next(iter(ring))
    return _seal(version, key_id, ring[key_id], plaintext, aad)


def _seal(version: str, key_id: str, key: bytes, plaintext: bytes, aad: bytes) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = _cipher(key).encrypt(nonce, plaintext, aad)
    payload = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{version}:{key_id}:{payload}"


def _parse(token: str) -> tuple[str, str, bytes]:
    if not isinstance(token, str):
        raise DecryptionError("A protected value must be a text token.")
    version, _, rest = token.partition(":")
    key_id, _, payload = rest.partition(":")
    if version not in _VERSIONS:
        raise DecryptionError("The value is not a token of a known format.")
    if not _KEY_ID.fullmatch(key_id) or not _PAYLOAD.fullmatch(payload):
        raise DecryptionError("The value is a malformed token.")
    try:
        blob = base64.urlsafe_b64decode(payload)
    except (binascii.Error, ValueError):
        raise DecryptionError("The value is a malformed token.") from None
    if len(blob) < _NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError("The value is a truncated token.")
    return version, key_id, blob


def key_id_of(token: str) -> str:
    """The id of the key a token was sealed with; raises :class:`DecryptionError` if malformed."""
    return _parse(token)[1]


def version_of(token: str) -> str:
    """The format of a token (``v2`` or the legacy ``v1``); raises :class:`DecryptionError` if malformed."""
    return _parse(token)[0]


def decrypt(
    token: str,
    *,
    aad: bytes,
    versions: tuple[str, ...] = (FORMAT_VERSION, PERSONAL_VERSION),
    personal_key: Callable[[str], bytes] | None = None,
) -> bytes:
    """Open a token sealed by :func:`encrypt` for the same ``aad``, with any key in the ring.

    Tokens of a format not in ``versions`` are refused: only the rewrap migration reads ``v1``. A
    ``v3`` token opens with the person's key that ``personal_key(key id)`` gives (it raises
    :class:`DecryptionError` for a key that is gone); without ``personal_key`` it is refused.
    """
    if not isinstance(aad, bytes):
        raise TypeError("aad must be bytes naming the column, e.g. b'people.person.given_name#42'.")
    version, key_id, blob = _parse(token)
    if version not in versions:
        raise DecryptionError(
            f"The value is in the {version} format, which is no longer read here: run 'ostoja migrate'."
        )
    if version == PERSONAL_VERSION:
        if personal_key is None:
            raise DecryptionError("The value is sealed under a person's own key, which was not given.")
        key: bytes | None = personal_key(key_id)
    else:
        key = _key_ring().get(key_id)
    if key is None:
        raise DecryptionError(f"The value was sealed with key {key_id!r}, which is not in the key ring.")
    try:
        return _cipher(key).decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionError(
            f"The value does not open with key {key_id!r}: wrong key, altered, or moved from another "
            "column or row."
        ) from None


def reencrypt(token: str, *, aad: bytes) -> str:
    """Open a token with whichever key sealed it and seal the plaintext again under the current key."""
    return encrypt(decrypt(token, aad=aad), aad=aad)
