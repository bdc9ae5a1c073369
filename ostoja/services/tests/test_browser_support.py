"""Done-when of the support issue, in a browser: a person returning from abroad, from an initial needs
assessment by phone, through a full assessment and a safety assessment with a high risk, to an approved
plan with three services delivered; the high-risk flag on the duty card and on the worklist."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.roles import Role
from ostoja.cases.codes import Phase
from ostoja.plans.models import SupportPlan
from ostoja.services.catalogue import install
from ostoja.services.models import Delivery, Service
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "ostoja_language", "value": "en", "url": live_server.url}])
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="phone", confirmed=True
    )
    # Signing in again within the same 30 seconds: the code may be used once per device and step.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.get_by_label("Six-digit code from your authenticator app").fill(
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    )
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name=f"Hello, {user.first_name}").wait_for()


def test_from_a_phone_assessment_abroad_to_an_approved_plan_with_three_services(
    page, live_server, make_staff, case_factory, person_factory
):
    install(Service)
    manager = make_staff("opiekun", Role.CASE_MANAGER, first_name="Tomasz", language="en")
    supervisor = make_staff("superwizor", Role.SUPERVISOR, first_name="Piotr", language="en")
    duty = make_staff("dyzurna", Role.DUTY_WORKER, first_name="Ewa", language="en")
    person = person_factory(registered_by=manager, preferred_language="uk")
    case = case_factory(person=person, manager=manager, phase=Phase.BEFORE_RETURN)
    today = timezone.localdate()

    sign_in(page, live_server, manager)
    page.goto(f"/cases/{case.pk}/")
    # 1. The initial needs assessment, by phone while the person is still abroad.
    page.get_by_role("link", name="Initial needs assessment").click()
    assert page.get_by_label("Initial needs assessment").is_checked()
    assert page.get_by_label("By phone").is_checked()
    assert page.get_by_label("the person was still abroad").is_checked()
    page.locator("#id_accommodation_severity").select_option(label="Urgent")
    page.locator("#id_accommodation_words").fill("I have nowhere to go when I land.")
    page.locator("#id_documents_severity").select_option(label="High")
    page.locator("#id_legal_declined").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The needs assessment is saved.").wait_for()

    # 2. After return, the full assessment starts from the first and shows what changed.
    case.phase = Phase.AFTER_RETURN
    case.save()
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="New needs assessment (starts from the last one)").click()
    assert page.get_by_label("Full needs assessment").is_checked()
    assert page.locator("#id_accommodation_words").input_value() == "I have nowhere to go when I land."
    page.get_by_label("In person").check()
    page.locator("#id_accommodation_severity").select_option(label="Low")
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row", name="Accommodation")
    assert "better" in row.inner_text()

    # 3. The safety assessment: a threat without its likelihood is refused, then rated high.
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="New safety assessment").click()
    page.get_by_role("table", name="Risk matrix: severity × likelihood gives the risk level").wait_for()
    page.locator("#id_threat-0-at_risk").select_option(label="The person")
    page.locator("#id_threat-0-threat").select_option(label="Traffickers know where the person is")
    page.locator("#id_threat-0-severity").select_option(label="High")
    page.locator("#id_code_word").fill("Sunflower")
    page.locator("#id_review_on").fill((today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Please correct the form").wait_for()
    assert page.locator("#id_code_word").input_value() == "Sunflower"
    page.locator("#id_threat-0-likelihood").select_option(label="Medium")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The safety assessment is saved: High risk.").wait_for()

    # 4. The plan: goals, the person's agreement in their words, then the supervisor approves.
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("button", name="Draft the support plan").click()
    page.locator("#id_goal-0-domain").select_option(label="Accommodation")
    page.locator("#id_goal-0-goal").fill("Safe housing")
    page.locator("#id_goal-0-due_on").fill((today + timedelta(days=21)).isoformat())
    page.locator("#id_goal-1-domain").select_option(label="Documents")
    page.locator("#id_goal-1-goal").fill("A new passport")
    page.get_by_label("the person agrees with the plan").check()
    page.get_by_label("the person's agreement, in their words").fill("Так, я згодна з планом.")
    page.get_by_label("language of the agreement (ISO 639)").fill("uk")
    page.get_by_label("interpreter who helped").fill("Iryna (interpreter)")
    page.get_by_label("review the plan on").fill((today + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The plan is saved.").wait_for()
    plan = SupportPlan.objects.get(case=case)

    sign_in(page, live_server, supervisor)
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("button", name="Approve the plan").click()
    page.get_by_text("The plan is approved.").wait_for()

    # 5. Three services delivered, each for a goal of the plan.
    sign_in(page, live_server, manager)
    for service, goal, provider in (
        ("Crisis intervention: short-term accommodation", "Accommodation: Safe housing", ""),
        ("Document restoration", "Documents: A new passport", "Consulate of Ukraine"),
        ("Interpretation", "", "Interpreting agency"),
    ):
        page.goto(f"/services/cases/{case.pk}/new/")
        page.locator("#id_service").select_option(label=service)
        if provider:
            page.get_by_label("or an outside provider, by name").fill(provider)
            page.get_by_label("delivered by (staff)").select_option(value="")
        if goal:
            page.get_by_label("plan goal it serves").select_option(label=goal)
        page.get_by_label("duration in minutes").fill("60")
        page.get_by_role("button", name="Save").click()
        page.get_by_text("The service is recorded.").wait_for()
    assert Delivery.objects.filter(case=case).count() == 3
    assert page.get_by_role("row").count() == 4  # the header and three services

    # 6. The high risk shows on the worklist …
    page.goto("/cases/")
    row = page.get_by_role("row", name=case.number)
    assert "High risk" in row.inner_text()
    assert "Plan action due" in row.inner_text()  # the next step, from the approved plan

    # … and on the duty card.
    sign_in(page, live_server, duty)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("heading", name=f"Duty card — {case.number}").wait_for()
    assert page.locator(".case-flags").inner_text().strip() == "High risk"
