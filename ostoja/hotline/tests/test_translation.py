"""A web report in a language staff do not read: an interpreter from the centre's list is asked, the translation kept."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.hotline.models import TranslationRequest
from ostoja.hotline.services import contact_from_web_report
from ostoja.identification import services as identification
from ostoja.identification.models import Interpreter

pytestmark = pytest.mark.django_db


@pytest.fixture
def interpreters(cast):
    def add(name, languages, **fields):
        interpreter = Interpreter(name=name, languages=languages, phone="+48 600 100 200", **fields)
        return identification.interpreter_add(interpreter=interpreter, actor=cast[Role.SUPERVISOR])

    return add("Olha Bondar", ["uk"]), add("Samira Haddad", ["ar", "fr"], agreement_signed=True)


@pytest.fixture
def report():
    return contact_from_web_report(language="ar", text="أخذوا جواز سفري", location="Łódź")


def test_the_report_offers_the_interpreters_who_speak_its_language_first(en, report, interpreters):
    olha, samira = interpreters
    html = en(Role.DUTY_WORKER).get(reverse("hotline:contact", args=[report.pk])).content.decode()
    assert "Ask an interpreter" in html and "If nobody on the team reads it" in html
    assert html.index(f'value="{samira.pk}"') < html.index(f'value="{olha.pk}"')
    assert "Samira Haddad — Arabic (ar), French (fr)" in html


def test_asking_and_recording_the_translation(en, report, interpreters, cast):
    _olha, samira = interpreters
    client = en(Role.DUTY_WORKER)
    response = client.post(
        reverse("hotline:translation_ask", args=[report.pk]),
        {"interpreter": samira.pk, "note": "Whole report."},
    )
    assert response.status_code == 302
    asked = TranslationRequest.objects.get()
    assert (asked.contact, asked.language, asked.interpreter_id, asked.status) == (
        report,
        "ar",
        samira.pk,
        "asked",
    )
    assert AuditEvent.objects.filter(action="create", object_type="translation_request").exists()
    html = client.get(reverse("hotline:contact", args=[report.pk])).content.decode()
    assert "Asked of Samira Haddad" in html and "Asked, waiting for the translation" in html

    done = client.post(
        reverse("hotline:translation_done", args=[asked.pk]), {"translation": "They took my passport."}
    )
    assert done.status_code == 302
    asked.refresh_from_db()
    assert asked.status == "done" and asked.translation == "They took my passport."
    assert asked.translated_by == cast[Role.DUTY_WORKER]
    assert AuditEvent.objects.filter(action="update", object_type="translation_request").exists()
    html = client.get(reverse("hotline:contact", args=[report.pk])).content.decode()
    assert "They took my passport." in html and "Translated" in html


def test_no_interpreter_chosen_keeps_the_note_and_saves_nothing(en, report, interpreters):
    response = en(Role.DUTY_WORKER).post(
        reverse("hotline:translation_ask", args=[report.pk]),
        {"interpreter": "", "note": "Only the first part."},
    )
    assert response.status_code == 422 and "Only the first part." in response.content.decode()
    assert "This field is required." in response.content.decode()
    assert not TranslationRequest.objects.exists()


def test_an_empty_translation_is_refused(en, report, interpreters, cast):
    from ostoja.hotline import services

    asked = services.translation_ask(
        contact=report, interpreter_id=interpreters[1].pk, note="", by=cast[Role.DUTY_WORKER]
    )
    response = en(Role.DUTY_WORKER).post(
        reverse("hotline:translation_done", args=[asked.pk]), {"translation": " "}
    )
    assert response.status_code == 422
    asked.refresh_from_db()
    assert asked.status == "asked"


def test_only_who_may_read_the_report_asks(client_for, case, contact_factory, interpreters, cast):
    linked = contact_factory(
        created_by=cast[Role.CASE_MANAGER], case=case, person=case.person, caller_kind="person"
    )
    response = client_for(Role.DUTY_WORKER).post(
        reverse("hotline:translation_ask", args=[linked.pk]), {"interpreter": interpreters[0].pk}
    )
    assert response.status_code == 403 and not TranslationRequest.objects.exists()
