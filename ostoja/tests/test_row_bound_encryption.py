"""Encrypted values are bound to their row, the migration rewraps old values, and the fields encrypted
later hold no plaintext.

The review swapped two persons' phone numbers in a copy of the database without any key, and read
risk flags, screening answers, journeys and ages in plain text. These tests do the same.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case
from ostoja.identification import services as identification
from ostoja.identification.codes import Authority, ExploitationKind, IdStatus
from ostoja.identification.models import (
    ExploitationProfile,
    IdentificationStatusChange,
    JourneyCountry,
    ScreeningAnswer,
)
from ostoja.people.models import ContactChannel, Person
from ostoja.vault.crypto import LEGACY_VERSION, DecryptionError, decrypt, encrypt, key_id_of, version_of


def _raw(table: str, column: str, pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE id = %s', [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _set_raw(table: str, column: str, pk: int, value: str | None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', [value, pk])  # noqa: S608


@pytest.mark.django_db
def test_phone_numbers_swapped_between_persons_do_not_open(person_factory):
    olena = person_factory(phone="+48 601 234 567")
    anna = person_factory(given="Анна", family="Шевчук", given_latin="Anna", family_latin="Shevchuk",
                          phone="+48 512 345 678")  # fmt: skip
    first, second = olena.channels.get(), anna.channels.get()
    one, two = (
        _raw("people_contactchannel", "value", first.pk),
        _raw("people_contactchannel", "value", second.pk),
    )
    _set_raw("people_contactchannel", "value", first.pk, two)
    _set_raw("people_contactchannel", "value", second.pk, one)
    for channel in (first, second):
        with pytest.raises(DecryptionError):
            ContactChannel.objects.get(pk=channel.pk)
    # Names too: each value opens only in its own row.
    _set_raw("people_person", "given_name", olena.pk, _raw("people_person", "given_name", anna.pk))
    with pytest.raises(DecryptionError):
        Person.objects.get(pk=olena.pk)


ANSWERS = {"dr_job": "yes", "dr_wages": "declined"}


@pytest.fixture
def identified(cast, case_factory):
    case = case_factory()
    case.risk_flags = ["trafficker_contact", "suicide_risk"]
    case.save()
    person = case.person
    person.estimated_age = 37
    person.save()
    screening = identification.screening_start(
        case=case, actor=cast[Role.CASE_MANAGER], kind=ExploitationKind.LABOUR, language="uk",
        interpreter_used=False, minor=False,
        safe_to_talk=True, in_pain=False, needs_doctor=False, consent=True,
    )  # fmt: skip
    identification.screening_save(screening=screening, answers=ANSWERS, notes="", step=1)
    profile = ExploitationProfile(case=case, forms=["labour"])
    identification.profile_save(
        profile=profile, actor=cast[Role.CASE_MANAGER], expected_version=0,
        journey=[
            JourneyCountry(stage="exploitation", country="KZ", date_from=datetime.date(1999, 12, 13)),
            JourneyCountry(stage="recruitment", country="MD", date_from=datetime.date(1999, 11, 2),
                           date_to=datetime.date(1999, 12, 12)),
        ],
    )  # fmt: skip
    identification.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.SUSPECTED, grounds="Indicators"),
        actor=cast[Role.CASE_MANAGER],
    )
    change = IdentificationStatusChange(
        case=case, status=IdStatus.IDENTIFIED, authority=Authority.OTHER,
        authority_other="Placówka Straży Granicznej w Okęciu", decided_on=datetime.date(2001, 7, 29),
        reference="SG-11/2001", grounds="Decision of the authority",
    )  # fmt: skip
    identification.status_request(change=change, actor=cast[Role.CASE_MANAGER])
    return {"case": case, "person": person, "screening": screening, "profile": profile, "change": change}


ROW_BOUND = ("v2", "v3")  # v3: bound to the row too, under the person's own key

NEWLY_ENCRYPTED = [
    ("cases_case", "risk_flags", "case"),
    ("people_person", "estimated_age", "person"),
    ("identification_identificationstatuschange", "authority_other", "change"),
    ("identification_identificationstatuschange", "decided_on", "change"),
]


@pytest.mark.django_db
def test_newly_encrypted_fields_hold_no_plaintext(identified):
    for table, column, key in NEWLY_ENCRYPTED:
        stored = _raw(table, column, identified[key].pk)
        assert stored is not None and version_of(stored) in ROW_BOUND, (table, column)
    for answer in ScreeningAnswer.objects.filter(screening=identified["screening"]):
        assert version_of(_raw("identification_screeninganswer", "answer", answer.pk)) in ROW_BOUND
    for row in JourneyCountry.objects.filter(profile=identified["profile"]):
        for column in ("country", "date_from"):
            assert version_of(_raw("identification_journeycountry", column, row.pk)) in ROW_BOUND
    dump = []
    with connection.cursor() as cursor:
        for table in ("cases_case", "people_person", "identification_screeninganswer",
                      "identification_journeycountry", "identification_identificationstatuschange"):  # fmt: skip
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            dump.extend(repr(row) for row in cursor.fetchall())
    text = "\n".join(dump)
    for secret in ("suicide_risk", "trafficker_contact", "declined", "1999-12-13", "1999-11-02", "Okęciu",
                   "2001-07-29", "'yes'", "'KZ'", "'MD'"):  # fmt: skip
        assert secret not in text, secret
    # And everything reads back.
    assert Case.objects.get(pk=identified["case"].pk).risk_flags == ["trafficker_contact", "suicide_risk"]
    assert Person.objects.get(pk=identified["person"].pk).estimated_age == 37
    assert identification.screening_answers(identified["screening"]) == ANSWERS
    profile = ExploitationProfile.objects.get(pk=identified["profile"].pk)
    assert [(j.country, j.date_from) for j in profile.journey_in_order()] == [
        ("MD", datetime.date(1999, 11, 2)), ("KZ", datetime.date(1999, 12, 13)),
    ]  # fmt: skip
    change = IdentificationStatusChange.objects.get(pk=identified["change"].pk)
    assert (change.authority_other, change.decided_on) == (
        "Placówka Straży Granicznej w Okęciu", datetime.date(2001, 7, 29),
    )  # fmt: skip


@pytest.mark.django_db
def test_screening_answers_swapped_between_rows_do_not_open(identified):
    yes, declined = ScreeningAnswer.objects.filter(screening=identified["screening"]).order_by("code")
    _set_raw(
        "identification_screeninganswer",
        "answer",
        yes.pk,
        _raw("identification_screeninganswer", "answer", declined.pk),
    )
    with pytest.raises(DecryptionError):
        identification.screening_answers(identified["screening"])


@pytest.mark.django_db
def test_rotation_keeps_every_value_in_its_row(identified, settings):
    import base64

    old_ring = dict(settings.OSTOJA_ENCRYPTION_KEYS)
    settings.OSTOJA_ENCRYPTION_KEYS = {
        "rot2": base64.b64decode(b"cm90YXRpb24ta2V5LXR3by0zMi1ieXRlcy1sb25nISE="),
        **old_ring,
    }
    before = _raw("cases_case", "risk_flags", identified["case"].pk)
    call_command("rotate_keys", stdout=io.StringIO())
    stored = _raw("cases_case", "risk_flags", identified["case"].pk)
    # Under the person's own key: not re-encrypted, the person's key is rewrapped instead.
    assert stored == before and version_of(stored) == "v3"
    key = identified["person"].data_key
    assert key_id_of((settings.OSTOJA_PERSON_KEYS_DIR / key[:2] / key).read_text()) == "rot2"
    from ostoja.vault import personkeys

    personkeys.forget_cache()
    settings.OSTOJA_ENCRYPTION_KEYS = {"rot2": settings.OSTOJA_ENCRYPTION_KEYS["rot2"]}
    assert identification.screening_answers(identified["screening"]) == ANSWERS
    assert Person.objects.get(pk=identified["person"].pk).estimated_age == 37


# --- The migration that rewraps what was stored before --------------------------------------------

BEFORE = [("people", "0003_searchtoken_single_person_index"), ("cases", "0001_initial")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _v1(text: str, binding: str) -> str:
    return encrypt(text.encode(), aad=binding.encode(), version=LEGACY_VERSION)


def _insert(table: str, values: dict) -> None:
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values()))  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewraps_old_values_for_their_rows_and_back(cast):
    manager = cast[Role.CASE_MANAGER]
    now = timezone.now()
    try:
        _migrate(BEFORE)
        # Rows as the previous version stored them: v1 tokens bound to the column only, plain age and flags.
        for pk, name in ((501, "Ірина"), (502, "Марія")):
            _insert("people_person", {
                "id": pk, "given_name": _v1(name, "people.person.given_name"),
                "family_name": _v1("Мельник", "people.person.family_name"),
                "given_name_latin": _v1("", "people.person.given_name_latin"),
                "family_name_latin": _v1("", "people.person.family_name_latin"),
                "aliases": _v1("[]", "people.person.aliases"), "gender": "female", "date_of_birth": None,
                "estimated_age": 35 if pk == 501 else None, "is_minor": False, "citizenships": '["UA"]',
                "languages": "[]", "preferred_language": "uk", "needs_interpreter": False,
                "registered_by_id": manager.pk, "created_at": now, "updated_at": now, "version": 1,
                "merged_into_id": None,
            })  # fmt: skip
        _insert("cases_case", {
            "id": 601, "number": "2020/0001", "person_id": 501, "kind": "support", "phase": "after_return",
            "status": "closed", "closure_reason": "", "closure_note": _v1("Moved abroad", "cases.case.closure_note"),
            "case_manager_id": manager.pk, "risk_flags": '["phone_monitored"]', "opened_on": "2020-01-02",
            "closed_on": None, "created_at": now, "updated_at": now, "version": 1,
        })  # fmt: skip

        # As if the database had numbered them itself (PostgreSQL sequences skip explicit ids).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Case]):
                cursor.execute(sql)

        _migrate(_latest())
        for column in ("given_name", "family_name", "aliases", "estimated_age"):
            assert version_of(_raw("people_person", column, 501)) in ROW_BOUND, column
        assert version_of(_raw("cases_case", "risk_flags", 601)) in ROW_BOUND
        assert version_of(_raw("cases_case", "closure_note", 601)) in ROW_BOUND
        person = Person.objects.get(pk=501)
        assert (person.given_name, person.family_name, person.estimated_age) == ("Ірина", "Мельник", 35)
        case = Case.objects.get(pk=601)
        assert (case.risk_flags, case.closure_note) == (["phone_monitored"], "Moved abroad")
        # Rewrapped values are bound to their rows: swapped, they no longer open.
        swapped = _raw("people_person", "given_name", 502)
        _set_raw("people_person", "given_name", 501, swapped)
        with pytest.raises(DecryptionError):
            Person.objects.get(pk=501)
        _set_raw(
            "people_person", "given_name", 501, encrypt("Ірина".encode(), aad=b"people.person.given_name#501")
        )
        # New rows after the migration get keys after the old ones.
        assert Person.objects.create(given_name="Ola", registered_by=manager).pk > 502

        # And back: the previous format and plain columns again.
        _migrate(BEFORE)
        given = _raw("people_person", "given_name", 501)
        assert version_of(given) == "v1"
        assert decrypt(given, aad=b"people.person.given_name", versions=(LEGACY_VERSION,)) == "Ірина".encode()
        assert int(_raw("people_person", "estimated_age", 501)) == 35
        assert "phone_monitored" in _raw("cases_case", "risk_flags", 601)
    finally:
        _migrate(_latest())
