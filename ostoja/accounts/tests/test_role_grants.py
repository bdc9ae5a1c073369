"""Roles: nobody gives one to themselves, supervisor and administrator need a second administrator,
supervisors hear of every role given, and every account change is on the audit log."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from ostoja.accounts import services
from ostoja.accounts.models import RoleGrant, User
from ostoja.accounts.roles import Role
from ostoja.audit import chain
from ostoja.audit.models import AuditEvent
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2]


def _edit(client, user: User, roles: list[str], **fields):
    data = {
        "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "language": user.language, "roles": roles, "version": User.objects.get(pk=user.pk).version, **fields,
    }  # fmt: skip
    return client.post(reverse("accounts:staff_edit", args=[user.pk]), data)


def _staff_events(user: User) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="staff", refs__object_id=user.pk).order_by("id"))


@pytest.fixture
def case_file(cast):
    from ostoja.cases import services as case_services
    from ostoja.cases.codes import Phase
    from ostoja.cases.models import Case
    from ostoja.people import services as people_services
    from ostoja.people.models import Person

    manager = cast[Role.CASE_MANAGER]
    person = people_services.person_register(
        person=Person(given_name="Olena", registered_by=manager), channels=[]
    )
    case = Case(person=person, case_manager=manager, phase=Phase.FOREIGNER_IN_POLAND)
    return case_services.case_open(case=case, members=[])


@pytest.fixture
def second_admin(make_staff):
    return make_staff("admin_two", Role.ADMINISTRATOR, first_name="Adam")


def test_the_self_grant_attack_fails_and_leaves_a_trace(client_for, cast, second_admin, case_file):
    """An administrator added supervisor to their own account, read a file, and removed the role."""
    admin = cast[Role.ADMINISTRATOR]
    client = client_for(Role.ADMINISTRATOR)
    response = _edit(client, admin, [Role.ADMINISTRATOR, Role.SUPERVISOR])
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    admin = User.objects.get(pk=admin.pk)
    assert admin.roles == {Role.ADMINISTRATOR}
    assert not RoleGrant.objects.filter(user=admin).exists()
    # Still no way into the file.
    page = client.get(reverse("cases:case_detail", args=[case_file.pk]))
    assert "cases/case_detail.html" not in [t.name for t in page.templates]
    # The attempt itself is on the log.
    refused = _staff_events(admin)
    assert refused and refused[-1].details["refused"] == ["self_grant"]
    assert refused[-1].actor_id == admin.pk
    assert chain.verify().intact


def test_nobody_confirms_their_own_request_or_a_grant_for_themselves(client_for, cast, second_admin):
    target = cast[Role.SPECIALIST]
    asker = client_for(Role.ADMINISTRATOR)
    response = _edit(asker, target, [Role.SPECIALIST, Role.SUPERVISOR])
    assert response.status_code == 302
    assert User.objects.get(pk=target.pk).roles == {Role.SPECIALIST}  # asked for, not given
    grant = RoleGrant.objects.get(user=target, role=Role.SUPERVISOR)
    assert grant.status == RoleGrant.Status.PENDING and grant.requested_by == cast[Role.ADMINISTRATOR]
    # The administrators who may confirm are asked by e-mail.
    assert [m.to for m in mail.outbox] == [[second_admin.email]]
    page = asker.get(reverse("accounts:grant_list"))
    assert page.status_code == 200 and page.context["pending"] == [grant]
    assert not page.context["pending"][0].may_confirm and page.context["pending"][0].may_decline

    url = reverse("accounts:grant_decide", args=[grant.pk])
    decision = {f"grant{grant.pk}-password": TEST_PASSWORD, f"grant{grant.pk}-decision": "confirm"}
    asker.post(url, decision)
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.PENDING
    assert User.objects.get(pk=target.pk).roles == {Role.SPECIALIST}


def test_a_second_administrator_confirms_and_supervisors_are_told(client_for, cast, second_admin):
    from ostoja.testing.access import login_verified

    target = cast[Role.SPECIALIST]
    _edit(client_for(Role.ADMINISTRATOR), target, [Role.SPECIALIST, Role.SUPERVISOR])
    grant = RoleGrant.objects.get(user=target, role=Role.SUPERVISOR)
    mail.outbox.clear()
    confirmer = login_verified(type(client_for(Role.SUPERVISOR))(), second_admin)
    url = reverse("accounts:grant_decide", args=[grant.pk])
    wrong = {f"grant{grant.pk}-password": "not-my-password", f"grant{grant.pk}-decision": "confirm"}
    confirmer.post(url, wrong)
    assert User.objects.get(pk=target.pk).roles == {Role.SPECIALIST}
    right = {f"grant{grant.pk}-password": TEST_PASSWORD, f"grant{grant.pk}-decision": "confirm"}
    assert confirmer.post(url, right).status_code == 302
    assert User.objects.get(pk=target.pk).roles == {Role.SPECIALIST, Role.SUPERVISOR}
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.GRANTED and grant.decided_by == second_admin
    # Every active supervisor (the new one included) is mailed, with who asked and who confirmed.
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([cast[Role.SUPERVISOR].email, target.email])
    body = mail.outbox[0].body
    assert cast[Role.ADMINISTRATOR].username in body and second_admin.username in body
    event = _staff_events(target)[-1]
    assert event.actor_id == second_admin.pk and event.details["roles_added"] == [Role.SUPERVISOR]
    # And supervisors see it in the application.
    dashboard = client_for(Role.SUPERVISOR).get("/")
    assert target.username in dashboard.content.decode()


def test_without_a_second_administrator_the_grant_is_refused_and_nothing_is_saved(client_for, cast):
    target = cast[Role.SPECIALIST]
    response = _edit(
        client_for(Role.ADMINISTRATOR), target, [Role.SPECIALIST, Role.ADMINISTRATOR], email="x@y.org"
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["roles"]
    assert [error.code for error in errors] == ["no_second_administrator"]
    assert "drugiego administratora" in response.content.decode()  # said in the user's language
    target = User.objects.get(pk=target.pk)
    assert target.roles == {Role.SPECIALIST} and target.email != "x@y.org"
    assert not RoleGrant.objects.exists()
    assert b'value="x@y.org"' in response.content  # what was typed stays in the form


def test_other_roles_are_given_at_once_and_supervisors_are_told(client_for, cast):
    target = cast[Role.SPECIALIST]
    assert (
        _edit(client_for(Role.ADMINISTRATOR), target, [Role.SPECIALIST, Role.CASE_MANAGER]).status_code == 302
    )
    assert User.objects.get(pk=target.pk).roles == {Role.SPECIALIST, Role.CASE_MANAGER}
    grant = RoleGrant.objects.get(user=target)
    assert grant.status == RoleGrant.Status.GRANTED and grant.role == Role.CASE_MANAGER
    assert [m.to for m in mail.outbox] == [[cast[Role.SUPERVISOR].email]]
    event = _staff_events(target)[-1]
    assert event.details["roles_added"] == [Role.CASE_MANAGER]
    assert ("role_grant", grant.pk) in {(r.object_type, r.object_id) for r in event.refs.all()}


def test_creating_an_account_with_a_privileged_role_only_asks_for_it(client_for, cast, second_admin):
    response = client_for(Role.ADMINISTRATOR).post(
        reverse("accounts:staff_create"),
        {"username": "nowy", "first_name": "Nowy", "last_name": "Ktoś", "email": "nowy@example.org",
         "language": "pl", "roles": [Role.DUTY_WORKER, Role.SUPERVISOR]},
    )  # fmt: skip
    assert response.status_code == 200
    user = User.objects.get(username="nowy")
    assert user.roles == {Role.DUTY_WORKER}
    assert [g.role for g in response.context["requested"]] == [Role.SUPERVISOR]
    event = _staff_events(user)[0]
    assert event.action == "create"
    assert event.details == {"roles_added": [Role.DUTY_WORKER], "roles_requested": [Role.SUPERVISOR]}


def test_a_request_lapses_after_a_week(client_for, cast, second_admin):
    target = cast[Role.SPECIALIST]
    _edit(client_for(Role.ADMINISTRATOR), target, [Role.SPECIALIST, Role.SUPERVISOR])
    grant = RoleGrant.objects.get(user=target)
    request = type("R", (), {"user": second_admin, "META": {"REMOTE_ADDR": "10.0.0.9"}})()
    later = timezone.now() + timedelta(days=services.PENDING_DAYS, minutes=1)
    with time_machine.travel(later), pytest.raises(ValidationError) as refused:
        services.grant_confirm(request=request, grant_id=grant.pk)
    assert refused.value.code == "lapsed"
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.LAPSED
    assert User.objects.get(pk=target.pk).roles == {Role.SPECIALIST}


def test_every_account_action_leaves_an_audit_row(client_for, cast):
    admin = client_for(Role.ADMINISTRATOR)
    target = cast[Role.SPECIALIST]
    confirm = {"confirm-password": TEST_PASSWORD}
    _edit(admin, target, [Role.SPECIALIST], email="new@example.org")
    admin.post(reverse("accounts:staff_reset_password", args=[target.pk]), confirm)
    admin.post(reverse("accounts:staff_reset_mfa", args=[target.pk]), confirm)
    admin.post(reverse("accounts:staff_deactivate", args=[target.pk]), confirm)
    admin.post(reverse("accounts:staff_reactivate", args=[target.pk]), confirm)
    _edit(admin, User.objects.get(pk=target.pk), [Role.DUTY_WORKER])
    details = [e.details for e in _staff_events(target)]
    assert details[0]["fields"] == ["email"]
    assert details[1]["password_reset"] is True
    assert details[2]["authenticator_reset"] is True
    assert details[3]["deactivated"] is True
    assert details[4]["reactivated"] is True
    assert details[5]["roles_removed"] == [Role.SPECIALIST]
    assert details[5]["roles_added"] == [Role.DUTY_WORKER]
    assert all(e.actor_id == cast[Role.ADMINISTRATOR].pk for e in _staff_events(target))
    assert chain.verify().intact


def test_changing_ones_own_password_is_audited(client_for, cast):
    client = client_for(Role.DUTY_WORKER)
    new = "a-much-longer-passphrase-9"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    event = _staff_events(cast[Role.DUTY_WORKER])[-1]
    assert event.details == {"fields": ["password"]} and event.actor_id == cast[Role.DUTY_WORKER].pk


def test_no_account_action_on_ones_own_account(client_for, cast):
    admin = cast[Role.ADMINISTRATOR]
    response = client_for(Role.ADMINISTRATOR).post(
        reverse("accounts:staff_reset_password", args=[admin.pk]), {"confirm-password": TEST_PASSWORD}
    )
    assert response.status_code == 400
    assert not _staff_events(admin)


def test_bootstrap_administrator_works_only_until_there_are_two(cast, make_staff, capsys):
    first = make_staff("first_admin")
    call_command("bootstrap_administrator", first.username)
    assert User.objects.get(pk=first.pk).roles == {Role.ADMINISTRATOR}
    event = _staff_events(first)[-1]
    assert event.actor_id is None and event.details["via"] == "command"
    assert RoleGrant.objects.get(user=first).status == RoleGrant.Status.GRANTED
    third = make_staff("third_admin")
    with translation.override("en"), pytest.raises(CommandError, match="two active administrators"):
        call_command("bootstrap_administrator", third.username)
    assert User.objects.get(pk=third.pk).roles == frozenset()


def test_group_changes_without_audit_are_only_for_demo_data_and_fixtures():
    """``user_set_roles`` skips the rules and the audit; only setup code may call it."""
    # demo/bench.py: the synthetic staff of the benchmark's register (refused outside demo mode).
    allowed = {
        "accounts/services.py",
        "demo/staff.py",
        "demo/bench.py",
        "testing/fixtures.py",
        "testing/tour.py",
    }
    callers = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "user_set_roles" in path.read_text(encoding="utf-8") and "/tests/" not in str(path)
    }
    assert callers <= allowed, callers - allowed
