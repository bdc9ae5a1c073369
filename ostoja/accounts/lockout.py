"""Brute-force protection: failures count per username *and* address.

Locking by address alone would let one attacker behind the centre's own NAT lock out the hotline;
locking by username alone would let anyone lock out any colleague. The pair does neither.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ostoja.accounts.models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(minutes=settings.OSTOJA_LOCKOUT_MINUTES)


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()[:150]


def is_locked_out(username: str, address: str) -> bool:
    recent = LoginFailure.objects.filter(
        username=normalise_username(username), address=address, at__gte=_window_start()
    )
    return recent.count() >= settings.OSTOJA_LOCKOUT_ATTEMPTS


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=normalise_username(username), address=address, at=timezone.now())


def clear_failures(username: str, address: str) -> None:
    LoginFailure.objects.filter(username=normalise_username(username), address=address).delete()


def prune_old_failures() -> int:
    deleted, _ = LoginFailure.objects.filter(at__lt=_window_start()).delete()
    return deleted
