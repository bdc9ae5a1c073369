"""The public site's "help abroad" organisations are entries of the one partner directory.

The page shows the directory's organisations marked public, in their section and order, with what
the public site says about them in the page's language; marking one public or not in the directory
is all it takes. Migration 0007 moved the public app's own list into the directory.
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.partners.models import Organisation
from ostoja.public.models import PartnerDescription

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client_for):
    return client_for(Role.SUPERVISOR)


def test_a_fresh_installation_shows_the_seeded_directory_with_descriptions(client):
    html = client.get("/de/abroad/").content.decode()
    # One card for Faire Mobilität, its advice centres listed; Fairwork and IOM from the directory.
    assert html.count('<h3 id="partner-') == 3
    assert "Berlin, Dortmund, Frankfurt am Main, Hamburg, München, Stuttgart" in html
    assert "https://www.fairwork.nu" in html and "https://poland.iom.int" in html
    # The descriptions moved with them, in the page's language; the languages named in it too.
    assert "Beratungsstellen in Deutschland" in html
    assert "Polnisch" in html and "Deutsch" in html
    assert not client.cookies


def test_marking_an_organisation_public_in_the_directory_puts_it_on_the_page(editor, client):
    made = Organisation.objects.create(
        name="La Strada Ukraine", kind="ngo", country="UA", city="Kyiv", languages=["uk"],
        website="https://la-strada.org.ua",
    )  # fmt: skip
    assert "La Strada Ukraine" not in client.get("/uk/abroad/").content.decode()
    data = {
        "name": made.name, "kind": made.kind, "languages": ["uk"], "country": "UA", "city": "Kyiv",
        "website": made.website, "active": "on", "public": "on", "public_group": "", "order": 5,
        "version": made.version,
    }  # fmt: skip
    refused = editor.post(reverse("partners:organisation_edit", args=[made.pk]), data)
    assert refused.status_code == 400 and 'id="id_public_group_error"' in refused.content.decode()
    saved = editor.post(
        reverse("partners:organisation_edit", args=[made.pk]), data | {"public_group": "return"}
    )
    assert saved.status_code == 302
    html = client.get("/uk/abroad/").content.decode()
    assert "La Strada Ukraine" in html and "Україна" in html and "українська" in html

    Organisation.objects.filter(website="https://www.fairwork.nu").update(public=False)
    assert "https://www.fairwork.nu" not in client.get("/uk/abroad/").content.decode()


def test_the_descriptions_are_edited_on_the_public_admin_and_shown_in_the_leaflet_text(editor, client):
    iom = Organisation.objects.get(website="https://poland.iom.int")
    home = editor.get(reverse("public:admin_home")).content.decode()
    assert reverse("public:admin_partner", args=[iom.pk]) in home
    form = editor.get(reverse("public:admin_partner", args=[iom.pk])).content.decode()
    assert 'name="description_vi"' in form and reverse("partners:organisation", args=[iom.pk]) in form
    response = editor.post(
        reverse("public:admin_partner", args=[iom.pk]),
        {"description_pl": "Powroty dobrowolne — nowy opis", "description_en": ""},
    )
    assert response.status_code == 302
    assert (
        PartnerDescription.objects.get(organisation=iom, language="pl").text
        == "Powroty dobrowolne — nowy opis"
    )
    assert not PartnerDescription.objects.filter(organisation=iom, language="en").exists()
    assert AuditEvent.objects.filter(object_type="public_partner", action="update").exists()
    assert "Powroty dobrowolne — nowy opis" in client.get("/pl/abroad/").content.decode()
    from ostoja.public.leaflet import leaflet_html

    assert "Powroty dobrowolne — nowy opis" in leaflet_html("pl")


def test_the_old_public_list_is_gone():
    from ostoja.public import models

    assert not hasattr(models, "Partner")
    with pytest.raises(Exception):  # noqa: B017 — the URL of the old "new partner" form
        reverse("public:admin_partner_new")


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_public_list_into_the_directory():
    """The historical public.Partner rows: a seeded one matched by website, a new one per city."""
    from ostoja.partners import seed as directory

    directory.load(Organisation)
    state = MigrationExecutor(connection).loader.project_state(("public", "0007_partners_in_directory"))
    Partner = state.apps.get_model("public", "Partner")
    Description = state.apps.get_model("public", "PartnerDescription")
    PartnerDescription.objects.all().delete()
    table = Description._meta.db_table
    with connection.schema_editor() as schema:
        schema.create_model(Partner)
    with connection.cursor() as cursor:  # the column 0008 removed (no foreign key needed here)
        cursor.execute(f"ALTER TABLE {table} ADD COLUMN partner_id bigint NULL")
    try:
        fairwork = Partner.objects.create(
            name="Fairwork", kind="workers_abroad", country="NL", website="https://www.fairwork.nu", order=7,
            active=False,
        )  # fmt: skip
        new = Partner.objects.create(
            name="Arbeit und Leben", kind="workers_abroad", country="Bawaria", places="Köln, Düsseldorf",
            counselling_languages="Deutsch, Polski, Klingon", phone="+49 211 000", order=30,
        )  # fmt: skip
        # The table now requires an organisation: the move must replace this stand-in.
        stand_in = Organisation.objects.get(website="https://poland.iom.int").pk
        Description.objects.create(
            partner=fairwork, language="pl", text="Holenderska organizacja", organisation_id=stand_in
        )
        Description.objects.create(
            partner=new, language="de", text="Beratung in NRW", organisation_id=stand_in
        )

        migration = importlib.import_module("ostoja.public.migrations.0007_partners_in_directory")
        migration.move(state.apps, None)

        moved = Organisation.objects.get(website="https://www.fairwork.nu")
        assert Organisation.objects.filter(website="https://www.fairwork.nu").count() == 1
        assert (moved.public, moved.public_group, moved.order) == (False, "workers_abroad", 7)
        assert Description.objects.get(language="pl").organisation_id == moved.pk
        created = Organisation.objects.filter(name="Arbeit und Leben").order_by("city")
        assert [o.city for o in created] == ["Düsseldorf", "Köln"]
        first = created[0]
        assert (first.public, first.public_group, first.order, first.country) == (
            True,
            "workers_abroad",
            30,
            "",
        )
        assert first.languages == ["de", "pl"]
        assert "Bawaria" in first.notes and "Klingon" in first.notes
        described = Description.objects.get(language="de").organisation_id
        assert described in {o.pk for o in created}
    finally:
        Description.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} DROP COLUMN partner_id")
        with connection.schema_editor() as schema:
            schema.delete_model(Partner)
