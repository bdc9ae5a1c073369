"""After a failed submit on a staff form the error summary has the focus, and its links lead to the fields."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.testing.browser import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focus_lands_on_the_error_summary(page, make_staff):
    manager = make_staff("opiekun", Role.CASE_MANAGER, first_name="Tomasz")
    sign_in(page, manager)
    page.goto(reverse("cases:person_register"))
    submit(page, page.get_by_role("button", name="Zarejestruj"))
    # Autofocus is applied at a rendering step after the load: the check waits for it.
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Popraw formularz"))
    expect(summary).to_be_focused()
    expect(page.locator("#form-errors")).to_be_focused()
    first = summary.get_by_role("link").first
    target = first.get_attribute("href")[1:]
    first.click()
    expect(page.locator(f"#{target}")).to_be_focused()
    # The field's description names its error message, which exists.
    for ref in page.locator(f"#{target}").get_attribute("aria-describedby").split():
        assert page.locator(f"#{ref}").count() == 1


def test_sign_in_errors_take_the_focus_before_the_username_field(page):
    page.goto(reverse("accounts:login"))
    page.get_by_label("Nazwa użytkownika").fill("nikt")
    page.get_by_label("Hasło").fill("zle-haslo")
    with page.expect_navigation():
        page.get_by_label("Hasło").press("Enter")
    # The username field asks for autofocus too; the summary comes first and wins.
    expect(page.locator("#form-errors")).to_be_focused()
