"""axe-core (WCAG 2.1 A and AA rules) finds no violation on the main staff pages, at desktop and phone width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.models import RoleGrant
from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.testing.browser import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]]


@pytest.fixture
def axe_page(browser, live_server):
    # axe is injected through the DevTools protocol; the pages' own CSP stays as it is for them.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_staff_pages_pass_axe(axe_page, width, make_staff, person_factory, case_factory):
    axe_page.set_viewport_size({"width": width, "height": 900})
    found = []
    axe_page.goto(reverse("accounts:login"))
    found += violations(axe_page)
    supervisor = make_staff("superwizor", Role.SUPERVISOR, Role.ADMINISTRATOR, first_name="Piotr")
    case = case_factory(manager=supervisor)
    # A role waiting for this administrator's confirmation, and one given: the roles page and sections.
    asker = make_staff("admin_b", Role.ADMINISTRATOR)
    target = make_staff("nowa", Role.DUTY_WORKER, first_name="Nowa")
    now = timezone.now()
    RoleGrant.objects.create(
        user=target, role=Role.SUPERVISOR, requested_by=asker, requested_at=now, status="pending"
    )
    RoleGrant.objects.create(
        user=target, role=Role.DUTY_WORKER, requested_by=asker, requested_at=now, status="granted",
        decided_by=asker, decided_at=now,
    )  # fmt: skip
    sign_in(axe_page, supervisor)
    pages = [
        reverse("web:dashboard"),
        reverse("cases:case_list") + "?scope=all",
        reverse("cases:case_detail", args=[case.pk]),
        reverse("cases:case_edit", args=[case.pk]),
        reverse("cases:person_detail", args=[case.person_id]),
        reverse("cases:person_register"),
        reverse("cases:person_search"),
        reverse("audit:log"),
        reverse("accounts:staff_list"),
        reverse("accounts:staff_create"),
        reverse("accounts:staff_edit", args=[target.pk]),
        reverse("accounts:grant_list"),
    ]
    for url in pages:
        axe_page.goto(url)
        found += violations(axe_page)
    # A form with errors, and search results.
    axe_page.goto(reverse("cases:person_register"))
    submit(axe_page, axe_page.get_by_role("button", name="Zarejestruj"))
    found += violations(axe_page)
    axe_page.goto(reverse("cases:person_search"))
    axe_page.get_by_label(
        "Imię i nazwisko (dowolny alfabet), telefon, numer dokumentu lub data urodzenia"
    ).fill("Kovalenko")
    submit(axe_page, axe_page.get_by_role("button", name="Szukaj"))
    found += violations(axe_page)
    assert not found, "\n".join(found)
