"""Background work of the audit app: telling supervisors about break-glass access."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_noop
from django_tasks import task

from ostoja import plugins
from ostoja.accounts.mail import reachable, send_to_staff, site_url
from ostoja.accounts.roles import Role
from ostoja.audit.models import Action, BreakGlassGrant
from ostoja.audit.naming import name_refs_with_kind as name_refs

SUBJECT = gettext_noop("Break-glass access: %(record)s")


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
    in the audit log. Each supervisor gets it in their own language, once however often the task
    runs. Returns how many were sent by this run.
    """
    grant = BreakGlassGrant.objects.select_related("user").filter(pk=grant_id).first()
    if grant is None:
        return 0
    # Named when the message is written, in each recipient's language (a lazy string).
    ref = (grant.object_type, grant.object_id)
    grant.record_name = lazy(lambda: str(name_refs([ref])[ref]), str)()
    recipients = list(reachable(Role.SUPERVISOR))
    # The case manager is told too: someone outside the team has opened their case.
    kind = plugins.record_kinds().get(grant.object_type)
    responsible = kind.responsible(grant.object_id) if kind and kind.responsible else None
    if responsible is not None and responsible.is_active and responsible.pk != grant.user_id:
        recipients += [responsible] if responsible not in recipients else []
    return send_to_staff(
        recipients, once=f"break_glass:{grant.pk}", subject=SUBJECT, subject_params={"record": grant.record_name},
        template="audit/email/break_glass.txt", context={"grant": grant, "link": site_url(_log_path(grant))},
    )  # fmt: skip
