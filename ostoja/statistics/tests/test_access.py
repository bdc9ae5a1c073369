"""Every statistics URL × every principal (the route matrix)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.statistics.models import (
    CaseExport,
    FunderReport,
    ImportRun,
    ImportStatus,
    ReportCategory,
    ReportStatus,
)
from ostoja.testing.access import Route, routes_test

pytestmark = pytest.mark.django_db


def _report(get):
    return [FunderReport.objects.create(year=2025, requested_by=get("cast")[Role.SUPERVISOR]).pk]


def _done_report(get):
    report = FunderReport.objects.create(
        year=2025, requested_by=get("cast")[Role.SUPERVISOR], status=ReportStatus.DONE, xlsx=b"x", pdf=b"%PDF"
    )
    return [report.pk, "xlsx"]


def _export(get):
    export = CaseExport.objects.create(
        created_by=get("cast")[Role.SUPERVISOR], purpose="Audit by the funder", fields=["number"],
        status=ReportStatus.DONE, content="YQ==", expires_at=timezone.now() + timedelta(hours=1),
    )  # fmt: skip
    return [export.pk]


def _import_run(get):
    run = ImportRun.objects.create(
        source="ctdc", file_sha256="1" * 64, file_name="old-records.csv", rows_total=2, next_row=3, imported=2,
        status=ImportStatus.COMPLETE, started_by=get("cast")[Role.SUPERVISOR],
    )  # fmt: skip
    return [run.pk]


ROUTES = [
    Route("statistics:overview", [Role.SUPERVISOR]),
    Route("statistics:questionnaire", [Role.SUPERVISOR]),
    Route("statistics:reports", [Role.SUPERVISOR]),
    Route("statistics:report", [Role.SUPERVISOR], _report),
    Route("statistics:report_download", [Role.SUPERVISOR], _done_report),
    Route("statistics:categories", [Role.ADMINISTRATOR]),
    Route("statistics:exports", [Role.SUPERVISOR]),
    Route("statistics:export_download", [Role.SUPERVISOR], _export),
    Route("statistics:imports", [Role.SUPERVISOR]),
    Route("statistics:import_run", [Role.SUPERVISOR], _import_run),
    Route("statistics:category_edit", [Role.ADMINISTRATOR], lambda get: [ReportCategory.objects.first().pk]),
    # Those who may change the case: its case manager (and the team), supervision.
    Route(
        "statistics:case_questionnaire", [Role.CASE_MANAGER, Role.SUPERVISOR], lambda get: [get("case").pk]
    ),
]

test_route_access = routes_test(ROUTES)
