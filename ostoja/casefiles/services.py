"""Filing attachments, recording documents to restore, and turning overdue documents into tasks."""

from __future__ import annotations

import base64

from django.db import transaction
from django.utils import timezone

from ostoja import versions
from ostoja.casefiles.codes import WAITING, FileType
from ostoja.casefiles.models import Attachment, AttachmentContent, DocumentRestoration
from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind


@transaction.atomic
def attachment_file(
    *, attachment: Attachment, file_type: FileType, data: bytes, filename: str, actor
) -> Attachment:
    """Stores ``attachment`` (its case, kind, level and title set) with its bytes, both encrypted."""
    attachment.file_type = file_type
    attachment.size = len(data)
    attachment.filename = filename
    attachment.uploaded_by = actor
    attachment.full_clean(exclude=["case", "uploaded_by"])
    attachment.save()
    AttachmentContent.objects.create(attachment=attachment, data=base64.b64encode(data).decode("ascii"))
    return attachment


def attachment_bytes(attachment: Attachment) -> bytes:
    return base64.b64decode(AttachmentContent.objects.get(attachment=attachment).data)


@transaction.atomic
def document_save(
    *, document: DocumentRestoration, actor, expected_version: int | None
) -> DocumentRestoration:
    """Records a new document to restore or saves a changed one (StaleVersion if someone saved it meanwhile)."""
    if document._state.adding:
        document.created_by = actor
    document.full_clean(exclude=["case", "created_by"])
    versions.save(document, expected_version)
    return document


def overdue_documents_to_tasks() -> int:
    """Each document still waited for on an open case whose expected date has passed gets one task
    for the case manager (once per document and expected date, however often this runs)."""
    today = timezone.localdate()
    overdue = (
        DocumentRestoration.objects.filter(status__in=WAITING, expected_on__lt=today)
        .exclude(case__status__in=CLOSED_STATUSES)
        .select_related("case")
        .only("pk", "expected_on", "case__case_manager_id", "case__status", "case__person_id", "case__number")
    )
    return tasks.tasks_for_overdue(
        overdue.order_by("pk"), kind=TaskKind.DOCUMENT_DUE, source_of=lambda d: d.task_source, today=today
    )
