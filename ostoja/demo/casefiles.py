"""Demo case files: documents to restore on a few open cases (one overdue, one received) and a couple
of attachments (a letter for everyone who reads the case, a medical certificate for the team only)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.casefiles import services
from ostoja.casefiles.codes import FileType, Level
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case
from ostoja.demo import staff

CASES = 3


def _pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` (fictional demo content)."""
    from weasyprint import HTML

    return HTML(
        string=f"<html lang='pl'><body><h1>{text}</h1><p>Dokument fikcyjny (demo).</p></body></html>"
    ).write_pdf()


def _png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), "white")
    ImageDraw.Draw(image).text((20, 90), "Skan fikcyjny (demo)", fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def ensure_demo_casefiles() -> list[str]:
    """Adds the demo case files once; later calls only report what is there."""
    demo_users = [u for u, *_ in staff.DEMO_STAFF]
    if DocumentRestoration.objects.filter(created_by__username__in=demo_users).exists():
        return [_summary(), "Demo case files were already loaded; nothing added."]
    cases = list(
        Case.objects.filter(case_manager__username__in=demo_users).exclude(status__in=CLOSED_STATUSES)
        .select_related("case_manager").order_by("pk")[:CASES]
    )  # fmt: skip
    today = timezone.localdate()
    with transaction.atomic():
        for n, case in enumerate(cases):
            manager = case.case_manager
            documents = [
                DocumentRestoration(
                    case=case, document="passport", country="UA", authority="Konsulat Generalny Ukrainy w Krakowie",
                    applied_where="Konsulat Generalny Ukrainy w Krakowie", status="applied",
                    applied_on=today - timedelta(days=40), fee="420.00", paid_by="centre",
                    expected_on=today - timedelta(days=2) if n == 0 else today + timedelta(days=20),
                ),
                DocumentRestoration(
                    case=case, document="birth_certificate", country="VN", authority="Ambasada Wietnamu w Warszawie",
                    status="received", applied_on=today - timedelta(days=60), fee="0", paid_by="consulate",
                    expected_on=today - timedelta(days=20), received_on=today - timedelta(days=18),
                ),
            ]  # fmt: skip
            for document in documents[: 2 if n == 0 else 1]:
                services.document_save(document=document, actor=manager, expected_version=0)
            services.attachment_file(
                attachment=Attachment(case=case, kind="letter", level=Level.CASE, title="Pismo z konsulatu (demo)"),
                file_type=FileType.PDF, data=_pdf("Pismo z konsulatu"), filename="pismo-konsulat.pdf", actor=manager,
            )  # fmt: skip
            if n == 0:
                services.attachment_file(
                    attachment=Attachment(case=case, kind="medical", level=Level.TEAM, title="Zaświadczenie lekarskie (demo)"),
                    file_type=FileType.PNG, data=_png(), filename="zaswiadczenie.png", actor=manager,
                )  # fmt: skip
        services.overdue_documents_to_tasks()
    return [_summary()]


def _summary() -> str:
    return (
        f"Demo documents to restore: {DocumentRestoration.objects.count()}, attachments: "
        f"{Attachment.objects.count()}."
    )
