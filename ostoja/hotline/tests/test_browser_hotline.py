"""The night shift in a real browser: an anonymous call becomes an urgent intervention, is taken from the board."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.hotline.models import Contact, Intervention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_anonymous_night_call_to_urgent_intervention_taken_from_the_board(page, make_staff):
    duty = make_staff("dyzurna", Role.DUTY_WORKER, first_name="Ewa", last_name="Nowicka")
    sign_in(page, duty)
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Hotline").first.click()
    page.get_by_role("link", name="Log a contact").first.click()

    # Keyboard only: the first field has the focus, the defaults are an incoming anonymous phone call.
    page.wait_for_function(
        "document.activeElement && document.activeElement.name === 'channel'", timeout=5000
    )
    night = timezone.localtime().replace(hour=2, minute=40).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("When").fill(night)
    page.get_by_label("Language").select_option("uk")
    page.get_by_label("Interpreter used").check()
    page.get_by_label("Urgent — now").check()
    page.get_by_label("Shelter tonight").check()
    page.get_by_label("Safety / release").check()
    page.get_by_label("Summary").fill("Woman locked in a flat with her child; calling from a borrowed phone.")
    page.get_by_label("City or place").fill("Radom")
    page.get_by_label("City or place").press("Enter")

    heading = page.get_by_role("heading", name="Intervention #")
    heading.wait_for()
    intervention = Intervention.objects.get()
    contact = Contact.objects.get()
    assert contact.is_anonymous and timezone.localtime(contact.received_at).hour == 2
    assert intervention.needs == ["safety", "shelter"] and intervention.handler is None

    page.get_by_role("link", name="Emergencies").click()
    row = page.locator(f"#intervention-{intervention.pk}")
    assert "Nobody" in row.inner_text() and "Shelter tonight" in row.inner_text()
    assert page.locator("#board").get_attribute("hx-headers") == '{"X-Ostoja-Poll": "1"}'
    row.get_by_role("button", name=f"Take #{intervention.pk}").click()
    page.locator(f"#intervention-{intervention.pk}").filter(has_text="Ewa Nowicka").wait_for()
    assert page.url.endswith(reverse("hotline:board"))  # HTMX swapped the rows in place
    intervention.refresh_from_db()
    assert intervention.handler == duty and intervention.status == "in_progress"


def test_hotline_pages_pass_axe(browser, live_server, make_staff, case_factory):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    supervisor = make_staff("superwizor", Role.SUPERVISOR, Role.DUTY_WORKER, first_name="Piotr")
    case = case_factory(manager=supervisor)
    sign_in(page, supervisor)
    found = []
    for url in [
        reverse("hotline:home"), reverse("hotline:contact_new"), reverse("hotline:board"), reverse("hotline:roster"),
        reverse("hotline:triage"), reverse("hotline:contacts"), reverse("hotline:feed"),
        reverse("hotline:meeting_new", args=[case.pk]), reverse("hotline:contact_new") + f"?case={case.pk}&direction=out",
    ]:  # fmt: skip
        page.goto(url)
        results = Axe().run(page, options=WCAG_AA)
        found += [f"{url}: {v['id']}: {v['help']}" for v in results.response["violations"]]
    context.close()
    assert not found, "\n".join(found)
