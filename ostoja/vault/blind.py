"""Blind indexes: keyed tokens that let the database find encrypted values without reading them.

Encrypted columns hold random-looking ciphertext, different every time the same name is saved, so
the database cannot compare them. To search, the owner of a field stores beside it the tokens of its
canonical forms (see :mod:`ostoja.vault.normalise`) and searches by the tokens of the query. These
tokens are the only thing stored for search: no plaintext, no unkeyed hash, no canonical form.

A token is ``HMAC-SHA256(OSTOJA_BLIND_INDEX_KEY, kind + "\\x1f" + canonical)`` in hex, cut to 32
characters:

* **Keyed, with its own key.** Names, birth dates and phone numbers come from small sets; an unkeyed
  hash of them is reversed by hashing every candidate. The HMAC key is what stops that, so a copy of
  the database alone reveals only which records share a value. The key is separate from the
  encryption keys because it protects something else and lives differently: the encryption keys
  rotate by re-encrypting values, while changing the blind index key means recomputing every token
  from the decrypted values; and one key is never used for two algorithms. Settings refuse a blind
  index key equal to an encryption key, and so does :func:`blind_token`.
* **Kinds kept apart.** The kind (``name``, ``phone``, ``document``, ``date``) goes into the MAC with
  a separator that cannot occur in it, so the token of a date never equals that of a name that
  happens to read the same.
* **Truncated to 128 bits.** HMAC output is indistinguishable from random, so its first 128 bits
  are as hard to forge or invert as the whole. Two different inputs share a truncated token with
  probability 2⁻¹²⁸ per pair, nothing at tens of millions of tokens, and an accidental collision
  would at worst show one extra record to staff who search, never hide one. Half the size keeps
  the index small.

A change to the normalisation or to the blind index key changes the tokens: stored tokens must then
be recomputed from the decrypted values by the apps that own them.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ostoja.vault.normalise import document_key, name_keys, phone_e164

__all__ = [
    "TOKEN_HEX_LENGTH",
    "blind_token",
    "date_token",
    "document_token",
    "name_tokens",
    "phone_token",
]

TOKEN_HEX_LENGTH = 32
_SEPARATOR = "\x1f"


def _blind_key() -> bytes:
    key = getattr(settings, "OSTOJA_BLIND_INDEX_KEY", b"")
    if not isinstance(key, bytes) or len(key) != 32:
        raise ImproperlyConfigured("OSTOJA_BLIND_INDEX_KEY must be a 32-byte key.")
    if key in settings.OSTOJA_ENCRYPTION_KEYS.values():
        raise ImproperlyConfigured("The blind index key must differ from every encryption key.")
    return key


def blind_token(kind: str, canonical: str) -> str:
    """The token of one canonical value of one kind: 32 hex characters."""
    if not kind or _SEPARATOR in kind:
        raise ValueError("A blind index kind must be a non-empty name without the unit separator.")
    message = f"{kind}{_SEPARATOR}{canonical}".encode()
    return hmac.new(_blind_key(), message, hashlib.sha256).hexdigest()[:TOKEN_HEX_LENGTH]


def name_tokens(text: str, side: str | None = None) -> list[set[str]]:
    """Per word of a name, the tokens of its keys; match with :func:`ostoja.vault.normalise.words_match`.

    ``side`` is ``"record"`` for the tokens stored and ``"query"`` for what is searched for (the
    Arabic skeletons match one way: see ``vault/normalise.py``).
    """
    return [{blind_token("name", key) for key in keys} for keys in name_keys(text, side)]


def phone_token(text: str, default_region: str = "PL") -> str | None:
    """The token of a phone number in E.164 form, or ``None`` if it is not a valid number."""
    number = phone_e164(text, default_region)
    return None if number is None else blind_token("phone", number)


def document_token(text: str) -> str | None:
    """The token of a document number, or ``None`` if nothing of it is left after folding."""
    key = document_key(text)
    return blind_token("document", key) if key else None


def date_token(d: datetime.date) -> str:
    """The token of a calendar date (e.g. a birth date), from its ISO 8601 form."""
    if isinstance(d, datetime.datetime):
        raise TypeError("date_token() takes a date; convert datetimes to the intended local date first.")
    return blind_token("date", d.isoformat())
