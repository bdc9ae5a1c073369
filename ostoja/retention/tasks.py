"""Background work of retention: preparing a person's own copy."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from ostoja.audit import services as audit
from ostoja.retention import sar
from ostoja.retention.codes import CopyStatus
from ostoja.retention.models import SubjectCopy


@task()
def build_copy(copy_id: int) -> None:
    """Writes the copy's PDF and JSON and audits every record it holds (a rerun builds it again)."""
    ordered = (
        SubjectCopy.objects.select_related("person", "ordered_by")
        .filter(pk=copy_id, status=CopyStatus.QUEUED)
        .first()
    )
    if ordered is None:
        return
    try:
        copy = sar.build(ordered.person, ordered.language)
        pdf = sar.pdf(copy)
    except Exception:
        SubjectCopy.objects.filter(pk=copy_id).update(status=CopyStatus.FAILED)
        raise
    with transaction.atomic():
        ordered.pdf, ordered.json = sar.encode(pdf), copy.as_json()
        ordered.records, ordered.status = len(copy.refs), CopyStatus.DONE
        ordered.save(update_fields=["pdf", "json", "records", "status"])
        audit.record(
            actor=ordered.ordered_by, action="export", object_type="person", object_ids=[ordered.person_id],
            related=[("subject_copy", ordered.pk), *copy.refs],
            details={"language": ordered.language, "records": len(copy.refs),
                     "withheld": copy.withheld},
        )  # fmt: skip
