"""Done-when of the issue: a screening in interpreter mode (Polish + Ukrainian) through to a
recommendation, and a preliminary identification confirmed by a supervisor."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.models import Interpreter
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """Signs in with the staff UI in English (the new screens have no Polish translation yet):
    the cookie covers the sign-in pages, the account's own language setting the rest."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "ostoja_language", "value": "en", "url": live_server.url}])
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="phone", confirmed=True
    )
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.get_by_label("Six-digit code from your authenticator app").fill(
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    )
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name=f"Hello, {user.first_name}").wait_for()


def the_interpreter(page, name):
    """The interpreter present, from the centre's list, and the question about them."""
    page.get_by_label("Interpreter (from the centre's list)").select_option(label=name)
    page.get_by_label("The interpreter is bound by a confidentiality agreement").check()
    page.get_by_label("No: a stranger to the person and the community").check()


def before_the_first_question(page, *, in_pain="no"):
    """The safety and health check and the consent, answered as the person answered them."""
    page.locator("#id_safe_to_talk input[value='yes']").check()
    page.locator(f"#id_in_pain input[value='{in_pain}']").check()
    page.locator("#id_needs_doctor input[value='no']").check()
    page.get_by_label("The person heard what the screening is for and agreed to start").check()


def answer(page, code, value="yes"):
    page.locator(f"#question-{code} input[value='{value}']").check()


def test_interpreter_screening_to_confirmed_preliminary_identification(
    page, live_server, make_staff, case_factory, person_factory
):
    manager = make_staff("opiekun", Role.CASE_MANAGER, first_name="Tomasz", language="en")
    supervisor = make_staff("superwizor", Role.SUPERVISOR, first_name="Piotr", language="en")
    person = person_factory(registered_by=manager, preferred_language="uk", needs_interpreter=True)
    case = case_factory(person=person, manager=manager)
    services.interpreter_add(interpreter=Interpreter(name="Olha Bondar", languages=["uk"]), actor=supervisor)

    sign_in(page, live_server, manager)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="New screening").click()
    page.get_by_label("Labour exploitation").check()
    assert page.get_by_label("Language of the person").input_value() == "uk"
    assert page.get_by_label("An interpreter is present").is_checked()
    page.get_by_label("No: clearly an adult").check()
    the_interpreter(page, "Olha Bondar (Ukrainian)")
    before_the_first_question(page)
    page.get_by_role("button", name="Start the screening").click()

    # Interpreter mode: the worker's wording and, beside it, the person's own language.
    page.get_by_role("heading", name="Screening: Deceptive recruitment").wait_for()
    question = page.locator("#question-dr_job")
    assert "Deceived about the nature of the job" in question.inner_text()
    person_text = question.locator("p.plain-person")
    assert person_text.get_attribute("lang") == "uk"
    assert person_text.inner_text() == "Чи хтось обманув вас щодо роботи, місця або роботодавця?"
    assert "Ви можете зупинитися будь-коли." in page.locator(".say-first").inner_text()
    assert "Так" in question.inner_text()  # the answers are labelled in Ukrainian too

    answer(page, "dr_job")
    answer(page, "dr_wages")
    answer(page, "dr_housing", "unknown")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Screening: Coercive recruitment").wait_for()
    answer(page, "cr_violence", "declined")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Screening: Recruitment by abuse of vulnerability").wait_for()
    # Enter on an answer continues (it must never press "stop").
    page.locator("#question-vr_economic input[value='no']").check()
    page.locator("#question-vr_economic input[value='no']").press("Enter")
    page.get_by_role("heading", name="Screening: Exploitative conditions").wait_for()
    answer(page, "ex_hours")
    answer(page, "ex_pay")
    page.get_by_role("button", name="Save and pause").click()

    # Half-done, saved and resumed from the case page.
    page.get_by_role("link", name="Continue the screening").click()
    page.get_by_role("heading", name="Screening: Exploitative conditions").wait_for()
    assert page.locator("#question-ex_hours input[value='yes']").is_checked()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Screening: Coercion at destination").wait_for()
    answer(page, "cd_documents")
    answer(page, "cd_isolation")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Screening: Abuse of vulnerability at destination").wait_for()
    page.get_by_role("button", name="Save and see the result").click()

    page.locator("#recommendation").wait_for()
    assert page.locator("#recommendation").inner_text() == "Presumed victim of trafficking"
    assert "This is an aid, not a decision." in page.content()
    assert page.locator("#scoring-rule").is_visible()
    page.get_by_role("button", name="Mark the screening complete").click()
    page.get_by_text("The screening is complete.").wait_for()

    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("Identification status").select_option("preliminary")
    page.get_by_label("Grounds for the decision").fill(
        "Screening: presumed victim; passport kept by the employer."
    )
    page.get_by_role("button", name="Record").click()
    page.get_by_text("The change takes effect when a supervisor confirms it.").wait_for()
    assert page.locator("#pending-status").inner_text().startswith("Preliminary identification")

    sign_in(page, live_server, supervisor)
    page.get_by_role("link", name="Confirmations").first.click()
    card = page.locator("section.card").filter(has_text=case.number)
    assert "passport kept by the employer" in card.inner_text()
    card.get_by_label("Confirm").check()
    card.get_by_role("button", name="Save the decision").click()
    page.get_by_text(f"Confirmed: case {case.number} has its new status.").wait_for()

    page.goto(f"/cases/{case.pk}/")
    assert page.locator("#current-status").inner_text() == "Preliminary identification by the centre"
    assert services.current_status(case).status == "preliminary"
