"""axe-core (WCAG 2.1 A and AA) finds no violation on the identification pages, desktop and phone."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_accessibility import axe_page, violations  # noqa: F401
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.identification import services
from ostoja.identification.codes import IdStatus
from ostoja.identification.models import IdentificationStatusChange, Interpreter
from ostoja.testing.browser import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_identification_pages_pass_axe(
    axe_page,  # noqa: F811 — the fixture imported above
    width,
    make_staff,
    person_factory,
    case_factory,
    screening_factory,
):
    axe_page.set_viewport_size({"width": width, "height": 900})
    supervisor = make_staff("superwizor", Role.SUPERVISOR, first_name="Piotr")
    manager = make_staff("opiekun", Role.CASE_MANAGER)
    case = case_factory(manager=supervisor, person=person_factory(registered_by=supervisor, is_minor=True))
    screening = screening_factory(case, answers={"dr_job": "yes", "ex_hours": "yes"})
    services.interpreter_add(interpreter=Interpreter(name="Olha Bondar", languages=["uk"]), actor=supervisor)
    services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.PRELIMINARY, grounds="g"), actor=manager
    )
    sign_in(axe_page, supervisor)
    pages = [
        reverse("identification:case_overview", args=[case.pk]),
        reverse("identification:screening_start", args=[case.pk]),
        reverse("identification:screening_step", args=[screening.pk, 1]),
        reverse("identification:screening_result", args=[screening.pk]),
        reverse("identification:status_change", args=[case.pk]),
        reverse("identification:profile_edit", args=[case.pk]),
        reverse("identification:confirmations"),
        reverse("identification:checklist"),
        reverse("identification:interpreters"),
    ]
    found = []
    for url in pages:
        axe_page.goto(url)
        found += violations(axe_page)
    # Forms with errors.
    axe_page.goto(reverse("identification:confirmations"))
    submit(axe_page, axe_page.locator("form[action*='/review/'] button[type=submit]").first)
    found += violations(axe_page)
    axe_page.goto(reverse("identification:screening_start", args=[case.pk]))
    submit(axe_page, axe_page.locator("button.primary[value=start]"))
    found += violations(axe_page)
    assert not found, "\n".join(found)
