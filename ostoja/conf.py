"""Reading configuration from the environment.

Every setting of Ostoja comes from an environment variable (documented in the README). The mode
decides the defaults: ``production`` (the default) refuses to start without its secrets; ``demo``
generates throw-away keys under ``var/``; ``test`` uses fixed keys that protect nothing real.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MODES = ("production", "demo", "test")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or list(default or [])


def new_key() -> str:
    """A fresh 256-bit key, base64-encoded, as the key settings expect."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def load_or_create_key_file(path: Path) -> dict[str, str]:
    """Keys for the demo: created once under ``var/`` with owner-only permissions."""
    if path.exists():
        return json.loads(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = {
        "secret_key": secrets.token_urlsafe(50),
        "encryption_keys": f"k1:{new_key()}",
        "blind_index_key": new_key(),
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(keys, handle, indent=2)
    return keys


def read_key_file(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"OSTOJA_KEY_FILE {path} cannot be read as JSON: {exc}") from exc


def parse_encryption_keys(raw: str) -> dict[str, bytes]:
    """``"k2:<base64>,k1:<base64>"`` → ``{"k2": b"...", "k1": b"..."}``; the first is current."""
    keys: dict[str, bytes] = {}
    for part in [p.strip() for p in raw.split(",") if p.strip()]:
        key_id, sep, encoded = part.partition(":")
        if not sep or not key_id.isalnum() or len(key_id) > 16:
            raise ImproperlyConfigured(
                "OSTOJA_ENCRYPTION_KEYS must look like 'k2:<base64 key>,k1:<base64 key>' "
                "(key ids are letters and digits)."
            )
        keys[key_id] = decode_key(f"encryption key {key_id}", encoded)
    return keys


def decode_key(label: str, encoded: str) -> bytes:
    try:
        key = base64.b64decode(encoded, validate=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"The {label} is not valid base64.") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"The {label} must be 32 bytes (256 bits), base64-encoded.")
    return key
