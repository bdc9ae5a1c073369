"""Telephony API keys: made here, stored only as a hash, shown once."""

from __future__ import annotations

import secrets

from ostoja.hotline.models import TelephonyToken, hash_secret


def token_create(*, name: str, service_user=None) -> str:
    secret = secrets.token_urlsafe(32)
    TelephonyToken.objects.create(name=name[:100], token_hash=hash_secret(secret), service_user=service_user)
    return secret
