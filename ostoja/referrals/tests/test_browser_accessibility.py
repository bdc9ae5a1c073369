"""axe-core (WCAG 2.1 A and AA) finds no violation on the directory, consent and referral pages, desktop
and phone, forms with errors included."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_accessibility import axe_page, violations  # noqa: F401
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.consent import services as consent_services
from ostoja.consent.models import Consent
from ostoja.hotline.models import Contact
from ostoja.partners import seed
from ostoja.partners.models import Organisation
from ostoja.referrals import services
from ostoja.referrals.models import Consultation, IncomingReferral, Referral
from ostoja.testing.browser import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_referral_pages_pass_axe(axe_page, width, make_staff, case_factory):  # noqa: F811
    axe_page.set_viewport_size({"width": width, "height": 900})
    seed.load(Organisation)
    berlin = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    supervisor = make_staff("superwizor", Role.SUPERVISOR, first_name="Piotr")
    case = case_factory(manager=supervisor)
    consent = consent_services.consent_record(
        consent=Consent(case=case, scope="sharing", partner=berlin, purpose="labour_rights", items=["name"],
                        given_how="spoken", interpreter="Anna", given_on=timezone.localdate()),
        actor=supervisor,
    )  # fmt: skip
    referral = services.referral_draft(
        referral=Referral(
            case=case, partner=berlin, purpose="labour_rights", items=["name"], letter_language="de"
        ),
        actor=supervisor,
    )
    consultation = Consultation.objects.create(
        organisation=berlin, asked_by="A counsellor", held_on=timezone.localdate(), topic="labour", question="Q",
        advice="A", minutes=20, recorded_by=supervisor,
    )  # fmt: skip
    incoming = services.incoming_receive(
        incoming=IncomingReferral(partner=berlin, referred_by="A counsellor"),
        contact=Contact(channel="email", summary="Referred."),
        actor=supervisor,
    )
    sign_in(axe_page, supervisor)
    pages = [
        reverse("partners:directory") + "?country=DE",
        reverse("partners:organisation", args=[berlin.pk]),
        reverse("partners:organisation_edit", args=[berlin.pk]),
        reverse("consent:case_consents", args=[case.pk]),
        reverse("consent:consent_withdraw", args=[consent.pk]),
        reverse("referrals:referral_new", args=[case.pk]),
        reverse("referrals:referral", args=[referral.pk]),
        reverse("referrals:consultations"),
        reverse("referrals:consultation_new"),
        reverse("referrals:consultation", args=[consultation.pk]),
        reverse("referrals:incoming_list"),
        reverse("referrals:incoming_new"),
        reverse("referrals:incoming", args=[incoming.pk]),
    ]
    found = []
    for url in pages:
        axe_page.goto(url)
        found += violations(axe_page)
    # Forms with errors: a referral without consent for the items, a consent without its partner.
    axe_page.goto(reverse("referrals:referral_new", args=[case.pk]))
    axe_page.get_by_role("combobox", name="Partner").select_option(label=str(berlin))
    axe_page.get_by_role("checkbox", name="Bezpieczny numer telefonu").check()
    submit(axe_page, axe_page.get_by_role("button", name="Przygotuj skierowanie"))
    found += violations(axe_page)
    axe_page.goto(reverse("consent:case_consents", args=[case.pk]))
    axe_page.get_by_role("combobox", name="Zgoda na").select_option("sharing")
    submit(axe_page, axe_page.get_by_role("button", name="Zapisz"))
    found += violations(axe_page)
    assert not found, "\n".join(found)
