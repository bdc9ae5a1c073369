"""Done-when of the issue: a supervisor prepares the funder's report and downloads the XLSX."""

import datetime as dt

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from ostoja.accounts.roles import Role
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "ostoja_language", "value": "en", "url": live_server.url}])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.get_by_label("Six-digit code from your authenticator app").fill(
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    )
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name=f"Hello, {user.first_name}").wait_for()


def test_the_funders_report_is_prepared_and_the_xlsx_downloaded(
    page, live_server, make_staff, case_factory, person_factory, tmp_path
):
    supervisor = make_staff("nadzor", Role.SUPERVISOR, first_name="Zofia", language="en")
    last_year = dt.date.today().year - 1
    for i in range(14):
        case_factory(person=person_factory(gender="feminine"), opened_on=dt.date(last_year, 3, 1 + i))
    sign_in(page, live_server, supervisor)
    page.get_by_role("link", name="Statistics").first.click()
    page.get_by_role("link", name="Reports for the funder").click()
    page.get_by_label("Year of the report").select_option(str(last_year))
    page.get_by_role("button", name="Prepare the report").click()
    link = page.get_by_role("link", name=f"Download the report for {last_year} (XLSX)")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / "report.xlsx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == f"raport-{last_year}.xlsx"
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    # The report is in Polish whatever the language of the page.
    assert rows[0][0] == f"Raport dla grantodawcy — {last_year}"
    assert ("Sprawy otwarte w okresie", "14") in [tuple(r[:2]) for r in rows]
