"""Background work of the audit app: telling supervisors about break-glass access."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from ostoja.accounts.roles import Role
from ostoja.audit.models import Action, BreakGlassGrant


def _log_path(grant: BreakGlassGrant) -> str:
    query = urlencode(
        {"action": Action.BREAK_GLASS_START, "object_type": grant.object_type, "object_id": grant.object_id}
    )
    return f"{reverse('audit:log')}?{query}"


@task()
def notify_break_glass(grant_id: int) -> int:
    """E-mails every active supervisor that someone opened a record through break-glass.

    The message says who, when, which record (type and id), until when, and where to look; it
    leaves out the written reason, which may name the person and travels by e-mail. The reason is
    in the audit log. Each supervisor gets it in their own language. Returns how many were sent.
    """
    grant = BreakGlassGrant.objects.select_related("user").filter(pk=grant_id).first()
    if grant is None:
        return 0
    supervisors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.SUPERVISOR)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    link = getattr(settings, "OSTOJA_SITE_URL", "").rstrip("/") + _log_path(grant)
    messages = []
    for supervisor in supervisors:
        with translation.override(supervisor.language or settings.LANGUAGE_CODE):
            subject = gettext("Break-glass access to %(type)s #%(id)s") % {
                "type": grant.object_type,
                "id": grant.object_id,
            }
            body = render_to_string("audit/email/break_glass.txt", {"grant": grant, "link": link})
        messages.append(EmailMessage(subject=subject, body=body, to=[supervisor.email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
