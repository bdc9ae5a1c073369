"""Small request helpers shared by every app."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting exactly ``OSTOJA_PROXY_COUNT`` proxies in front of us.

    With nginx in front (count 1) the address nginx saw is the last entry of X-Forwarded-For;
    anything before it was written by the client and is not trusted.
    """
    count = settings.OSTOJA_PROXY_COUNT
    if count > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 — a placeholder address, never bound


def form_data(request: HttpRequest):
    """What a form is bound to: the POST data of a POST, even an empty one; nothing otherwise.

    ``request.POST or None`` would leave the form unbound for a POST whose body is empty or not a
    form at all (JSON, XML, a missing content type), and an unbound form has no errors to show.
    """
    return request.POST if request.method == "POST" else None


def form_files(request: HttpRequest):
    """The uploaded files of a POST (see :func:`form_data`)."""
    return request.FILES if request.method == "POST" else None
