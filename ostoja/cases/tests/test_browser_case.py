"""Register a person, get the duplicate warning for a transliterated name, open a case, find it again."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.roles import Role
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/sign-in/")
    page.get_by_label("Nazwa użytkownika").fill(user.username)
    page.get_by_label("Hasło").fill(TEST_PASSWORD)
    page.get_by_label("Hasło").press("Enter")
    page.get_by_label("Sześciocyfrowy kod z aplikacji uwierzytelniającej").fill(
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    )
    page.get_by_role("button", name="Zweryfikuj").click()
    page.get_by_role("heading", name=f"Dzień dobry, {user.first_name}").wait_for()


def register(page, given, family, given_latin="", family_latin=""):
    page.get_by_role("link", name="Zarejestruj osobę").first.click()
    page.get_by_label("Imię (w oryginalnym zapisie)").fill(given)
    page.get_by_label("Nazwisko (w oryginalnym zapisie)").fill(family)
    if given_latin:
        page.get_by_label("Imię alfabetem łacińskim").fill(given_latin)
        page.get_by_label("Nazwisko alfabetem łacińskim").fill(family_latin)
    page.get_by_role("button", name="Zarejestruj").click()


def test_register_duplicate_warning_open_case_and_find_in_other_script(page, make_staff):
    manager = make_staff("opiekun", Role.CASE_MANAGER, first_name="Tomasz")
    sign_in(page, manager)

    register(page, "Олена", "Коваленко", "Olena", "Kovalenko")
    page.get_by_role("heading", name="Олена Коваленко (Olena Kovalenko)").wait_for()

    # The same woman, spelled the Polish way by a colleague: the system warns before a second record.
    register(page, "Ołena", "Kowalenko")
    warning = page.get_by_role("alert").filter(has_text="Możliwe duplikaty")
    warning.wait_for()
    assert "Олена Коваленко" in warning.inner_text()
    warning.get_by_role("link", name="Олена Коваленко (Olena Kovalenko)").click()

    page.get_by_role("link", name="Otwórz sprawę").click()
    page.get_by_label("Etap").select_option("before_return")
    page.get_by_role("button", name="Otwórz sprawę").click()
    page.get_by_role("heading", name="Sprawa").wait_for()
    number = page.locator("h1").inner_text().split()[1]

    page.get_by_role("link", name="Znajdź osobę").first.click()
    page.get_by_label("Imię i nazwisko (dowolny alfabet), telefon, numer dokumentu lub data urodzenia").fill(
        "Kowalenko Ołena"
    )
    page.get_by_role("button", name="Szukaj").click()
    results = page.locator("ul.results")
    assert "Olena Kovalenko" in results.inner_text()
    results.get_by_role("link", name=number).click()
    page.get_by_role("heading", name=f"Sprawa {number}").wait_for()
