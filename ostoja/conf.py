"""Reading configuration from the environment.

Every setting of Ostoja comes from an environment variable (documented in the README). The mode
decides the defaults: ``production`` (the default) refuses to start without its secrets; ``demo``
generates throw-away keys under ``var/``; ``test`` uses fixed keys that protect nothing real.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

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


_PERIOD = re.compile(r"^(\d{1,4})\s*([yd])$")


def env_period(name: str, default: str) -> tuple[int, int]:
    """A period written as years or days ("10y", "180d") → (years, days)."""
    raw = os.environ.get(name, "").strip().lower() or default
    match = _PERIOD.match(raw)
    if not match:
        raise ImproperlyConfigured(
            f"{name} must be a number of years or days such as '10y' or '180d', not {raw!r}."
        )
    number = int(match.group(1))
    return (number, 0) if match.group(2) == "y" else (0, number)


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or list(default or [])


def env_int_list(name: str, default: list[int]) -> list[int]:
    """Whole numbers separated by commas ("60,14")."""
    items = env_list(name)
    try:
        return [int(item) for item in items] if items else list(default)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be whole numbers separated by commas, not {items!r}."
        ) from exc


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


_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def _is_domain(host: str) -> bool:
    """A host name browsers accept as a WebAuthn relying-party id: a domain, never an IP address."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(_DOMAIN.match(host))
    return False


def _within(host: str, rp_id: str) -> bool:
    return host == rp_id or host.endswith("." + rp_id)


def webauthn_relying_party(
    *,
    rp_id: str,
    origins: list[str],
    site_url: str,
    allowed_hosts: list[str],
    local_origins: list[str],
    production: bool,
) -> tuple[str, list[str]]:
    """The passkey relying-party id (a domain) and the origins allowed to use it.

    Unless set, the id is the host of ``site_url``, else the first allowed host that is a domain
    name (browsers refuse passkeys on IP addresses), else ``localhost`` outside production. The
    origins are ``site_url``'s origin, else ``https://`` + each allowed host under the id in
    production, else ``local_origins`` (the demo's own address on localhost). Every origin must be
    HTTPS (plain HTTP only on localhost) and lie on the id or a subdomain of it.
    """
    site = urlsplit(site_url) if site_url else None
    if not rp_id:
        if site and site.hostname:
            rp_id = site.hostname
        else:
            rp_id = next((h.lstrip(".") for h in allowed_hosts if _is_domain(h.lstrip(".").lower())), "")
        if not rp_id and not production:
            rp_id = "localhost"
    rp_id = rp_id.strip().lower()
    if not _is_domain(rp_id):
        raise ImproperlyConfigured(
            "OSTOJA_WEBAUTHN_RP_ID must be the domain staff reach Ostoja at (e.g. ostoja.example.org); "
            f"{rp_id!r} is not one. Browsers refuse passkeys on IP addresses: set OSTOJA_SITE_URL, "
            "OSTOJA_ALLOWED_HOSTS with a domain name, or OSTOJA_WEBAUTHN_RP_ID."
        )
    if not origins:
        if site and site.hostname:
            origins = [f"{site.scheme}://{site.netloc}"]
        elif production:
            origins = [
                f"https://{h.lower()}"
                for h in allowed_hosts
                if _is_domain(h.lower()) and _within(h.lower(), rp_id)
            ]
        else:
            origins = list(local_origins)
    clean: list[str] = []
    for origin in origins:
        parts = urlsplit(origin.strip().rstrip("/"))
        host = (parts.hostname or "").lower()
        secure = parts.scheme == "https" or (parts.scheme == "http" and host == "localhost")
        if not secure or not host or parts.path or parts.query or not _within(host, rp_id):
            raise ImproperlyConfigured(
                f"OSTOJA_WEBAUTHN_ORIGINS: {origin!r} must be an https:// address (http:// only on "
                f"localhost) on {rp_id} or a subdomain of it, with no path."
            )
        clean.append(f"{parts.scheme}://{parts.netloc.lower()}")
    if not clean:
        raise ImproperlyConfigured(
            f"No address is allowed to use passkeys for {rp_id}: set OSTOJA_WEBAUTHN_ORIGINS "
            "(e.g. https://ostoja.example.org) or OSTOJA_SITE_URL."
        )
    return rp_id, clean
