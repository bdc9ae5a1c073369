"""E-mails about roles: supervisors hear of every role given; administrators of requests to confirm."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_noop
from django_tasks import task

from ostoja.accounts.mail import reachable, send_to_staff, site_url
from ostoja.accounts.models import RoleGrant, confirmers
from ostoja.accounts.roles import Role

# Marked for translation here, translated into each recipient's language when sent.
SUBJECT_GRANTED = gettext_noop("A role was given to %(username)s")
SUBJECT_REQUESTED = gettext_noop("A role for %(username)s waits for your confirmation")


def _grant(grant_id: int) -> RoleGrant | None:
    return RoleGrant.objects.select_related("user", "requested_by", "decided_by").filter(pk=grant_id).first()


@task()
def notify_role_grant(grant_id: int) -> int:
    """Tells every active supervisor that an account was given a role: who, which, by whom."""
    grant = _grant(grant_id)
    if grant is None or grant.status != RoleGrant.Status.GRANTED:
        return 0
    query = urlencode({"object_type": "staff", "object_id": grant.user_id})
    return send_to_staff(
        reachable(Role.SUPERVISOR), once=f"role_granted:{grant.pk}", subject=SUBJECT_GRANTED, subject_params={"username": grant.user.username},
        template="accounts/email/role_granted.txt",
        context={"grant": grant, "link": site_url(f"{reverse('audit:log')}?{query}")},
    )  # fmt: skip


@task()
def notify_role_request(grant_id: int) -> int:
    """Asks the administrators who may confirm a privileged role to look at the request."""
    grant = _grant(grant_id)
    if grant is None or grant.status != RoleGrant.Status.PENDING:
        return 0
    recipients = confirmers(requested_by=grant.requested_by, user=grant.user).exclude(email="").order_by("pk")
    return send_to_staff(
        recipients, once=f"role_requested:{grant.pk}", subject=SUBJECT_REQUESTED, subject_params={"username": grant.user.username},
        template="accounts/email/role_requested.txt",
        context={"grant": grant, "link": site_url(reverse("accounts:grant_list"))},
    )  # fmt: skip
