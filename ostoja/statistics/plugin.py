"""What statistics adds elsewhere: navigation entries and the upkeep of case exports."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming
from ostoja.plugins import Job, NavItem, Plugin, RecordKind
from ostoja.statistics.access import CATEGORY_ROLES, STATISTICS_ROLES
from ostoja.statistics.models import CaseExport, FunderReport, ReportCategory


def _forget_expired_exports() -> int:
    """Deletes case exports past their time, downloaded or not: the file goes with its row (the audit
    log keeps who exported which cases and why)."""
    from django.utils import timezone

    from ostoja.statistics.models import CaseExport

    deleted, _kinds = CaseExport.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


plugin = Plugin(
    navigation=[
        NavItem(gettext_lazy("Statistics"), "statistics:overview", STATISTICS_ROLES, 80),
        NavItem(gettext_lazy("Report categories"), "statistics:categories", CATEGORY_ROLES, 96),
    ],
    housekeeping=[
        Job("expired_exports", gettext_lazy("Delete expired case exports"), _forget_expired_exports)
    ],
    records=[
        RecordKind("statistics", gettext_lazy("statistics")),
        RecordKind(
            "funder_report",
            gettext_lazy("funder's report"),
            naming.by_field(FunderReport, "year", lambda: _("funder's report for %(value)s")),
        ),
        RecordKind("report_category", gettext_lazy("report category"), naming.by_label(ReportCategory)),
        RecordKind(
            "case_export",
            gettext_lazy("case export"),
            naming.by_time(CaseExport, "created_at", lambda: _("case export of %(when)s")),
        ),
    ],
)
