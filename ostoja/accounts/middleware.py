from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ostoja.accounts.access import PUBLIC, SIGN_IN_STEP
from ostoja.accounts.passkeys import needs_passkey_step

STARTED_KEY = "ostoja_started"
LAST_SEEN_KEY = "ostoja_last_seen"
# Requests that refresh a page by themselves (board polling) send this header; they must not keep
# an unattended session alive.
POLL_HEADER = "X-Ostoja-Poll"


class SessionLifetimeMiddleware:
    """Ends a session after ``OSTOJA_SESSION_IDLE_MINUTES`` idle or ``OSTOJA_SESSION_MAX_HOURS`` in all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(STARTED_KEY, now)
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            idle = now - last_seen > settings.OSTOJA_SESSION_IDLE_MINUTES * 60
            too_old = now - started > settings.OSTOJA_SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                return _to_login(request, expired=True)
            if STARTED_KEY not in request.session:
                request.session[STARTED_KEY] = now
            if (
                POLL_HEADER not in request.headers and now - last_seen > 15
            ) or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class RequireVerifiedStaffMiddleware:
    """Closed by default: only active, MFA-verified staff reach a view that is not marked otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        args: Any,
        kwargs: Any,
    ) -> HttpResponse | None:
        access = getattr(view_func, "ostoja_access", None)
        if access == PUBLIC:
            return None
        user = request.user
        if not user.is_authenticated:
            return _to_login(request)
        if access == SIGN_IN_STEP:
            return None
        if not user.is_verified():
            return HttpResponseRedirect(reverse("accounts:mfa"))
        if needs_passkey_step(request):
            # Confirmed with the authenticator app, but the role requires a passkey.
            return HttpResponseRedirect(reverse("accounts:mfa"))
        if user.must_change_password and request.resolver_match.url_name != "password_change":
            return HttpResponseRedirect(reverse("accounts:password_change"))
        return None


def _to_login(request: HttpRequest, *, expired: bool = False) -> HttpResponse:
    url = reverse("accounts:login")
    if expired:
        url += "?expired=1"
    elif request.method == "GET" and not request.htmx:
        # Only the path is kept (never a query string, which could carry search terms).
        url += "?next=" + quote(request.path)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)
