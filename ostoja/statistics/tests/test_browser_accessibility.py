"""axe-core (WCAG 2.1 A and AA) finds no violation on the statistics pages, at desktop and phone width."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.statistics.models import FunderReport, ImportRun, ImportStatus, ReportCategory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def axe_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_statistics_pages_pass_axe(axe_page, width, make_staff, case_factory, person_factory):
    axe_page.set_viewport_size({"width": width, "height": 900})
    user = make_staff("nadzor", Role.SUPERVISOR, Role.ADMINISTRATOR, first_name="Zofia")
    for i in range(12):
        case_factory(
            person=person_factory(gender="feminine"), opened_on=dt.date.today() - dt.timedelta(days=i)
        )
    report = FunderReport.objects.create(year=2025, requested_by=user)
    # A transactional test empties the tables after it, seeded categories included.
    category = ReportCategory.objects.first() or ReportCategory.objects.create(
        code="forced_labour",
        label_pl="Praca przymusowa",
        label_en="Forced labour",
        profile_codes=["isForcedLabour"],
    )
    running = ImportRun.objects.create(
        file_sha256="1" * 64, file_name="ctdc.csv", rows_total=200, next_row=51, status=ImportStatus.RUNNING,
        started_by=user,
    )  # fmt: skip
    refused = ImportRun.objects.create(
        file_sha256="2" * 64, file_name="htcds.csv", source="htcds", rows_total=2, next_row=3, imported=1, refused=1,
        refusals=[{"row": 2, "column": "prs_Gender", "reason": "“Robot” is not one of HTCDS 2.0's values"}],
        refusal_counts={"prs_Gender": 1}, status=ImportStatus.COMPLETE, started_by=user,
    )  # fmt: skip
    sign_in(axe_page, user)
    found = []
    for url in (
        reverse("statistics:overview"),
        reverse("statistics:overview") + "?period=custom&start=2025-05-01&end=2025-04-01",
        reverse("statistics:reports"),
        reverse("statistics:report", args=[report.pk]),
        reverse("statistics:exports"),
        reverse("statistics:categories"),
        reverse("statistics:category_edit", args=[category.pk]),
        reverse("statistics:imports"),
        reverse("statistics:import_run", args=[running.pk]),
        reverse("statistics:import_run", args=[refused.pk]),
    ):
        axe_page.goto(url)
        results = Axe().run(axe_page, options=WCAG_AA)
        found += [f"{url}: {v['id']}: {v['help']}" for v in results.response["violations"]]
    assert not found, "\n".join(found)
