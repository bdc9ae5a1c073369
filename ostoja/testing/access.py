"""The access matrix: who may reach a URL. Every protected view's tests use ``assert_access``.

Principals are every staff role, an *outsider* (an active, verified account with no role — or, for
case records, a colleague outside the case team) and an *anonymous* visitor.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from ostoja.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from ostoja.accounts.roles import Role

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"
PRINCIPALS: tuple[str, ...] = (*Role.values, OUTSIDER, ANONYMOUS)


def login_verified(client: Client, user) -> Client:
    """Signs ``user`` in as if they had passed both steps (password and TOTP)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = time.time()
    session[STARTED_KEY] = now
    session[LAST_SEEN_KEY] = now
    session.save()
    return client


def assert_access(
    url: str,
    *,
    cast: Mapping[str, object],
    allowed: Iterable[str],
    method: str = "get",
    data: dict | None = None,
    allowed_status: int | Iterable[int] = 200,
    denied_status: int | Iterable[int] = 403,
) -> None:
    """Requests ``url`` as every principal and checks each answer.

    Anonymous visitors must be sent to the sign-in page; principals in ``allowed`` must get
    ``allowed_status``; everyone else ``denied_status``.
    """
    allowed = set(allowed)
    ok_codes = {allowed_status} if isinstance(allowed_status, int) else set(allowed_status)
    denied_codes = {denied_status} if isinstance(denied_status, int) else set(denied_status)
    wrong: list[str] = []
    for principal in PRINCIPALS:
        client = Client()
        if principal != ANONYMOUS:
            login_verified(client, cast[principal])
        response = getattr(client, method)(url, data or {})
        if principal == ANONYMOUS:
            good = response.status_code == 302 and "/sign-in/" in response["Location"]
        elif principal in allowed:
            good = response.status_code in ok_codes
        else:
            good = response.status_code in denied_codes
        if not good:
            wrong.append(f"{principal}: got {response.status_code}")
    assert not wrong, f"{method.upper()} {url}: " + "; ".join(wrong)
