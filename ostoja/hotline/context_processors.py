"""Who is on duty now, for the bar on every staff page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ostoja.hotline import roster

_CACHE = "_ostoja_duty_now"


def _on_duty(request: HttpRequest) -> dict:
    # One query per request, however many templates ask.
    if not hasattr(request, _CACHE):
        setattr(request, _CACHE, roster.on_duty())
    return getattr(request, _CACHE)


def duty_now(request: HttpRequest) -> dict:
    """``duty_now`` for signed-in, verified staff with a role; nothing for anyone else (public pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified() or not user.roles:
        return {}
    return {"duty_now": SimpleLazyObject(lambda: _on_duty(request))}
