"""What statistics adds elsewhere: navigation entries and the upkeep of case exports and imports."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming
from ostoja.plugins import Job, NavItem, Plugin, RecordKind
from ostoja.statistics.access import CATEGORY_ROLES, IMPORT_ROLES, STATISTICS_ROLES
from ostoja.statistics.models import CaseExport, FunderReport, ImportRun, ReportCategory


def _forget_expired_exports() -> int:
    """Deletes case exports past their time, downloaded or not: the file goes with its row (the audit
    log keeps who exported which cases and why)."""
    from django.utils import timezone

    from ostoja.statistics.models import CaseExport

    deleted, _kinds = CaseExport.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def _forget_left_uploads() -> int:
    """Deletes uploaded files an import left behind (a worker stopped half-way) after a day: the same
    file uploaded again resumes the import."""
    import datetime as dt

    from django.utils import timezone

    from ostoja.statistics.models import ImportUpload

    deleted, _kinds = ImportUpload.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=1)
    ).delete()
    return deleted


plugin = Plugin(
    navigation=[
        NavItem(gettext_lazy("Statistics"), "statistics:overview", STATISTICS_ROLES, 80),
        NavItem(gettext_lazy("Import historical cases"), "statistics:imports", IMPORT_ROLES, 81),
        NavItem(gettext_lazy("Report categories"), "statistics:categories", CATEGORY_ROLES, 96),
    ],
    housekeeping=[
        Job("expired_exports", gettext_lazy("Delete expired case exports"), _forget_expired_exports),
        Job("import_uploads", gettext_lazy("Delete files left by unfinished imports"), _forget_left_uploads),
    ],
    records=[
        RecordKind("statistics", gettext_lazy("statistics")),
        RecordKind(
            "funder_report",
            gettext_lazy("funder's report"),
            naming.by_field(FunderReport, "year", lambda: _("funder's report for %(value)s")),
        ),
        RecordKind(
            "statistics_import",
            gettext_lazy("imported file"),
            naming.by_field(ImportRun, "file_name", lambda: _("imported file %(value)s")),
        ),
        RecordKind("report_category", gettext_lazy("report category"), naming.by_label(ReportCategory)),
        RecordKind(
            "case_export",
            gettext_lazy("case export"),
            naming.by_time(CaseExport, "created_at", lambda: _("case export of %(when)s")),
        ),
    ],
)
