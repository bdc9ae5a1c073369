"""The night shift in a real browser: an anonymous call becomes an urgent intervention, is taken from the board."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.hotline.models import Contact, Intervention
from ostoja.testing.clock import last_wall_time, local_input

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_anonymous_night_call_to_urgent_intervention_taken_from_the_board(page, make_staff):
    duty = make_staff("dyzurna", Role.DUTY_WORKER, first_name="Ewa", last_name="Nowicka")
    sign_in(page, duty)
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Hotline").first.click()
    page.get_by_role("link", name="Log a contact").first.click()

    # Keyboard only: the first field has the focus, the defaults are an incoming anonymous phone call.
    expect(page.locator("[name=channel]")).to_be_focused(timeout=5000)
    # Last night's 02:40: in the past at any hour the suite runs, even between midnight and 02:40.
    page.locator("#when-other summary").click()
    page.locator("#id_received_at").fill(local_input(last_wall_time(2, 40)))
    page.get_by_label("Language").select_option("uk")
    page.get_by_label("Interpreter used").check()
    page.get_by_label("Urgent — now").check()
    page.get_by_label("Shelter tonight").check()
    page.get_by_label("Safety / release").check()
    page.get_by_label("Summary").fill("Woman locked in a flat with her child; calling from a borrowed phone.")
    page.get_by_label("City or place").fill("Radom")
    page.get_by_role("button", name="Save the contact").click()

    heading = page.get_by_role("heading", name="Intervention of ")
    heading.wait_for()
    intervention = Intervention.objects.get()
    contact = Contact.objects.get()
    assert contact.is_anonymous and timezone.localtime(contact.received_at).hour == 2
    assert intervention.needs == ["safety", "shelter"] and intervention.handler is None

    page.get_by_role("link", name="Emergencies").click()
    row = page.locator(f"#intervention-{intervention.pk}")
    assert "Nobody" in row.inner_text() and "Shelter tonight" in row.inner_text()
    assert page.locator("#board").get_attribute("hx-headers") == '{"X-Ostoja-Poll": "1"}'
    row.get_by_role("button", name=re.compile(r"^Take")).click()
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


def test_the_board_keeps_the_focus_across_a_refresh_and_after_take(page, make_staff):
    from ostoja.hotline import services

    duty = make_staff("dyzurna", Role.DUTY_WORKER, first_name="Ewa", last_name="Nowicka")

    def urgent(needs):
        contact = services.contact_log(
            contact=Contact(channel="phone", urgency="urgent", summary="s"), created_by=duty
        )
        return services.intervention_open(contact=contact, needs=needs, opened_by=duty, handler=None)

    urgent(["shelter"])
    second = urgent(["medical"])
    sign_in(page, duty)
    page.clock.install()  # the 20-second refresh runs on a clock the test moves
    page.goto(reverse("hotline:board"))
    page.evaluate("document.getElementById('board-news').dataset.original = 'yes'")
    page.locator(f"#take-{second.pk}").focus()

    third = urgent(["safety"])
    with page.expect_response(lambda r: reverse("hotline:board_rows") in r.url):
        page.clock.run_for(21_000)
    page.locator(f"#take-{third.pk}").wait_for()
    page.clock.run_for(1_000)  # HTMX settles
    # The keyboard user is where they were; only the new emergency is said, in the same live region.
    assert page.evaluate("document.activeElement.id") == f"take-{second.pk}"
    news = page.locator("#board-news")
    assert news.get_attribute("data-original") == "yes" and news.get_attribute("role") == "status"
    with translation.override("pl"):
        third_name, second_name = third.name, second.name
    assert f"Nowa pilna interwencja: {third_name}" in news.inner_text()
    assert news.inner_text().count("Nowa pilna interwencja") == 1  # the ones seen before are not said again

    # Take it with the keyboard: the button goes, the focus moves to the intervention's link.
    page.keyboard.press("Enter")
    page.locator(f"#intervention-{second.pk}").filter(has_text="Ewa Nowicka").wait_for()
    page.clock.run_for(1_000)
    assert page.evaluate("document.activeElement.id") == f"intervention-{second.pk}-link"
    assert f"Prowadzisz tę interwencję: {second_name}." in news.inner_text()
    assert news.get_attribute("data-original") == "yes"

    # A quiet refresh says nothing and leaves the focus alone.
    with page.expect_response(lambda r: reverse("hotline:board_rows") in r.url):
        page.clock.run_for(21_000)
    # The response reaches the test before the page has swapped it in; HTMX's settle runs on the test's clock.
    for _ in range(50):
        page.clock.run_for(100)
        if news.inner_text().strip() == "":
            break
    assert page.evaluate("document.activeElement.id") == f"intervention-{second.pk}-link"
    assert news.inner_text().strip() == ""


def test_enter_does_not_save_a_half_filled_contact_and_the_time_costs_one_tab(page, make_staff):
    duty = make_staff("dyzurna", Role.DUTY_WORKER, first_name="Ewa", last_name="Nowicka")
    sign_in(page, duty)
    page.get_by_role("button", name="English").click()
    page.goto(reverse("hotline:contact_new"))
    form_url = page.url
    page.get_by_label("City or place").fill("Radom")
    page.get_by_label("City or place").press("Enter")
    page.wait_for_timeout(500)
    assert page.url == form_url and not Contact.objects.exists()
    assert page.get_by_label("City or place").input_value() == "Radom"  # nothing typed is lost

    # The time is the moment the form was opened: one Tab crosses it, to the button that saves.
    page.locator("[name=follow_up_needed]").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#when-other summary")).to_be_focused()
    assert "When:" in page.locator("#when-other summary").inner_text()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save the contact")).to_be_focused()
    page.get_by_label("Summary").fill("Asked about work permits.")
    page.get_by_role("button", name="Save the contact").click()
    page.wait_for_url(lambda url: url != form_url)
    assert Contact.objects.get().caller_city == "Radom"


def test_an_anonymous_intervention_becomes_a_person_and_a_case(page, make_staff):
    from ostoja.cases.models import Case
    from ostoja.hotline import services

    duty = make_staff("dyzurna", Role.DUTY_WORKER, first_name="Ewa", last_name="Nowicka")
    make_staff("kierowniczka", Role.CASE_MANAGER, first_name="Anna", last_name="Lis")
    contact = services.contact_log(
        contact=Contact(channel="phone", urgency="urgent", language="uk", interpreter_used=True,
                        summary="Locked in a flat; she gave her name at the end of the call."),
        created_by=duty,
    )  # fmt: skip
    intervention = services.intervention_open(
        contact=contact, needs=["shelter"], opened_by=duty, handler=duty
    )
    sign_in(page, duty)
    page.get_by_role("button", name="English").click()
    page.goto(reverse("hotline:intervention", args=[intervention.pk]))
    page.get_by_role("link", name="Register the person and open a case").click()
    page.get_by_label("Given name", exact=True).fill("Oksana")
    page.get_by_label("Family name", exact=True).fill("Melnyk")
    page.get_by_label("Case manager").select_option(label="Anna Lis")
    page.get_by_label("Phase").select_option("foreigner_in_poland")
    results = Axe().run(page, options=WCAG_AA)
    assert not results.response["violations"], [v["id"] for v in results.response["violations"]]
    page.get_by_role("button", name="Register and open the case").click()
    case = Case.objects.get()
    page.get_by_text(f"The intervention now belongs to case {case.number}.").wait_for()
    assert page.url.endswith(reverse("hotline:intervention", args=[intervention.pk]))
    contact.refresh_from_db()
    assert (
        contact.case == case and case.person.given_name == "Oksana" and case.person.preferred_language == "uk"
    )
    assert page.get_by_role("link", name="Register the person and open a case").count() == 0
