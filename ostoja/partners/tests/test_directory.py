"""The seeded directory of a fresh installation, searching it, and editing it."""

import pytest
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.partners import seed
from ostoja.partners.models import Organisation
from ostoja.partners.views import search
from ostoja.testing.access import login_verified

pytestmark = pytest.mark.django_db

CENTRES = ["Berlin", "Dortmund", "Frankfurt am Main", "Hamburg", "München", "Stuttgart"]


def test_a_fresh_installation_holds_iom_fairwork_and_the_six_faire_mobilitaet_centres():
    # The test database is built by the migrations, as a fresh installation is.
    iom = Organisation.objects.get(name="IOM — International Organization for Migration")
    assert iom.country == "PL" and "voluntary_return" in iom.services and iom.phone == "+48 22 538 91 86"
    fairwork = Organisation.objects.get(name="FairWork")
    assert fairwork.country == "NL" and "labour_rights" in fairwork.services
    centres = Organisation.objects.filter(name="Faire Mobilität", country="DE")
    assert sorted(centres.values_list("city", flat=True)) == sorted(CENTRES)
    assert all(o.active and o.website == "https://www.faire-mobilitaet.de" for o in centres)
    # Loading again adds nothing: an edited entry is never duplicated or overwritten.
    Organisation.objects.filter(name="FairWork").update(notes="Edited by staff")
    assert seed.load(Organisation) == 0
    assert Organisation.objects.get(name="FairWork").notes == "Edited by staff"


def test_search_by_country_city_service_and_language():
    assert {o.name for o in search({"country": "DE"})} == {"Faire Mobilität"}
    assert [o.city for o in search({"city": "dortm"})] == ["Dortmund"]
    assert {o.name for o in search({"service": "voluntary_return"})} == {
        "IOM — International Organization for Migration"
    }
    assert {o.name for o in search({"language": "NL"})} == {"FairWork"}
    assert search({"country": "NL", "service": "voluntary_return"}) == []


def test_the_directory_page_searches_and_names_countries_and_services(cast):
    client = login_verified(Client(), cast[Role.DUTY_WORKER])
    page = client.get(
        reverse("partners:directory"), {"country": "DE", "service": "labour_rights"}
    ).content.decode()
    assert (
        page.count("Faire Mobilität</a>") == 6
        and "Niemcy" in page
        and "Porady w sprawie praw pracowniczych" in page
    )
    assert "FairWork" not in page
    assert 'href="/partners/new/"' not in page  # only administrators and supervisors edit


def test_an_administrator_edits_an_entry_and_a_stale_save_is_refused(cast):
    client = login_verified(Client(), cast[Role.ADMINISTRATOR])
    hamburg = Organisation.objects.get(name="Faire Mobilität", city="Hamburg")
    url = reverse("partners:organisation_edit", args=[hamburg.pk])
    data = {
        "name": hamburg.name, "kind": hamburg.kind, "services": hamburg.services, "languages": ["de", "pl", "ro"],
        "country": "DE", "city": "Hamburg", "address": "", "phone": "", "email": "", "website": hamburg.website,
        "how_to_refer": hamburg.how_to_refer, "notes": "", "version": hamburg.version,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    hamburg.refresh_from_db()
    assert hamburg.languages == ["de", "pl", "ro"] and hamburg.active is False  # the box was not ticked
    stale = client.post(url, {**data, "city": "Altona"})  # the same version again
    assert stale.status_code == 400
    hamburg.refresh_from_db()
    assert hamburg.city == "Hamburg"
    refused = client.post(url, {**data, "version": hamburg.version, "country": "Deutschland"})
    assert refused.status_code == 400 and 'id="id_country_error"' in refused.content.decode()
