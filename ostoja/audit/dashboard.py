"""The supervisors' dashboard section: break-glass access that is open right now."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.forms import ReviewForm
from ostoja.audit.models import BreakGlassGrant
from ostoja.audit.naming import name_refs_with_kind as name_refs

SHOWN = 20
REVIEWED_SHOWN = 5


def open_grants(request: HttpRequest) -> dict:
    grants = BreakGlassGrant.objects.filter(
        ended_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("user")
    rows = list(grants.order_by("expires_at")[: SHOWN + 1])
    names = name_refs([(grant.object_type, grant.object_id) for grant in rows])
    for grant in rows:
        grant.record_name = names[(grant.object_type, grant.object_id)]
    supervisor = request.user.has_role(Role.SUPERVISOR)
    waiting = []
    if supervisor:
        # Oldest first, one's own left for another supervisor; the partial index keeps this small.
        waiting = list(
            BreakGlassGrant.objects.filter(reviewed_at__isnull=True)
            .exclude(user=request.user)
            .select_related("user")
            .order_by("started_at")[: SHOWN + 1]
        )
        names.update(name_refs([(grant.object_type, grant.object_id) for grant in waiting]))
        for grant in waiting:
            grant.record_name = names[(grant.object_type, grant.object_id)]
    reviewed = list(
        BreakGlassGrant.objects.filter(reviewed_at__isnull=False)
        .select_related("user", "reviewed_by")
        .order_by("-reviewed_at")[:REVIEWED_SHOWN]
    )
    names.update(name_refs([(grant.object_type, grant.object_id) for grant in reviewed]))
    for grant in reviewed:
        grant.record_name = names[(grant.object_type, grant.object_id)]
    return {
        "grants": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "can_end": supervisor,
        "to_review": waiting[:SHOWN],
        "more_to_review": len(waiting) > SHOWN,
        "reviewed": reviewed,
        "review_form": ReviewForm(),
    }
