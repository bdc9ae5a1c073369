"""A partner's country is stored as its ISO code (in the partner directory) and shown in the language of
each public page; country names typed in any language are recognised."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.partners.models import Organisation
from ostoja.people.countries import code_for, country_choices, country_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client_for):
    return client_for(Role.SUPERVISOR)  # the staff pages in Polish


def organisation_data(organisation, **changes):
    data = {
        "name": organisation.name, "kind": organisation.kind, "services": organisation.services,
        "languages": organisation.languages, "country": organisation.country, "city": organisation.city,
        "website": organisation.website, "active": "on", "public": "on",
        "public_group": organisation.public_group, "order": organisation.order,
        # What the form shows: the organisation's version when it was opened.
        "version": organisation.version,
    }  # fmt: skip
    return data | changes


def test_names_come_from_the_code_in_the_readers_language():
    assert country_name("DE", "pl") == "Niemcy"
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("DE", "ka") == "გერმანია"
    assert country_name("DE", "ar") == "ألمانيا"
    assert country_name("NL", "uk") == "Нідерланди"
    assert country_name("Narnia", "pl") == "Narnia"  # not a code: shown as it is
    names = [name for _code, name in country_choices("pl")]
    assert names.index("Niemcy") < names.index("Polska") < names.index("Włochy")


def test_names_in_any_language_are_recognised():
    for text, code in [("Deutschland", "DE"), ("Niemcy", "DE"), ("Nederland", "NL"), ("Polska", "PL"),
                       ("  netherlands ", "NL"), ("Україна", "UA"), ("pl", "PL"), ("Narnia", ""), ("", "")]:  # fmt: skip
        assert code_for(text) == code, text


def test_the_directory_stores_the_code_and_each_public_page_names_the_country(editor):
    fairwork = Organisation.objects.get(website="https://www.fairwork.nu")
    edit = reverse("partners:organisation_edit", args=[fairwork.pk])
    form = editor.get(edit).content.decode()
    assert '<option value="NL" selected>Holandia</option>' in form

    refused = editor.post(edit, organisation_data(fairwork, country="Holland"))
    assert refused.status_code == 400 and 'id="id_country_error"' in refused.content.decode()
    saved = editor.post(edit, organisation_data(fairwork, country="BE"))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    fairwork.refresh_from_db()
    assert fairwork.country == "BE"
    for language, name in [("pl", "Belgia"), ("de", "Belgien"), ("ar", "بلجيكا"), ("en", "Belgium")]:
        html = editor.get(reverse("public:abroad", args=[language])).content.decode()
        assert f"<dd>{name}</dd>" in html, language
