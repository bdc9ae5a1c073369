"""A case manager records the person's consent and refers the case to a Faire Mobilität advice centre,
then downloads the letter in German with only the consented items."""

import io

import pikepdf
import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.partners import seed
from ostoja.partners.models import Organisation
from ostoja.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_refer_a_case_to_faire_mobilitaet_with_consent_and_download_the_letter(
    page, case_factory, person_factory, cast
):
    seed.load(Organisation)  # a transactional test starts from empty tables: the migration's seed again
    berlin = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    person = person_factory(phone="+48 600 100 200")
    case = case_factory(person=person)
    sign_in(page, cast[Role.CASE_MANAGER])

    # Without a consent the referral is refused, and what was typed stays.
    page.goto(f"/referrals/cases/{case.pk}/new/")
    page.get_by_role("combobox", name="Partner").select_option(label=str(berlin))
    page.get_by_role("combobox", name="Cel").select_option("labour_rights")
    page.get_by_role("checkbox", name="Imię i nazwisko").check()
    page.get_by_role("button", name="Przygotuj skierowanie").click()
    page.get_by_role("alert").filter(has_text="Żadna obowiązująca zgoda").wait_for()
    assert page.get_by_role("checkbox", name="Imię i nazwisko").is_checked()

    # The consent, given orally through an interpreter: name only, this partner, this purpose.
    page.get_by_role("link", name="Zgody osoby").click()
    page.get_by_role("combobox", name="Zgoda na").select_option("sharing")
    page.get_by_role("combobox", name="Partner").select_option(label=str(berlin))
    page.get_by_role("combobox", name="Cel").select_option("labour_rights")
    page.get_by_role("checkbox", name="Imię i nazwisko").check()
    page.get_by_role("combobox", name="Wyrażona").select_option("spoken")
    page.get_by_label("Przez tłumacza").fill("Anna Nowak")
    page.get_by_label("Data wyrażenia zgody").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Zapisz").click()
    page.get_by_text("Zgoda została zapisana.").wait_for()

    # The referral starts from nothing shared; the worker adds the name, which the consent covers.
    page.goto(f"/referrals/cases/{case.pk}/new/")
    assert not page.get_by_role("checkbox", name="Bezpieczny numer telefonu").is_checked()
    page.get_by_role("combobox", name="Partner").select_option(label=str(berlin))
    page.get_by_role("combobox", name="Cel").select_option("labour_rights")
    page.get_by_role("checkbox", name="Imię i nazwisko").check()
    page.get_by_role("combobox", name="Język pisma").select_option("de")
    page.get_by_role("button", name="Przygotuj skierowanie").click()
    page.get_by_role("heading", name=f"Skierowanie: {berlin}").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz pismo (PDF)").click()
    pdf = download.value.path().read_bytes()
    assert download.value.suggested_filename == f"referral-{case.number.replace('/', '-')}-de.pdf"
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked and str(document.Root.Lang) == "de"
        assert document.Root.get("/StructTreeRoot") is not None
        assert str(document.docinfo["/Title"]) == f"Überweisung — {case.number}"
    referral = Referral.objects.get()
    assert referral.items == ["name"] and referral.consent is not None

    # Sent, with a follow-up day; the partner's answer comes later.
    page.get_by_role("combobox", name="Nowy status").select_option("sent")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    page.get_by_text("Status skierowania: Wysłane.").wait_for()
