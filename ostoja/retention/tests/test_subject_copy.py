"""The person's own copy: each app's data, by rule; who may order it; audited, handed over on purpose."""

import json

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.cases.models import Note
from ostoja.consent.models import Consent
from ostoja.retention import sar
from ostoja.retention.models import SubjectCopy

pytestmark = pytest.mark.django_db
SHELTER = "ul. Ukryta 7, Kraków"


@pytest.fixture
def world(case_factory, person_factory, contact_at, cast):
    from django.utils import timezone

    case = case_factory()
    person = case.person
    Note.objects.create(
        case=case, author=cast[Role.CASE_MANAGER], text=f"Moved to the shelter at {SHELTER} today."
    )
    Note.objects.create(
        case=case, author=cast[Role.SPECIALIST], text="Therapy notes", confidential_to="psychology"
    )
    contact_at(
        timezone.now(), person=person, case=case, caller_kind="person", summary="I need help with my passport"
    )
    contact_at(
        timezone.now(),
        person=person,
        case=case,
        caller_kind="family",
        summary="Her brother says the boss threatens him",
    )
    other = case_factory(
        person=person_factory(given="Marta", family="Nowak", given_latin="", family_latin="")
    )
    Note.objects.create(case=other, author=cast[Role.CASE_MANAGER], text="Another person's note")
    Consent.objects.create(person=person, case=case, scope="processing", given_how="written",
                           given_on=timezone.localdate(), recorded_by=cast[Role.CASE_MANAGER])  # fmt: skip
    from ostoja.services.models import Delivery, Service

    Delivery.objects.create(case=case, service=Service.objects.order_by("pk").first(), delivered_on=timezone.localdate(),
                            recorded_by=cast[Role.CASE_MANAGER], outcome="A new passport was issued")  # fmt: skip
    return case


@pytest.fixture
def shelter_plugin(world, cast):
    """The person stays at a place whose secret address is SHELTER."""
    import datetime as dt

    from django.utils import timezone

    from ostoja.shelter import services as shelter
    from ostoja.shelter.models import Place, Placement

    place = Place(name="Safe flat B", kind="safe_flat", capacity=2)
    shelter.place_save(place=place, placers=[], address=SHELTER, expected_version=0)
    shelter.placement_create(
        placement=Placement(case=world, place=place, kind="short_term",
                            start_on=timezone.localdate() - dt.timedelta(days=3)),
        actor=cast[Role.CASE_MANAGER],
    )  # fmt: skip


def test_the_copy_holds_the_persons_data_by_rule(world, cast, shelter_plugin):
    copy = sar.build(world.person, "en")
    text = copy.as_json()
    data = json.loads(text)
    keys = [s["key"] for s in data["sections"]]
    assert {
        "person",
        "cases",
        "notes",
        "contacts",
        "consent",
        "identification",
        "referrals",
        "shelter",
    } <= set(keys)
    assert "Олена" in text and world.number in text and "I need help with my passport" in text
    # Another person's data is not in it, nor what a third party told, nor a confidential note's words.
    assert "Another person's note" not in text and "Marta" not in text
    assert "brother says" not in text and "Therapy notes" not in text
    assert "withheld: told by another person" in text
    # The shelter's address is never given, wherever it was written.
    assert SHELTER not in text and "withheld: a shelter's address" in text
    # The stay is in it by kind, never by place.
    assert "Short-term stay" in text and "Safe flat B" not in text
    # Staff by role, not by name.
    assert cast[Role.CASE_MANAGER].get_full_name() not in text and "case manager" in text
    assert copy.withheld >= 3
    pdf = sar.pdf(copy)
    assert pdf.startswith(b"%PDF")


def test_staff_names_are_given_where_the_centre_decides_so(world, cast, settings):
    settings.OSTOJA_SUBJECT_COPY_STAFF = "name"
    assert cast[Role.CASE_MANAGER].get_full_name() in sar.build(world.person, "en").as_json()


def test_the_copy_is_in_polish_or_english_and_says_so_when_the_person_speaks_neither(world):
    world.person.languages = ["uk"]
    polish = sar.build(world.person, "pl")
    assert "Twoje sprawy" in polish.as_json() and "ukraiński" in polish.language_note
    assert sar.build(world.person, "en").language_note.startswith("This copy is in English")


def test_ordered_by_the_case_manager_prepared_audited_and_downloaded_for_a_purpose(world, client_for):
    client = client_for(Role.CASE_MANAGER)
    url = reverse("retention:copies", args=[world.person_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"language": "pl", "token": "r" * 32}).status_code == 302
    copy = SubjectCopy.objects.get()
    assert copy.status == "done" and copy.records > 3
    export = AuditEvent.objects.get(action="export", object_type="person")
    refs = {(r.object_type, r.object_id) for r in export.refs.all()}
    assert ("person", world.person_id) in refs and ("case", world.pk) in refs
    download = reverse("retention:copy_download", args=[copy.pk])
    # No purpose, no file.
    assert client.post(download, {"file_format": "json"}).status_code == 302
    assert not AuditEvent.objects.filter(action="download").exists()
    response = client.post(download, {"file_format": "json", "purpose": "in_person"})
    assert response.status_code == 200 and world.number in response.content.decode()
    event = AuditEvent.objects.get(action="download", object_type="person")
    assert event.details["handed_over_for"] == "in_person" and event.details["format"] == "json"
    pdf = client.post(download, {"file_format": "pdf", "purpose": "check"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.DUTY_WORKER, Role.SPECIALIST, Role.ADMINISTRATOR])
def test_others_may_neither_order_nor_download(world, client_for, role):
    from ostoja.testing.fixtures import new_staff  # noqa: F401

    manager = client_for(Role.CASE_MANAGER)
    manager.post(reverse("retention:copies", args=[world.person_id]), {"language": "en", "token": "s" * 32})
    copy = SubjectCopy.objects.get()
    client = client_for(role)
    assert client.get(reverse("retention:copies", args=[world.person_id])).status_code == 403
    response = client.post(
        reverse("retention:copy_download", args=[copy.pk]), {"file_format": "json", "purpose": "check"}
    )
    assert response.status_code == 403
    assert (
        client.post(
            reverse("retention:copies", args=[world.person_id]), {"language": "en", "token": "t" * 32}
        ).status_code
        == 403
    )
    assert SubjectCopy.objects.count() == 1
    assert AuditEvent.objects.filter(action="deny").exists()
