"""Telephony API keys: made here, stored only as a hash, shown once; every change is audited."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from ostoja.audit import services as audit
from ostoja.audit.models import Action
from ostoja.hotline.models import TelephonyToken, hash_secret


@transaction.atomic
def token_create(*, name: str, service_user=None, request=None) -> str:
    secret = secrets.token_urlsafe(32)
    token = TelephonyToken.objects.create(
        name=name[:100], token_hash=hash_secret(secret), service_user=service_user
    )
    details = {"service_user": service_user.pk if service_user else None}
    audit.record(
        request=request, action=Action.CREATE, object_type="telephony_token", object_ids=[token.pk],
        details=details if request is not None else audit.from_command_line(details),
    )  # fmt: skip
    return secret


@transaction.atomic
def token_revoke(*, name: str, request=None) -> int:
    """Stops every live key of that name; returns how many."""
    ids = list(TelephonyToken.objects.filter(name=name, revoked_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    TelephonyToken.objects.filter(pk__in=ids).update(revoked_at=timezone.now())
    details = {"revoked": len(ids)}
    audit.record(
        request=request, action=Action.UPDATE, object_type="telephony_token", object_ids=ids,
        details=details if request is not None else audit.from_command_line(details),
    )  # fmt: skip
    return len(ids)
