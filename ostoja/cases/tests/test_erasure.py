"""Erasure that cannot be undone: crypto-shredding of every copy, refusals, erasure of one value or record."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from importlib import import_module

import pytest
from django.apps import apps
from django.db.models import ExpressionWrapper, F, TextField
from django.urls import reverse
from django.utils import translation

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.chain import verify
from ostoja.audit.models import AuditEvent
from ostoja.cases import erasure
from ostoja.cases import services as case_services
from ostoja.cases.codes import Status
from ostoja.cases.models import Case, Note
from ostoja.history.models import FieldChange
from ostoja.history.services import record_changes, snapshot
from ostoja.people import search
from ostoja.people.models import ContactChannel, IdentityDocument, Person, SearchToken
from ostoja.people.services import refresh_search_tokens
from ostoja.statistics.figures import compute
from ostoja.statistics.forms import Kind, Period
from ostoja.testing.world import build_world
from ostoja.vault import personkeys
from ostoja.vault.crypto import DecryptionError
from ostoja.vault.fields import EncryptedField, SealedModel

pytestmark = pytest.mark.django_db

EVERYTHING = Period(Kind.ALL, None, dt.date(2200, 12, 31))


@pytest.fixture(autouse=True)
def _english():
    """The functions' messages read in English here; the pages follow their user (Polish)."""
    translation.activate("en")


def _raw_tokens() -> dict[tuple[str, int, str], str]:
    """Every stored encrypted value, as text: what a copy of the database holds."""
    found = {}
    for model in apps.get_models():
        if not issubclass(model, SealedModel):
            continue
        fields = [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedField)]
        raw = {
            f"raw_{i}": ExpressionWrapper(F(f.attname), output_field=TextField())
            for i, f in enumerate(fields)
        }
        for pk, *texts in model._base_manager.annotate(**raw).values_list("pk", *raw):
            for field, text in zip(fields, texts, strict=True):
                if text is not None:
                    found[(model._meta.label, pk, field.name)] = text
    return found


def _field(label: str, name: str) -> EncryptedField:
    field = apps.get_model(label)._meta.get_field(name)
    assert isinstance(field, EncryptedField)
    return field


def _opens(label: str, pk: int, name: str, token: str) -> bool:
    try:
        _field(label, name).open(token, pk)
    except DecryptionError:
        return False
    return True


def _found(text: str) -> set[int]:
    return set(search.find_persons(text).values_list("pk", flat=True))


def _statistics() -> list[tuple[str, list]]:
    return [(t.key, [(code, count) for code, _label, count in t.rows]) for t in compute(EVERYTHING).tables]


def _closed_world():
    world = build_world()
    Case.objects.filter(person=world.person).update(status=Status.CLOSED, closed_on=dt.date(2026, 1, 5))
    # The proceedings the world's case has ended with a final judgment (ongoing ones stop erasure).
    from ostoja.legal.models import Proceeding

    Proceeding.objects.filter(case__person=world.person).update(stage="final")
    return world


def _history_for(person: Person, actor) -> None:
    before = snapshot(person, ["given_name_latin"])
    person.given_name_latin = "Olenka"
    person.save()
    refresh_search_tokens(person=person)
    record_changes(actor=actor, object_type="person", object_id=person.pk, instance=person, before=before)


def test_every_value_of_the_person_is_sealed_under_their_own_key():
    world = build_world()
    person_key = world.person.data_key
    assert person_key
    tokens = _raw_tokens()
    theirs = [
        t for (label, pk, name), t in tokens.items() if label == "people.Person" and pk == world.person.pk
    ]
    assert theirs and all(t.startswith(f"v3:{person_key}:") for t in theirs)
    note = Note.objects.filter(case__person=world.person).first()
    assert note is not None and tokens[("cases.Note", note.pk, "text")].startswith(f"v3:{person_key}:")
    # A row of nobody's (the interpreters' list, a partner's consultation) stays under the key ring.
    assert any(t.startswith("v2:") for t in tokens.values())


def test_erasure_shreds_every_copy_while_statistics_and_the_audit_chain_hold(
    django_capture_on_commit_callbacks, tmp_path
):
    world = _closed_world()
    _history_for(world.person, world.manager)
    person = Person.objects.get(pk=world.person.pk)
    secrets = ["Olena", "Olenka", person.given_name, person.family_name_latin]
    statistics_before = _statistics()
    copy = _raw_tokens()  # a copy of the database made before the erasure (a backup, an export)
    file_copy = tmp_path / "before.sqlite3"  # and the same written to a file, read back afterwards
    with sqlite3.connect(file_copy) as target:
        target.execute("CREATE TABLE copy (label TEXT, pk INTEGER, field TEXT, token TEXT)")
        target.executemany(
            "INSERT INTO copy VALUES (?, ?, ?, ?)", [(*key, token) for key, token in copy.items()]
        )
    owned = {
        (label, pk, name)
        for (label, pk, name), token in copy.items()
        if token.startswith(f"v3:{person.data_key}:")
    }
    assert len(owned) > 20  # the person, the case, its notes, contacts, screening, plans, ...

    with django_capture_on_commit_callbacks(execute=True):
        blanked = erasure.erase_person(person, world.supervisor, "Art. 17 request of the person, checked.")
    personkeys.forget_cache()  # as a fresh process reading the copy would start

    assert blanked >= len(owned)
    # The copy made before: not one of the person's values opens, with the whole key ring at hand.
    for label, pk, name in owned:
        with pytest.raises(personkeys.PersonKeyErased):
            _field(label, name).open(copy[(label, pk, name)], pk)
    # Everything else in the copy still opens (nobody else lost anything).
    others = [key for key in copy if key not in owned]
    assert others and all(_opens(*key, copy[key]) for key in others)
    with sqlite3.connect(file_copy) as old:
        rows = old.execute("SELECT label, pk, field, token FROM copy").fetchall()
    assert {(label, pk, name) for label, pk, name, _token in rows} == set(copy)
    for label, pk, name, token in rows:
        if (label, pk, name) in owned:
            with pytest.raises(personkeys.PersonKeyErased):
                _field(label, name).open(token, pk)
    # The database now: the rows load, blank, and hold nothing of the person.
    now = _raw_tokens()
    assert not any(t.startswith(f"v3:{person.data_key}:") for t in now.values())
    erased = Person.objects.get(pk=person.pk)
    assert erased.erased_at is not None and erased.given_name == "" and erased.display_name == "erased person"
    assert erased.vault_key_id() is None
    assert not SearchToken.objects.filter(person=erased).exists()
    assert erased.pk not in _found("Olena")
    assert all(note.text == "" for note in Note.objects.filter(case__person=erased))
    assert all(
        c.old_value == "" and c.new_value == "" for c in FieldChange.objects.filter(object_id=erased.pk)
    )
    # What statistics count survives as codes: every figure is the same.
    assert _statistics() == statistics_before
    assert erased.gender == world.person.gender and erased.citizenships == world.person.citizenships
    # The audit log: one row says who erased whom and why; no row holds a value; the chain verifies.
    row = AuditEvent.objects.filter(action="erase").get()
    assert row.reason == "Art. 17 request of the person, checked." and row.actor_id == world.supervisor.pk
    audit_text = repr(list(AuditEvent.objects.values_list("reason", "details")))
    assert not [s for s in secrets if s and s in audit_text]
    assert verify().intact
    # The housekeeping job finds nothing left to destroy; erasing again is refused.
    assert erasure.destroy_erased_keys() == 0
    with pytest.raises(erasure.ErasureRefused, match="already been erased"):
        erasure.erase_person(erased, world.supervisor, "again")


def test_keys_left_by_a_stopped_process_are_destroyed_by_housekeeping():
    world = _closed_world()
    key = world.person.data_key
    erasure.erase_person(world.person, world.supervisor, "Request of the person.")  # no commit: key left
    assert not personkeys.is_erased(key)
    assert erasure.destroy_erased_keys() == 1
    assert personkeys.is_erased(key)
    with pytest.raises(personkeys.PersonKeyErased):
        personkeys.load(key)


def test_erasure_with_an_open_case_is_refused_and_changes_nothing(django_capture_on_commit_callbacks):
    world = build_world()
    before = _raw_tokens()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(erasure.ErasureRefused) as refusal:
        erasure.erase_person(world.person, world.supervisor, "Request of the person.")
    assert any(world.case.number in reason and "still open" in reason for reason in refusal.value.reasons)
    assert _raw_tokens() == before
    assert Person.objects.get(pk=world.person.pk).given_name == world.person.given_name
    assert not personkeys.is_erased(world.person.data_key)
    assert not AuditEvent.objects.filter(action="erase").exists()


def test_other_apps_block_erasure_through_the_plugin_hook(monkeypatch, person_factory, cast):
    person = person_factory()
    monkeypatch.setattr(
        plugins,
        "erasure_blockers",
        lambda p: ["Criminal proceedings are ongoing."] if p.pk == person.pk else [],
    )
    with pytest.raises(erasure.ErasureRefused, match="proceedings are ongoing"):
        erasure.erase_person(person, cast[Role.SUPERVISOR], "Request of the person.")
    assert Person.objects.get(pk=person.pk).erased_at is None


def test_erasure_needs_a_reason(person_factory, cast):
    person = person_factory()
    with pytest.raises(erasure.ErasureRefused, match="reason"):
        erasure.erase_person(person, cast[Role.SUPERVISOR], "   ")


def test_erasure_reaches_records_merged_into_the_person(
    django_capture_on_commit_callbacks, person_factory, cast
):
    keep = person_factory()
    duplicate = person_factory(given="Olga", given_latin="Olga")
    Person.objects.filter(pk=duplicate.pk).update(merged_into=keep)
    token = _raw_tokens()[("people.Person", duplicate.pk, "given_name")]
    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase_person(keep, cast[Role.SUPERVISOR], "Request of the person.")
    with pytest.raises(personkeys.PersonKeyErased):
        _field("people.Person", "given_name").open(token, duplicate.pk)
    assert Person.objects.get(pk=duplicate.pk).erased_at is not None


def test_one_value_is_erased_at_the_persons_request(person_factory, cast):
    person = person_factory(phone="+48601234567")
    _history_for(person, cast[Role.CASE_MANAGER])
    assert person.pk in _found("Olenka")
    erasure.erase_part(person, person, cast[Role.SUPERVISOR], "The person asked.", field="given_name_latin")
    again = Person.objects.get(pk=person.pk)
    assert again.given_name_latin == "" and again.given_name == "Олена" and again.erased_at is None
    assert person.pk not in _found("Olenka")
    change = FieldChange.objects.get(object_type="person", object_id=person.pk, field="given_name_latin")
    assert change.old_value == "" and change.new_value == ""
    row = AuditEvent.objects.filter(action="erase").get()
    assert row.reason == "The person asked."
    assert row.details == {"record": "people.person", "id": person.pk, "field": "given_name_latin"}


def test_one_record_is_erased_at_the_persons_request(person_factory, case_factory, cast):
    person = person_factory(phone="+48601234567")
    case = case_factory(person=person)
    note = case_services.note_add(case=case, author=cast[Role.CASE_MANAGER], text="Said where she sleeps.")
    document = IdentityDocument.objects.create(person=person, kind="passport", number="XK1234567")
    channel = ContactChannel.objects.get(person=person)
    for record in (note, document, channel):
        erasure.erase_part(person, record, cast[Role.SUPERVISOR], "The person asked.")
        assert not type(record).objects.filter(pk=record.pk).exists()
    assert not SearchToken.objects.filter(person=person, kind=SearchToken.Kind.PHONE).exists()
    assert AuditEvent.objects.filter(action="erase").count() == 3


def test_partial_erasure_refuses_what_is_not_the_persons(person_factory, case_factory, cast):
    person = person_factory()
    other = person_factory(given="Anna", given_latin="Anna")
    note = case_services.note_add(case=case_factory(person=other), author=cast[Role.CASE_MANAGER], text="x")
    supervisor = cast[Role.SUPERVISOR]
    with pytest.raises(erasure.ErasureRefused, match="does not belong"):
        erasure.erase_part(person, note, supervisor, "The person asked.")
    with pytest.raises(erasure.ErasureRefused, match="cannot be erased on its own"):
        erasure.erase_part(person, person, supervisor, "The person asked.", field="gender")
    with pytest.raises(erasure.ErasureRefused, match="whole person"):
        erasure.erase_part(person, person, supervisor, "The person asked.")
    with pytest.raises(erasure.ErasureRefused, match="reason"):
        erasure.erase_part(person, person, supervisor, "", field="given_name")
    assert Note.objects.filter(pk=note.pk).exists() and not AuditEvent.objects.filter(action="erase").exists()


def test_every_model_of_a_persons_data_names_its_owner():
    """A new model with encrypted data about a person must say whose it is, or erasure would miss it."""
    owners = {
        **import_module("ostoja.people.migrations.0011_seal_under_person_keys").OWNERS,
        **import_module("ostoja.people.migrations.0013_seal_later_records_under_person_keys").OWNERS,
    }
    for model in apps.get_models():
        if not issubclass(model, SealedModel):
            continue
        relations = {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is not None
        }
        personal = relations & {Person, Case} or any(
            issubclass(r, SealedModel) and r.vault_owner for r in relations if isinstance(r, type)
        )
        if personal and model not in (FieldChange, Person):
            assert model.vault_owner, f"{model._meta.label} holds a person's data but names no vault_owner"
        if model.vault_owner:
            assert owners.get(model._meta.label) == model.vault_owner, model._meta.label


def test_the_staff_page_asks_twice_and_erases(client_for, person_factory, django_capture_on_commit_callbacks):
    person = person_factory()
    client = client_for(Role.SUPERVISOR)
    url = reverse("cases:person_erase", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Olena" not in page.content.decode()
    answers = {"what": "person", "reason": "Art. 17 request.", "confirm": "on"}
    first = client.post(url, answers)
    assert first.status_code == 200 and "Usuń na zawsze" in first.content.decode()
    assert Person.objects.get(pk=person.pk).erased_at is None
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, {**answers, "confirmed": "True"})
    assert second.status_code == 302
    assert Person.objects.get(pk=person.pk).erased_at is not None
    assert personkeys.is_erased(person.data_key)


def test_the_staff_page_shows_the_refusal_and_keeps_the_answers(client_for, case_factory):
    case = case_factory()
    client = client_for(Role.ADMINISTRATOR)
    url = reverse("cases:person_erase", args=[case.person_id])
    answers = {"what": "person", "reason": "Art. 17 request.", "confirm": "on", "confirmed": "True"}
    page = client.post(url, answers)
    text = page.content.decode()
    assert page.status_code == 200 and "jest nadal otwarta" in text and "Art. 17 request." in text
    assert Person.objects.get(pk=case.person_id).erased_at is None


def test_the_staff_page_erases_one_value(client_for, person_factory):
    person = person_factory()
    client = client_for(Role.SUPERVISOR)
    url = reverse("cases:person_erase", args=[person.pk])
    answers = {
        "what": "field:family_name_latin",
        "reason": "The person asked.",
        "confirm": "on",
        "confirmed": "True",
    }
    assert client.post(url, answers).status_code == 302
    assert Person.objects.get(pk=person.pk).family_name_latin == ""


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.DUTY_WORKER, Role.SPECIALIST])
def test_only_supervisors_and_administrators_erase(client_for, person_factory, role):
    person = person_factory()
    url = reverse("cases:person_erase", args=[person.pk])
    answers = {"what": "person", "reason": "x", "confirm": "on", "confirmed": "True"}
    assert client_for(role).post(url, answers).status_code == 403
    assert Person.objects.get(pk=person.pk).erased_at is None


def test_the_store_holds_keys_outside_the_database(person_factory, settings):
    person = person_factory()
    path = settings.OSTOJA_PERSON_KEYS_DIR / person.data_key[:2] / person.data_key
    text = path.read_text()
    assert text.startswith("v2:") and person.given_name not in text
    # Without the store (a database brought to another machine), nothing of the person opens.
    moved = path.with_name(".moved")
    shutil.move(path, moved)
    personkeys.forget_cache()
    try:
        with pytest.raises(DecryptionError, match="not in the person key store"):
            Person.objects.get(pk=person.pk)
    finally:
        shutil.move(moved, path)


def test_a_contact_linked_to_a_person_is_sealed_again_under_their_key():
    from ostoja.hotline import services as hotline_services
    from ostoja.hotline.models import Contact

    world = build_world()
    report = Contact.objects.get(pk=world.web_report.pk)
    assert report.person_id is None
    hotline_services.contact_link(
        contact=report, person=world.person, case=world.case, expected_version=report.version
    )
    stored = [
        t for (label, pk, _name), t in _raw_tokens().items() if label == "hotline.Contact" and pk == report.pk
    ]
    assert stored and all(t.startswith(f"v3:{world.person.data_key}:") for t in stored)
    assert Contact.objects.get(pk=report.pk).summary == report.summary
