"""The access matrix: who may reach a URL. Every protected view's tests use ``assert_access``.

Principals are every staff role (none of them on the team of the test case but its case manager),
a *break-glass holder* (a specialist with a live grant for the test case), an *assigned specialist*
(a psychologist on the test case's team), an *outsider* (an active, verified account with no role)
and an *anonymous* visitor.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from ostoja.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from ostoja.accounts.roles import Role

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"
BREAK_GLASS = "break_glass"
ASSIGNED = "assigned_specialist"
PRINCIPALS: tuple[str, ...] = (*Role.values, BREAK_GLASS, ASSIGNED, OUTSIDER, ANONYMOUS)


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


def _codes(status: int | Iterable[int]) -> set[int]:
    return {status} if isinstance(status, int) else set(status)


def assert_access(
    url: str,
    *,
    cast: Mapping[str, object],
    allowed: Iterable[str],
    method: str = "get",
    data: dict | None = None,
    allowed_status: int | Iterable[int] = 200,
    denied_status: int | Iterable[int] = 403,
    public: bool = False,
) -> None:
    """Requests ``url`` as every principal and checks each answer.

    Principals in ``allowed`` must get ``allowed_status``; anonymous visitors the sign-in page
    (unless the view is ``public``: then they are like anyone else); everyone else ``denied_status``.
    """
    allowed = set(allowed)
    ok_codes, denied_codes = _codes(allowed_status), _codes(denied_status)
    wrong: list[str] = []
    for principal in PRINCIPALS:
        client = Client()
        if principal != ANONYMOUS:
            login_verified(client, cast[principal])
        response = getattr(client, method)(url, data or {})
        if principal in allowed:
            good = response.status_code in ok_codes
        elif principal == ANONYMOUS and not public:
            good = response.status_code == 302 and "/sign-in/" in response["Location"]
        else:
            good = response.status_code in denied_codes
        if not good:
            wrong.append(f"{principal}: got {response.status_code}")
    assert not wrong, f"{method.upper()} {url}: " + "; ".join(wrong)


# --- The route matrix -------------------------------------------------------------------------

Get = Callable[[str], Any]  # a fixture by name (pytest's request.getfixturevalue)


@dataclass(frozen=True)
class Route:
    """One row of an app's access matrix: who may reach the route ``name``, and with what answer.

    ``args`` builds the URL's arguments from the test's fixtures (``get("case").pk``); ``data``
    (a dict, or a function of ``get``) is what is sent. Every principal is tried: those in
    ``allowed`` must get ``allowed_status``, anonymous visitors the sign-in page (unless allowed or
    ``public``), everyone else ``denied_status``.
    """

    name: str
    allowed: Collection[str]
    args: Callable[[Get], Sequence[Any]] = lambda get: ()
    method: str = "get"
    data: dict | Callable[[Get], dict] | None = None
    allowed_status: int | Collection[int] = 200
    denied_status: int | Collection[int] = 403
    public: bool = False  # open past the sign-in (marked @public): anonymous is judged like anyone
    path: str = ""  # for a route reverse() cannot build (a catch-all pattern): a path it serves

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.name}"


def check_route(route: Route, *, cast: Mapping[str, object], get: Get) -> None:
    url = route.path or reverse(route.name, args=list(route.args(get)))
    data = route.data(get) if callable(route.data) else route.data
    assert_access(
        url, cast=cast, allowed=route.allowed, method=route.method,
        data=data, allowed_status=route.allowed_status, denied_status=route.denied_status, public=route.public,
    )  # fmt: skip


def routes_test(routes: Sequence[Route]) -> Callable[..., None]:
    """The test an app's ``tests/test_access.py`` runs over its ``ROUTES``, one case per route."""

    @pytest.mark.django_db
    @pytest.mark.parametrize("route", routes, ids=str)
    def test_route_access(route: Route, cast: Mapping[str, object], request: pytest.FixtureRequest) -> None:
        check_route(route, cast=cast, get=request.getfixturevalue)

    return test_route_access
