"""Passkeys in a real Chromium with a virtual authenticator (Chrome DevTools' WebAuthn domain):
a staff member enrols a passkey on their account page, then signs in with it."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.testing.browser import submit
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE_LABEL = "Sześciocyfrowy kod z aplikacji uwierzytelniającej"


@pytest.fixture
def passkey_origin(settings, live_server):
    # The live server listens on localhost at a random port; passkeys are bound to "localhost".
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server.url


def virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def password_step(page, username: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Nazwa użytkownika").fill(username)
    page.get_by_label("Hasło").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Dalej").click()
    page.wait_for_url("**/sign-in/code/")


def test_enrol_a_passkey_then_sign_in_with_it(page, make_staff, passkey_origin):
    user = make_staff("ewa", Role.CASE_MANAGER, first_name="Ewa")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    cdp, authenticator = virtual_authenticator(page)

    password_step(page, "ewa")
    page.get_by_label(CODE_LABEL).fill(current_code(device))
    page.get_by_role("button", name="Zweryfikuj").click()
    page.get_by_role("heading", name="Dzień dobry, Ewa").wait_for()

    # Enrol: the account page, a name and the password again, then the browser's ceremony.
    page.get_by_role("link", name="Ewa").click()
    page.get_by_role("heading", name="Twoje konto").wait_for()
    page.get_by_role("link", name="Dodaj klucz dostępu").click()
    page.get_by_label("Nazwa klucza dostępu").fill("Laptop służbowy")
    page.get_by_label("Twoje hasło (w celu potwierdzenia)").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Dalej").click()
    page.get_by_role("button", name="Utwórz klucz dostępu").click()
    page.get_by_text("Dodano klucz dostępu „Laptop służbowy”.").wait_for()
    assert page.get_by_role("cell", name="Laptop służbowy", exact=True).is_visible()
    passkey = WebAuthnCredential.objects.get(user=user)
    assert passkey.name == "Laptop służbowy" and passkey.confirmed
    assert AuditEvent.objects.filter(action="create", object_type="passkey").count() == 1
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    # Sign out, then in again: the passkey is offered first and is enough.
    page.get_by_role("button", name="Wyloguj").click()
    password_step(page, "ewa")
    passkey_button = page.get_by_role("button", name="Zaloguj się kluczem dostępu")
    passkey_button.wait_for()
    assert page.get_by_text("Klucze dostępu wymagają JavaScriptu").count() == 0
    passkey_button.click()
    page.get_by_role("heading", name="Dzień dobry, Ewa").wait_for()
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_a_role_that_requires_passkeys_enrols_one_at_first_sign_in(page, make_staff, passkey_origin):
    from ostoja.accounts.models import SignInPolicy

    SignInPolicy.objects.create(pk=SignInPolicy.SINGLETON, passkey_roles=[Role.SUPERVISOR])
    make_staff("olga", Role.SUPERVISOR, first_name="Olga")
    virtual_authenticator(page)

    password_step_url = "**/account/passkeys/add/"
    page.goto("/sign-in/")
    page.get_by_label("Nazwa użytkownika").fill("olga")
    page.get_by_label("Hasło").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Dalej").click()
    # No authenticator app is offered: the first factor of this role is a passkey.
    page.wait_for_url(password_step_url)
    page.get_by_label("Nazwa klucza dostępu").fill("Klucz USB")
    page.get_by_label("Twoje hasło (w celu potwierdzenia)").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Dalej").click()
    page.get_by_role("button", name="Utwórz klucz dostępu").click()
    # Then the new passkey confirms the sign-in.
    page.wait_for_url("**/sign-in/code/")
    assert page.get_by_label(CODE_LABEL).count() == 0
    page.get_by_role("button", name="Zaloguj się kluczem dostępu").click()
    page.get_by_role("heading", name="Dzień dobry, Olga").wait_for()
    assert not TOTPDevice.objects.filter(user__username="olga").exists()


@pytest.mark.parametrize("width", [1280, 360])
def test_passkey_pages_pass_axe(browser, live_server, passkey_origin, make_staff, width):
    from axe_playwright_python.sync_playwright import Axe
    from django.urls import reverse

    from ostoja.accounts.tests.test_passkeys import give_passkey
    from ostoja.cases.tests.test_browser_case import sign_in

    def violations(page) -> list[str]:
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        results = Axe().run(page, options=options)
        return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]]

    # axe is injected through the DevTools protocol; the pages' own CSP stays as it is for them.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(10_000)
    admin = make_staff("adam", Role.ADMINISTRATOR, first_name="Adam")
    give_passkey(admin, "Laptop służbowy")
    found = []
    # The second step with a passkey and the app's code as the alternative.
    page.goto("/sign-in/")
    page.get_by_label("Nazwa użytkownika").fill("adam")
    page.get_by_label("Hasło").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Dalej").click()
    page.wait_for_url("**/sign-in/code/")
    found += violations(page)
    page.context.clear_cookies()
    sign_in(page, admin)
    passkey = WebAuthnCredential.objects.get(user=admin)
    for url in (
        reverse("accounts:account"),
        reverse("accounts:passkey_add"),
        reverse("accounts:passkey_remove", args=[passkey.pk]),
        reverse("accounts:sign_in_policy"),
        reverse("accounts:staff_edit", args=[admin.pk]),
    ):
        page.goto(url)
        found += violations(page)
    # The ceremony step, and a form with errors.
    page.goto(reverse("accounts:passkey_add"))
    page.get_by_label("Nazwa klucza dostępu").fill("Klucz USB")
    page.get_by_label("Twoje hasło (w celu potwierdzenia)").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Dalej").click()
    page.get_by_role("button", name="Utwórz klucz dostępu").wait_for()
    found += violations(page)
    page.goto(reverse("accounts:passkey_remove", args=[passkey.pk]))
    submit(page, page.get_by_role("button", name="Usuń klucz dostępu"))
    found += violations(page)
    context.close()
    assert not found, "\n".join(found)


def test_without_javascript_the_code_still_works_and_the_passkey_says_why_not(
    browser, live_server, passkey_origin, make_staff
):
    from ostoja.accounts.tests.test_passkeys import give_passkey

    user = make_staff("ewa", Role.CASE_MANAGER, first_name="Ewa")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    give_passkey(user)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    password_step(page, "ewa")
    assert not page.get_by_role("button", name="Zaloguj się kluczem dostępu").is_visible()
    assert page.get_by_text("Klucze dostępu wymagają JavaScriptu").is_visible()
    page.get_by_label(CODE_LABEL).fill(current_code(device))
    page.get_by_role("button", name="Zweryfikuj").click()
    page.get_by_role("heading", name="Dzień dobry, Ewa").wait_for()
    context.close()
