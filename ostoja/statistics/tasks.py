"""Background work of statistics: preparing the funder's report, case exports, importing files."""

from __future__ import annotations

from django_tasks import task

from ostoja.statistics import report as funder_report
from ostoja.statistics.models import FunderReport, ReportStatus


@task()
def build_report(report_id: int) -> None:
    """Prepares the report (again, if a worker died half-way: the files are written at the end)."""
    report = FunderReport.objects.filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.DONE:
        return
    try:
        funder_report.build(report)
    except Exception:
        FunderReport.objects.filter(pk=report_id).update(status=ReportStatus.FAILED)
        raise


@task()
def build_case_export(export_id: int) -> None:
    """Builds the file and audits the ids exported (a rerun after a lost worker builds it again)."""
    from django.db import transaction

    from ostoja.audit import services as audit
    from ostoja.statistics import case_export
    from ostoja.statistics.models import CaseExport

    export = CaseExport.objects.filter(pk=export_id, status=ReportStatus.QUEUED).first()
    if export is None:
        return
    data, ids = case_export.build(export.fields, export.file_format)
    with transaction.atomic():
        export.content, export.rows, export.status = case_export.encode(data), len(ids), ReportStatus.DONE
        export.save(update_fields=["content", "rows", "status"])
        audit.record(
            actor=export.created_by, action="export", object_type="case", object_ids=ids,
            reason=export.purpose[:1000], details={"fields": export.fields, "format": export.file_format},
        )  # fmt: skip


@task()
def import_file(run_id: int) -> None:
    """Imports an uploaded file (resuming where a lost worker stopped); the upload is deleted at the end.

    A file refused as a whole (it was checked on upload, so this means it changed) or an error stops
    the run with a message; the batches already committed stay, and the same file uploaded again
    resumes from them.
    """
    from django.db import IntegrityError
    from django.utils.translation import override

    from ostoja.statistics import case_export, imports
    from ostoja.statistics.models import ImportRun, ImportStatus, ImportUpload

    upload = ImportUpload.objects.filter(run_id=run_id).select_related("run").first()
    if upload is None or upload.run.status == ImportStatus.COMPLETE:
        ImportUpload.objects.filter(run_id=run_id).delete()
        return
    run = upload.run
    data = case_export.decode(upload.content)
    try:
        with override("pl"):  # the refusals are read by the centre's staff, in Polish
            imports.import_data(data, source=run.source, file_name=run.file_name, year=upload.year)
    except IntegrityError:
        # Another run of this task (queued again while this one was still working) stored these rows:
        # it carries on; the run's status is its to set.
        return
    except imports.ImportRefused as refused:
        ImportRun.objects.filter(pk=run_id).update(status=ImportStatus.FAILED, error=str(refused)[:1000])
    except Exception:
        # No message stored: the page says, in the reader's language, that the file may be uploaded again.
        ImportRun.objects.filter(pk=run_id).update(status=ImportStatus.FAILED)
        raise
    finally:
        ImportUpload.objects.filter(run_id=run_id).delete()
