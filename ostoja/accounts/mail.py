"""E-mail to staff: one message per person, composed in their own language.

Mail leaves the system, so messages carry record numbers and a link, never names or what was
written. A subject is an English text marked with ``gettext_noop`` where it is defined and
translated here, into each recipient's language, with ``subject_params`` filled in.

Every message goes out once per event and person (``once``, e.g. ``"break_glass:12"``). A task that
sends mail may run again (its worker died in the middle, or it was found stuck and queued again), so
each message is recorded (``SentNotice``) in the transaction that sends it: the row is written, the
message handed to the mail server, then both commit. A second run finds the row and skips that
person; a run at the same time waits for the first one's row and skips too; a message the server
refused leaves no row and goes with the next run. Only a worker killed after the server took a
message and before the commit makes that one person get it twice — never none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from ostoja.accounts.models import SentNotice, User

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """The absolute address of ``path`` on the staff site, for a link in a message."""
    return getattr(settings, "OSTOJA_SITE_URL", "").rstrip("/") + path


def reachable(role: str | None = None) -> QuerySet[User]:
    """Active staff with an e-mail address (holding ``role``, if given), in a stable order."""
    users = User.objects.filter(is_active=True).exclude(email="")
    if role is not None:
        users = users.filter(groups__name=role).distinct()
    return users.order_by("pk")


def send_to_staff(
    recipients: Iterable[User],
    *,
    once: str,
    subject: str,
    template: str,
    context: Mapping[str, Any],
    subject_params: Mapping[str, Any] | None = None,
) -> int:
    """Sends ``template`` to each recipient in their language, unless ``once`` was sent to them before.

    Returns how many were sent now. When the mail server refuses a message the others still go;
    the first error is raised at the end, so the task fails, is retried, and the retry sends only
    what is missing.
    """
    done = already_sent(once)
    sent, failure = 0, None
    for recipient in recipients:
        if not recipient.email or recipient.pk in done:
            continue
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            text = gettext(subject) % dict(subject_params or {})
            body = render_to_string(template, dict(context))
        message = EmailMessage(subject=text, body=body, to=[recipient.email])
        try:
            with transaction.atomic():
                SentNotice.objects.create(key=once, recipient=recipient, sent_at=timezone.now())
                get_connection().send_messages([message])
        except IntegrityError:
            continue  # sent by a run that has just committed it
        except Exception as error:  # the mail server refused: try the others, then fail the task
            logger.warning(
                "Message %s to staff member %s not sent: %s", once, recipient.pk, type(error).__name__
            )
            failure = failure or error
            continue
        sent += 1
    if failure is not None:
        raise failure
    return sent


def already_sent(once: str) -> set[int]:
    """The ids of the staff the message ``once`` went to."""
    return set(SentNotice.objects.filter(key=once).values_list("recipient_id", flat=True))
