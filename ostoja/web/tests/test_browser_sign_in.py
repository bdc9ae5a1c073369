"""A staff member signs in with password and TOTP, and switches the language."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ostoja.accounts.roles import Role
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_first_sign_in_enrols_mfa_then_switches_language(page, make_staff):
    make_staff("ewa", Role.CASE_MANAGER, first_name="Ewa")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.get_by_label("Nazwa użytkownika").fill("ewa")
    page.get_by_label("Hasło").fill(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/code/")
    assert page.locator("figure.qr svg").is_visible()
    device = TOTPDevice.objects.get(user__username="ewa")
    page.get_by_label("Sześciocyfrowy kod z aplikacji uwierzytelniającej").fill(current_code(device))
    page.get_by_role("button", name="Zweryfikuj").click()
    page.get_by_role("heading", name="Dzień dobry, Ewa").wait_for()

    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Hello, Ewa").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    # The choice is remembered on the next page too.
    page.goto("/")
    assert page.get_by_role("link", name="Dashboard").is_visible()


def test_keyboard_only_sign_in_with_a_wrong_code_first(page, make_staff):
    user = make_staff("jan", Role.DUTY_WORKER, first_name="Jan")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/sign-in/")
    page.keyboard.type("jan")  # the username field has focus on arrival
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/code/")
    code_field = page.get_by_label("Sześciocyfrowy kod z aplikacji uwierzytelniającej")
    code_field.fill("000000")
    code_field.press("Enter")
    expect(page.locator(".errors")).to_be_visible()  # waits for the answer to the submitted form
    # A person reads the message before typing again; django-otp makes the next try wait a second.
    page.wait_for_timeout(1200)
    code_field = page.get_by_label("Sześciocyfrowy kod z aplikacji uwierzytelniającej")
    code_field.fill(current_code(device))
    code_field.press("Enter")
    page.get_by_role("heading", name="Dzień dobry, Jan").wait_for()
