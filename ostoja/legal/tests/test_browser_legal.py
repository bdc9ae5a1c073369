"""Done-when of legal matters, in a browser: the case manager records a residence permit ending within
the reminder days, a permit whose end precedes its start is refused next to the field with everything
typed kept, and the expiry task is then on "My tasks"."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from ostoja.accounts.roles import Role
from ostoja.cases.codes import Phase
from ostoja.dates import show
from ostoja.legal.models import ResidenceDocument
from ostoja.services.tests.test_browser_support import sign_in
from ostoja.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recorded_residence_permit_puts_its_expiry_task_on_my_tasks(
    page, live_server, make_staff, case_factory, person_factory
):
    manager = make_staff("opiekunka", Role.CASE_MANAGER, first_name="Marta", language="en")
    person = person_factory(registered_by=manager, citizenships=["UA"])
    case = case_factory(person=person, manager=manager, phase=Phase.FOREIGNER_IN_POLAND)
    today = timezone.localdate()
    start, end = today - timedelta(days=300), today + timedelta(days=40)

    sign_in(page, live_server, manager)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Legal matters", exact=True).click()
    page.get_by_role("heading", name=f"Legal matters of case {case.number}").wait_for()
    page.get_by_role("link", name="Record a certificate, a permit or an application").click()
    page.get_by_label("Temporary residence permit for victims", exact=True).check()
    page.get_by_label("Issued", exact=True).check()
    page.get_by_label("Valid from", exact=True).fill(end.isoformat())
    page.get_by_label("Valid until", exact=True).fill(start.isoformat())  # the wrong way round
    page.get_by_label("Number or reference", exact=True).fill("WSC-II-S.6151.7.2026")
    page.get_by_role("button", name="Save").click()
    error = page.locator("#id_valid_until_error")
    error.wait_for()
    assert "must come after its start" in error.inner_text()
    assert page.get_by_label("Number or reference", exact=True).input_value() == "WSC-II-S.6151.7.2026"
    assert page.get_by_label("Temporary residence permit for victims", exact=True).is_checked()
    assert not ResidenceDocument.objects.exists()

    page.get_by_label("Valid from", exact=True).fill(start.isoformat())
    page.get_by_label("Valid until", exact=True).fill(end.isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The residence document is recorded.").wait_for()
    row = page.get_by_role("row", name="Temporary residence permit for victims")
    with translation.override("en"):
        assert show(end, "date") in row.inner_text()

    page.get_by_role("link", name="My tasks").first.click()
    page.get_by_role("heading", name="My tasks").wait_for()
    task_row = page.get_by_role("row", name="Residence permit expires")
    with translation.override("en"):
        assert case.number in task_row.inner_text() and show(today, "date") in task_row.inner_text()
    assert Task.objects.get(case=case).owner == manager
