"""Dashboard sections about staff: accounts at a glance, role requests waiting for a second
administrator, roles given lately."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from ostoja.accounts.models import RoleGrant

SHOWN = 20
RECENT_DAYS = 30


def grants_waiting(request: HttpRequest) -> dict:
    from ostoja.accounts.services import pending_grants

    waiting = pending_grants().exclude(requested_by=request.user).exclude(user=request.user)
    rows = list(waiting.select_related("user", "requested_by").order_by("requested_at")[: SHOWN + 1])
    return {"grants": rows[:SHOWN], "more": len(rows) > SHOWN}


def roles_given(request: HttpRequest) -> dict:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    given = RoleGrant.objects.filter(status=RoleGrant.Status.GRANTED, decided_at__gte=since)
    rows = list(
        given.select_related("user", "requested_by", "decided_by").order_by("-decided_at", "-pk")[: SHOWN + 1]
    )
    return {"grants": rows[:SHOWN], "more": len(rows) > SHOWN, "days": RECENT_DAYS}


def staff_summary(request: HttpRequest) -> dict:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ostoja.accounts.models import User

    active = User.objects.filter(is_active=True)
    enrolled = TOTPDevice.objects.filter(confirmed=True, user__is_active=True).values("user").distinct()
    return {
        "active_count": active.count(),
        "without_mfa_count": active.exclude(pk__in=enrolled).count(),
        "inactive_count": User.objects.filter(is_active=False).count(),
    }
