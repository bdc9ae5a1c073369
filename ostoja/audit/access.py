"""Who may act on an audit record: a break-glass grant is ended by its holder or by a supervisor."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.audit.models import BreakGlassGrant


def get_grant_for(request: HttpRequest, pk: int) -> BreakGlassGrant:
    """The grant ``pk`` if the user holds it or is a supervisor; 404 for anyone else, so that
    nobody learns of other people's grants. (The grant names a record by type and id only; ending
    it writes its own audit row.)"""
    grant = BreakGlassGrant.objects.filter(pk=pk).first()
    user = request.user
    supervisor = isinstance(user, User) and user.has_role(Role.SUPERVISOR)
    if grant is None or (grant.user_id != user.pk and not supervisor):
        raise Http404
    return grant


def get_grant_to_review(request: HttpRequest, pk: int) -> BreakGlassGrant:
    """The grant ``pk`` for a supervisor's review; nobody reviews their own (404, as for others)."""
    grant = BreakGlassGrant.objects.filter(pk=pk).first()
    user = request.user
    supervisor = isinstance(user, User) and user.has_role(Role.SUPERVISOR)
    if grant is None or not supervisor or grant.user_id == user.pk:
        raise Http404
    return grant
