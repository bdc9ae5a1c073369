"""Demo retention: old anonymous contacts and a web report never linked to a case, past their periods,
put on the supervisor's retention review list by the retention job."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ostoja.hotline import codes
from ostoja.hotline.models import Contact
from ostoja.retention import services
from ostoja.retention.models import RetentionItem

OLD = [
    # (days ago, channel, source, what was said)
    (800, codes.Channel.PHONE, codes.Source.STAFF, "Anonimowy rozmówca pytał o pracę sezonową w Niemczech."),
    (760, codes.Channel.PHONE, codes.Source.STAFF, "Kobieta pytała, czy pracodawca może zatrzymać paszport."),
    (
        400,
        codes.Channel.WEB_FORM,
        codes.Source.WEB,
        "Widziałem ludzi mieszkających w kontenerach na budowie.",
    ),
]


def ensure_demo_retention() -> list[str]:
    if RetentionItem.objects.exists():
        return ["Demo retention review: already there, nothing added."]
    now = timezone.now()
    for days, channel, source, summary in OLD:
        Contact.objects.create(
            channel=channel, source=source, summary=summary, received_at=now - timedelta(days=days),
            triaged_at=now - timedelta(days=days),
        )  # fmt: skip
    listed = services.list_due()
    return [f"Demo retention review: {listed} records due on the list."]
