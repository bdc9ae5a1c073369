"""The funder's yearly report: prepared in the background, XLSX and PDF in Polish, downloads audited."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.statistics.models import FunderReport, ReportStatus

pytestmark = pytest.mark.django_db


def test_a_report_is_prepared_and_downloaded(client_for, case_factory, person_factory):
    for i in range(12):
        case_factory(
            person=person_factory(gender="feminine", citizenships=["UA"]), opened_on=dt.date(2025, 2, i + 1)
        )
    client = client_for(Role.SUPERVISOR)
    response = client.post(reverse("statistics:reports"), {"year": "2025", "token": "t" * 32})
    report = FunderReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "statistics:report", args=[report.pk]
    )
    report.refresh_from_db()
    assert (report.status, report.progress) == (ReportStatus.DONE, 100)
    page = client.get(response["Location"]).content.decode()
    assert reverse("statistics:report_download", args=[report.pk, "xlsx"]) in page
    xlsx = client.get(reverse("statistics:report_download", args=[report.pk, "xlsx"]))
    assert xlsx["Content-Disposition"] == 'attachment; filename="raport-2025.xlsx"'
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content if xlsx.streaming else [xlsx.content]))
    ).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "Raport dla grantodawcy — 2025"
    assert ("Sprawy otwarte w okresie", "12", "0", "+12") in [tuple(r[:4]) for r in cells]
    pdf = client.get(reverse("statistics:report_download", args=[report.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    events = AuditEvent.objects.filter(object_type="funder_report").order_by("pk")
    assert [e.action for e in events] == ["create", "download", "download"]


def test_an_unfinished_report_cannot_be_downloaded(client_for, cast):
    report = FunderReport.objects.create(
        year=2025, requested_by=cast[Role.SUPERVISOR], status=ReportStatus.RUNNING
    )
    client = client_for(Role.SUPERVISOR)
    assert client.get(reverse("statistics:report_download", args=[report.pk, "xlsx"])).status_code == 404
    assert client.get(reverse("statistics:report_download", args=[report.pk, "docx"])).status_code == 404
    page = client.get(reverse("statistics:report", args=[report.pk])).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page


def test_a_year_outside_the_list_is_refused(client_for):
    response = client_for(Role.SUPERVISOR).post(
        reverse("statistics:reports"), {"year": "1900", "token": "u" * 32}
    )
    assert response.status_code == 400 and not FunderReport.objects.exists()


def test_the_report_pages_take_the_same_queries_however_many_reports(client_for, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(Role.SUPERVISOR)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = FunderReport.objects.create(year=2024, requested_by=cast[Role.SUPERVISOR])
    few = [count(reverse("statistics:reports")), count(reverse("statistics:report", args=[first.pk]))]
    for year in range(2000, 2015):
        FunderReport.objects.create(year=year, requested_by=cast[Role.SUPERVISOR], status=ReportStatus.DONE)
    many = [count(reverse("statistics:reports")), count(reverse("statistics:report", args=[first.pk]))]
    assert many <= few
