"""Reports from the public site land in the hotline's triage queue, encrypted."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ostoja.hotline import codes
from ostoja.hotline.models import Contact
from ostoja.hotline.services import contact_from_web_report

pytestmark = pytest.mark.django_db


def test_web_report_is_stored_encrypted_and_untriaged():
    contact = contact_from_web_report(
        language="uk",
        text="Нас тримають на фермі під Радомом",
        contact_details="+48 601 234 567",
        safe_to_contact="after 22:00, only SMS",
        reporter_kind="person",
        location="near Radom",
    )
    contact.refresh_from_db()
    assert contact.source == codes.Source.WEB
    assert contact.channel == codes.Channel.WEB_FORM
    assert contact.language == "uk"
    assert contact.caller_kind == codes.CallerKind.PERSON
    assert contact.summary == "Нас тримають на фермі під Радомом"
    assert contact.contact_details == "+48 601 234 567"
    assert contact.triaged_at is None
    assert list(Contact.objects.untriaged()) == [contact]
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary, contact_details, safe_to_contact, caller_city FROM hotline_contact")
        raw = " ".join(cursor.fetchone())
    for secret in ("Радомом", "601 234", "22:00", "Radom"):
        assert secret not in raw


def test_web_report_keeps_an_unlisted_language_and_unknown_reporter_kind():
    contact = contact_from_web_report(language="tg", text="help", reporter_kind="stranger-kind")
    assert contact.language == "tg"
    assert contact.caller_kind == codes.CallerKind.OTHER
    assert contact.reporter_kind == "stranger-kind"
    anonymous = contact_from_web_report(language="pl", text="pomocy")
    assert anonymous.caller_kind == codes.CallerKind.ANONYMOUS


def test_empty_web_report_is_refused():
    with pytest.raises(ValidationError):
        contact_from_web_report(language="pl", text="   ")
    assert not Contact.objects.exists()


def test_the_duty_worker_links_a_web_report_to_the_person_it_is_about(client_for, case_factory):
    from django.urls import reverse

    from ostoja.accounts.roles import Role

    case = case_factory()
    report = contact_from_web_report(
        language="uk", text="Мою подругу тримають у квартирі", location="Warszawa"
    )
    client = client_for(Role.DUTY_WORKER)
    page = client.get(reverse("hotline:contact", args=[report.pk])).content.decode()
    assert reverse("hotline:contact_link", args=[report.pk]) in page
    found = client.post(reverse("hotline:person_lookup"), {"q": "Olena Kovalenko", "target": "contact-link"})
    assert f'value="c{case.pk}" form="contact-link"' in found.content.decode()
    response = client.post(
        reverse("hotline:contact_link", args=[report.pk]), {"link": f"c{case.pk}", "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.case == case and report.person == case.person and report.caller_kind == "person"
    # Linked once: the form is gone, and a stale second link is refused.
    assert (
        reverse("hotline:contact_link", args=[report.pk])
        not in client.get(reverse("hotline:contact", args=[report.pk])).content.decode()
    )
