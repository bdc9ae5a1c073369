"""Who may see the statistics, and the audit row of each look.

The statistics page shows counts, never a record; it is for supervisors, and every look at it is
audited with the period counted (no record ids: none are read).
"""

from __future__ import annotations

from django.http import HttpRequest

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.statistics.forms import Period
from ostoja.statistics.models import CaseExport, FunderReport, ReportStatus

STATISTICS_ROLES: tuple[str, ...] = (Role.SUPERVISOR,)
# Who corrects the unconfirmed category lists of the reports.
CATEGORY_ROLES: tuple[str, ...] = (Role.ADMINISTRATOR,)


def record_statistics_read(request: HttpRequest, period: Period) -> None:
    audit.record(
        request=request,
        action="view",
        object_type="statistics",
        details={
            "period": period.kind,
            "start": period.start.isoformat() if period.start else "",
            "end": period.end.isoformat(),
        },
    )


def get_report_for(request: HttpRequest, pk: int, *, download: str = "") -> FunderReport:
    """A funder's report (counts only) for a supervisor; its download is audited."""
    from django.shortcuts import get_object_or_404

    report = get_object_or_404(FunderReport.objects.defer("xlsx", "pdf"), pk=pk)
    if download:
        audit.record(
            request=request, action="download", object_type="funder_report", object_ids=[report.pk],
            details={"format": download, "year": report.year},
        )  # fmt: skip
    return report


def get_export_for(request: HttpRequest, pk: int) -> CaseExport:
    """The creator's own export, ready, not yet downloaded and not expired (locked for the download);
    404 for anything else, so nobody learns whether another person's export exists. Audited."""
    from django.http import Http404
    from django.utils import timezone

    export = (
        CaseExport.objects.select_for_update()
        .filter(pk=pk, created_by_id=request.user.pk, status=ReportStatus.DONE, downloaded_at__isnull=True,
                expires_at__gt=timezone.now())
        .first()
    )  # fmt: skip
    if export is None:
        raise Http404
    audit.record(
        request=request, action="download", object_type="case_export", object_ids=[export.pk],
        details={"format": export.file_format, "rows": export.rows},
    )  # fmt: skip
    return export


# Who imports de-identified historical cases (CTDC, HTCDS) on the import page.
IMPORT_ROLES: tuple[str, ...] = (Role.SUPERVISOR,)
