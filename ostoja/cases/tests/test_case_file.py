from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent, AuditObject
from ostoja.cases.access import Perm, case_access
from ostoja.cases.models import Case, Note
from ostoja.history.models import FieldChange
from ostoja.people.models import Person, SafeContactProtocol
from ostoja.testing.access import BREAK_GLASS

pytestmark = pytest.mark.django_db


def objects_of(event: AuditEvent) -> set[tuple[str, int]]:
    return set(AuditObject.objects.filter(event=event).values_list("object_type", "object_id"))


def test_reading_a_case_writes_an_audit_row(client_for, case, cast):
    client_for(Role.CASE_MANAGER).get(reverse("cases:case_detail", args=[case.pk]))
    event = AuditEvent.objects.filter(action="view", object_type="case").latest("pk")
    assert event.actor == cast[Role.CASE_MANAGER]
    assert ("case", case.pk) in objects_of(event)


def test_lists_record_which_cases_were_shown(client_for, case_factory):
    cases = [case_factory() for _ in range(3)]
    client_for(Role.CASE_MANAGER).get(reverse("cases:case_list"))
    event = AuditEvent.objects.filter(action="list").latest("pk")
    assert {("case", c.pk) for c in cases} <= objects_of(event)


def test_if_the_audit_write_fails_nothing_is_shown(client_for, case, monkeypatch):
    from ostoja.audit import services as audit

    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    client = client_for(Role.CASE_MANAGER)
    client.raise_request_exception = False
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 500
    assert b"Kovalenko" not in response.content


def test_search_finds_across_scripts_and_is_audited(client_for, person_factory, case_factory):
    person = person_factory()
    case_factory(person=person)
    client = client_for(Role.CASE_MANAGER)
    for query in ("Ołena Kowalenko", "Коваленко Олена", "olena kovalenko"):
        response = client.post(reverse("cases:person_search"), {"q": query})
        assert response.status_code == 200
        assert [row["person"].pk for row in response.context["results"]] == [person.pk], query
    event = AuditEvent.objects.filter(action="search").latest("pk")
    assert ("person", person.pk) in objects_of(event)


def test_search_by_phone(client_for, person_factory):
    person = person_factory(phone="+48601234567")
    response = client_for(Role.CASE_MANAGER).post(reverse("cases:person_search"), {"q": "0048 601-234-567"})
    assert [row["person"].pk for row in response.context["results"]] == [person.pk]


def test_search_shows_only_existence_outside_the_team(client_for, person_factory, case_factory, cast):
    person = person_factory(given="Марія", family="Бондар", given_latin="Mariia", family_latin="Bondar")
    case_factory(person=person)
    response = client_for(Role.SPECIALIST).post(reverse("cases:person_search"), {"q": "Бондар"})
    assert response.context["results"][0]["full"] is False
    assert b"Mariia" not in response.content and "Марія".encode() not in response.content


def test_registration_warns_of_a_transliterated_duplicate(client_for, person_factory):
    existing = person_factory(given_latin="", family_latin="")
    client = client_for(Role.DUTY_WORKER)
    page = client.get(reverse("cases:person_register"))
    token = page.context["form"]["token"].value()
    data = {
        "given_name": "Ołena",
        "family_name": "Kowalenko",
        "gender": "feminine",
        "phone_safety": "unknown",
        "token": token,
    }
    response = client.post(reverse("cases:person_register"), data)
    assert response.status_code == 200
    assert [row["person"].pk for row in response.context["duplicates"]] == [existing.pk]
    assert Person.objects.count() == 1
    assert 'value="Ołena"' in response.content.decode()
    # The worker checks and registers anyway; the second submit of that form creates nothing more.
    data["confirm_new"] = "on"
    first = client.post(reverse("cases:person_register"), data)
    second = client.post(reverse("cases:person_register"), data)
    assert first.status_code == 302 and second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Person.objects.count() == 2


def test_bad_input_is_shown_next_to_the_field_and_kept(client_for):
    client = client_for(Role.CASE_MANAGER)
    token = client.get(reverse("cases:person_register")).context["form"]["token"].value()
    response = client.post(
        reverse("cases:person_register"),
        {"given_name": "Marta", "phone": "call me maybe", "gender": "feminine", "phone_safety": "unknown",
         "citizenships": "Poland!", "token": token},
    )  # fmt: skip
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"phone", "citizenships"}
    assert 'value="call me maybe"' in response.content.decode()
    assert not Person.objects.exists()


def test_opening_a_case_numbers_it_and_double_submit_opens_one(client_for, person_factory, cast):
    person = person_factory()
    client = client_for(Role.CASE_MANAGER)
    token = client.get(reverse("cases:case_open", args=[person.pk])).context["form"]["token"].value()
    data = {"kind": "support", "phase": "before_return", "case_manager": cast[Role.CASE_MANAGER].pk, "token": token,
            "opened_on": "2026-03-02"}  # fmt: skip
    first = client.post(reverse("cases:case_open", args=[person.pk]), data)
    second = client.post(reverse("cases:case_open", args=[person.pk]), data)
    assert first["Location"] == second["Location"]
    case = Case.objects.get()
    assert case.number == "2026/0001"


def test_concurrent_edits_show_a_conflict_and_lose_nothing(client_for, case, cast):
    url = reverse("cases:case_edit", args=[case.pk])
    manager = client_for(Role.CASE_MANAGER)
    supervisor = client_for(Role.SUPERVISOR)
    base = {
        "kind": "support",
        "phase": "foreigner_in_poland",
        "case_manager": cast[Role.CASE_MANAGER].pk,
        "version": case.version,
    }
    assert supervisor.post(url, {**base, "status": "follow_up"}).status_code == 302
    response = manager.post(url, {**base, "status": "open", "phase": "after_return"})
    assert response.status_code == 200
    assert response.context["conflict"]["current"]["status"] == "Działania następcze"
    assert response.context["form"]["phase"].value() == "after_return"  # what was typed is kept
    case.refresh_from_db()
    assert case.status == "follow_up"


def test_changes_are_kept_in_the_field_history(client_for, case, cast):
    url = reverse("cases:case_edit", args=[case.pk])
    client = client_for(Role.CASE_MANAGER)
    client.post(
        url,
        {
            "kind": "support",
            "phase": "after_return",
            "status": "open",
            "case_manager": cast[Role.CASE_MANAGER].pk,
            "version": case.version,
        },
    )
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Po powrocie do Polski" in page


def test_the_edit_form_does_not_close_a_case(client_for, case, cast):
    """Closing has its own page, which asks for the outcome and reason (see test_closing.py)."""
    response = client_for(Role.CASE_MANAGER).post(
        reverse("cases:case_edit", args=[case.pk]),
        {
            "kind": "support",
            "phase": "after_return",
            "status": "closed",
            "case_manager": cast[Role.CASE_MANAGER].pk,
            "version": case.version,
        },
    )
    assert "status" in response.context["form"].errors
    case.refresh_from_db()
    assert case.status == "open"


def test_notes_are_encrypted_and_on_the_timeline(client_for, case):
    client = client_for(Role.CASE_MANAGER)
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    token = page.context["note_form"]["token"].value()
    client.post(
        reverse("cases:note_add", args=[case.pk]),
        {"text": "Rozmowa z Olena, schronisko na noc.", "token": token},
    )
    client.post(
        reverse("cases:note_add", args=[case.pk]),
        {"text": "Rozmowa z Olena, schronisko na noc.", "token": token},
    )
    assert Note.objects.count() == 1
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "schronisko na noc" in page


def test_break_glass_needs_a_reason_grants_for_a_time_and_tells_supervisors(client_for, case, cast):
    specialist = client_for(Role.SPECIALIST)
    url = reverse("cases:break_glass", args=[case.pk])
    assert specialist.post(url, {"reason": "short"}).status_code == 400
    assert case_access(cast[Role.SPECIALIST], case).perms == {Perm.EXISTS}
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = specialist.post(
            url, {"reason": "The person calls the hotline in danger; the team cannot be reached."}
        )
        assert response.status_code == 302
        assert case_access(cast[Role.SPECIALIST], case).can(Perm.VIEW)
        assert b"Kovalenko" in specialist.get(reverse("cases:case_detail", args=[case.pk])).content
        assert any(cast[Role.SUPERVISOR].email in m.to for m in mail.outbox) or mail.outbox
        traveller.shift(timedelta(minutes=61))
        assert case_access(cast[Role.SPECIALIST], case).perms == {Perm.EXISTS}
    actions = list(
        AuditEvent.objects.filter(action__startswith="break_glass")
        .exclude(actor_id=cast[BREAK_GLASS].pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["break_glass_start", "break_glass_end"]


def test_merge_keeps_the_history(client_for, person_factory, case_factory):
    keep = person_factory()
    duplicate = person_factory(given="Ołena", family="Kowalenko", given_latin="", family_latin="")
    case = case_factory(person=duplicate)
    response = client_for(Role.SUPERVISOR).post(
        reverse("cases:person_merge", args=[keep.pk]), {"duplicate": duplicate.pk, "confirm": "on"}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    case.refresh_from_db()
    assert duplicate.merged_into == keep and case.person == keep
    keep.refresh_from_db()
    assert "Ołena Kowalenko" in keep.aliases
    assert AuditEvent.objects.filter(action="merge").exists()


def test_search_is_rate_limited_per_user(client_for, settings):
    settings.OSTOJA_SEARCH_LIMIT = 3
    client = client_for(Role.CASE_MANAGER)
    codes = [client.post(reverse("cases:person_search"), {"q": "Olena"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # Another colleague is not affected.
    assert client_for(Role.SUPERVISOR).post(reverse("cases:person_search"), {"q": "Olena"}).status_code == 200


def test_protocol_edits_never_silently_overwrite(client_for, case):
    url = reverse("cases:protocol_edit", args=[case.person_id])
    first, second = client_for(Role.CASE_MANAGER), client_for(Role.SUPERVISOR)
    version = first.get(url).context["form"]["version"].value()
    data = {"when": "after 18:00", "messages": "no", "version": version}
    assert second.post(url, {**data, "if_someone_else_answers": "Say: pharmacy."}).status_code == 302
    response = first.post(url, {**data, "if_someone_else_answers": "Say: courier."})
    assert response.status_code == 200 and response.context["conflict"]
    assert "courier" in response.content.decode()
    case.person.protocol.refresh_from_db()
    assert case.person.protocol.if_someone_else_answers == "Say: pharmacy."


def test_protocol_changes_are_in_the_persons_history_not_another_persons(client_for, case_factory):
    """History was filed under the protocol's own id, i.e. in some other person's file."""
    other = case_factory().person
    mine = case_factory().person
    # The protocol's id is the other person's id, so a mix-up of the two shows in the other's file.
    SafeContactProtocol.objects.filter(pk__in=[other.pk, mine.protocol.pk]).delete()
    protocol = SafeContactProtocol.objects.create(pk=other.pk, person=mine)
    url = reverse("cases:protocol_edit", args=[mine.pk])
    client = client_for(Role.SUPERVISOR)
    version = client.get(url).context["form"]["version"].value()
    response = client.post(url, {"when": "after 18:00", "messages": "no", "version": version})
    assert response.status_code == 302
    assert protocol.pk != mine.pk
    changes = FieldChange.objects.filter(field="when")
    assert [(c.object_type, c.object_id) for c in changes] == [("person", mine.pk)]
    page = client.get(reverse("cases:person_detail", args=[mine.pk]))
    assert any(change.field == "when" for change in page.context["history"])
    page = client.get(reverse("cases:person_detail", args=[other.pk]))
    assert not any(change.field == "when" for change in page.context["history"])
