"""An anonymous intervention becomes a person and a case (or is linked to a person on file)."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.cases.models import Case
from ostoja.people.models import ContactChannel, Person

pytestmark = pytest.mark.django_db


def _url(intervention):
    return reverse("hotline:intervention_register", args=[intervention.pk])


def _form(intervention, cast, **fields):
    data = {
        "version": intervention.contact.version, "given_name": "Amina", "family_name": "Haddad",
        "phone": "+48 601 234 567", "case_manager": cast[Role.CASE_MANAGER].pk, "phase": "foreigner_in_poland",
    }  # fmt: skip
    data.update(fields)
    return data


def test_the_intervention_page_offers_registration_while_anonymous(en, intervention_factory):
    intervention = intervention_factory()
    html = en(Role.DUTY_WORKER).get(reverse("hotline:intervention", args=[intervention.pk])).content.decode()
    assert _url(intervention) in html and "Register the person and open a case" in html


def test_a_new_person_and_case_in_one_step_carry_what_the_intervention_knows(en, intervention_factory, cast):
    intervention = intervention_factory(language="ar", interpreter_used=True)
    client = en(Role.DUTY_WORKER)
    page = client.get(_url(intervention))
    assert page.status_code == 200 and 'name="given_name"' in page.content.decode()
    response = client.post(_url(intervention), _form(intervention, cast))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("hotline:intervention", args=[intervention.pk])
    contact = intervention.contact
    contact.refresh_from_db()
    person = Person.objects.get(pk=contact.person_id)
    case = Case.objects.get(pk=contact.case_id)
    assert case.person_id == person.pk and case.case_manager == cast[Role.CASE_MANAGER]
    assert (person.given_name, person.family_name) == ("Amina", "Haddad")
    assert person.preferred_language == "ar" and person.languages == ["ar"] and person.needs_interpreter
    assert ContactChannel.objects.get(person=person).value == "+48601234567"
    assert contact.caller_kind == "person"
    rows = {(e.action, e.object_type) for e in AuditEvent.objects.filter(actor=cast[Role.DUTY_WORKER])}
    assert {("create", "person"), ("create", "case"), ("update", "contact")} <= rows
    # The intervention now shows the case and no longer offers registration.
    html = client.get(reverse("hotline:intervention", args=[intervention.pk])).content.decode()
    assert case.number in html and _url(intervention) not in html
    assert client.get(_url(intervention))["Location"] == reverse(
        "hotline:intervention", args=[intervention.pk]
    )


def test_a_case_manager_may_register_too(en, intervention_factory, cast):
    intervention = intervention_factory()
    response = en(Role.CASE_MANAGER).post(_url(intervention), _form(intervention, cast))
    assert response.status_code == 302
    assert Case.objects.count() == 1 and Person.objects.count() == 1


def test_missing_choices_keep_what_was_typed_and_save_nothing(en, intervention_factory, cast):
    intervention = intervention_factory()
    before = Person.objects.count()
    response = en(Role.DUTY_WORKER).post(
        _url(intervention), _form(intervention, cast, case_manager="", phase="")
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Choose the case manager for the new case." in html and "Choose the phase of the new case." in html
    assert 'value="Amina"' in html
    assert Person.objects.count() == before and Case.objects.count() == 0


def test_the_duplicate_check_offers_the_person_on_file_and_links_it(
    en, intervention_factory, cast, person_factory
):
    known = person_factory(given="Amina", family="Haddad", given_latin="", family_latin="")
    intervention = intervention_factory()
    client = en(Role.DUTY_WORKER)
    first = client.post(_url(intervention), _form(intervention, cast))
    html = first.content.decode()
    assert first.status_code == 200 and "Possible duplicates" in html
    assert f'value="p{known.pk}"' in html and 'name="confirm_new" value="on"' in html
    assert Person.objects.count() == 1
    linked = client.post(_url(intervention), _form(intervention, cast, link=f"p{known.pk}", confirm_new="on"))
    assert linked.status_code == 302
    contact = intervention.contact
    contact.refresh_from_db()
    assert contact.person_id == known.pk and contact.case_id is None
    assert Person.objects.count() == 1 and Case.objects.count() == 0


def test_confirming_a_new_person_after_the_duplicate_check(en, intervention_factory, cast, person_factory):
    person_factory(given="Amina", family="Haddad", given_latin="", family_latin="")
    intervention = intervention_factory()
    client = en(Role.DUTY_WORKER)
    client.post(_url(intervention), _form(intervention, cast))
    response = client.post(_url(intervention), _form(intervention, cast, confirm_new="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2 and Case.objects.count() == 1


def test_the_look_up_budget_applies_to_the_duplicate_check(
    en, intervention_factory, cast, settings, monkeypatch
):
    from ostoja.web import ratelimit

    monkeypatch.setattr(ratelimit, "spend_lookup", lambda **kwargs: False)
    intervention = intervention_factory()
    response = en(Role.DUTY_WORKER).post(_url(intervention), _form(intervention, cast))
    assert response.status_code == 429 and Person.objects.count() == 0
    assert AuditEvent.objects.filter(action="deny", details__lookup="duplicate_check").exists()


def test_a_stale_version_saves_nothing(en, intervention_factory, cast):
    intervention = intervention_factory()
    response = en(Role.DUTY_WORKER).post(_url(intervention), _form(intervention, cast, version=99))
    assert response.status_code == 409 and Person.objects.count() == 0 and Case.objects.count() == 0


def test_a_linked_intervention_is_not_registered_again(en, intervention_factory, cast, case):
    intervention = intervention_factory(case=case, person=case.person, caller_kind="person")
    response = en(Role.SUPERVISOR).post(_url(intervention), _form(intervention, cast))
    assert response.status_code == 302 and Person.objects.count() == 1
