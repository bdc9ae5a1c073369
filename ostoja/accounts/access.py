"""Marks on views that say who may reach them before full sign-in.

Everything is closed by default: ``RequireVerifiedStaffMiddleware`` lets a request through only to a
signed-in, MFA-verified, active staff member, unless the view carries one of these marks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

PUBLIC = "public"  # anyone, signed in or not (health check, sign-in page, public site)
SIGN_IN_STEP = "sign_in_step"  # a signed-in user who has not yet passed MFA


def public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    view.ostoja_access = PUBLIC  # type: ignore[attr-defined]
    return view


def sign_in_step(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    view.ostoja_access = SIGN_IN_STEP  # type: ignore[attr-defined]
    return view


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A staff view open only to holders of one of ``roles`` (403 for everyone else)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated or not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
