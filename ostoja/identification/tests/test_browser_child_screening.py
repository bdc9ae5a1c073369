"""A child sexual-exploitation screening in Ukrainian interpreter mode, to "presumed victim" by the
child rule: safety and consent first, the sexual-exploitation wording, sexual violence asked apart,
provisional weights marked, and the path that fired named on the result."""

import datetime

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.models import Interpreter, Screening
from ostoja.identification.tests.test_browser_identification import (
    answer,
    before_the_first_question,
    sign_in,
    the_interpreter,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_child_sexual_screening_in_ukrainian_to_presumed_victim_by_the_child_rule(
    page, live_server, make_staff, case_factory, person_factory
):
    manager = make_staff("opiekunka", Role.CASE_MANAGER, first_name="Anna", language="en")
    born = timezone.localdate() - datetime.timedelta(days=16 * 365)
    person = person_factory(
        registered_by=manager, preferred_language="uk", needs_interpreter=True, date_of_birth=born
    )
    case = case_factory(person=person, manager=manager)
    services.interpreter_add(
        interpreter=Interpreter(name="Olha Bondar", languages=["uk", "ru"], agreement_signed=True),
        actor=manager,
    )

    sign_in(page, live_server, manager)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="New screening").click()
    # The age comes from the date of birth: the child lists, no question about it.
    assert "Under 18 by the date of birth" in page.locator("#minor-rules").inner_text()
    assert page.get_by_label("Could the person be under 18?").count() == 0
    page.get_by_label("Sexual exploitation").check()
    assert page.get_by_label("Language of the person").input_value() == "uk"
    assert page.get_by_label("An interpreter is present").is_checked()
    # Safety, health and consent are read in the person's language before any question.
    consent = page.locator("#say-consent")
    assert consent.get_attribute("lang") == "uk"
    assert "Ми не передаємо їх поліції автоматично" in consent.inner_text()
    assert page.locator("#say-safe").inner_text() == "Чи можете ви зараз безпечно говорити?"
    the_interpreter(page, "Olha Bondar (Ukrainian, Russian)")
    before_the_first_question(page)
    page.get_by_role("button", name="Start the screening").click()

    page.get_by_role("heading", name="Screening: Deceptive recruitment").wait_for()
    assert "Children — sexual exploitation" in page.content()
    assert page.locator("#provisional-note").is_visible()
    question = page.locator("#question-dr_job")
    person_text = question.locator("p.plain-person")
    assert person_text.get_attribute("lang") == "uk"
    assert (
        person_text.inner_text() == "Чи хтось обманув вас щодо того, що ви там робитимете, де або для кого?"
    )
    assert "strong indicator" in question.inner_text()
    for _ in range(3):
        page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Screening: Exploitative conditions").wait_for()
    hazardous = page.locator("#question-ex_hazardous")
    assert "strong indicator" in hazardous.inner_text() and "provisional" not in hazardous.inner_text()
    answer(page, "ex_hours")
    answer(page, "ex_hazardous")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Screening: Coercion at destination").wait_for()
    sexual_violence = page.locator("#question-cd_sexual_violence")
    assert "The person may skip it" in sexual_violence.inner_text()
    assert sexual_violence.locator("p.plain-person").get_attribute("lang") == "uk"
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Screening: Abuse of vulnerability at destination").wait_for()
    page.get_by_role("button", name="Save and see the result").click()

    page.locator("#recommendation").wait_for()
    assert page.locator("#recommendation").inner_text() == "Presumed victim of trafficking"
    assert page.locator("#legal-path").inner_text().startswith("Child rule")
    assert "the means are not required" in page.locator("#legal-path").inner_text()
    assert "Minor: the child rule applies" in page.content()
    assert page.locator("#indicator-file").is_visible()
    screening = Screening.objects.get(case=case)
    assert screening.indicator_list == "child_sexual" and screening.consent_at is not None
    assert screening.interpreter.name == "Olha Bondar" and screening.interpreter_relation == "no"
    assert "Olha Bondar" in page.locator("#interpreter-record").inner_text()
