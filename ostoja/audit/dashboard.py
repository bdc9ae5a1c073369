"""The supervisors' dashboard section: break-glass access that is open right now."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import BreakGlassGrant

SHOWN = 20


def open_grants(request: HttpRequest) -> dict:
    grants = BreakGlassGrant.objects.filter(
        ended_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("user")
    rows = list(grants.order_by("expires_at")[: SHOWN + 1])
    return {
        "grants": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "can_end": request.user.has_role(Role.SUPERVISOR),
    }
