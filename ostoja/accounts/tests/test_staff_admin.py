import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.testing.access import assert_access
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_staff_pages_are_for_administrators_only(cast):
    other = cast[Role.DUTY_WORKER]
    assert_access(reverse("accounts:staff_list"), cast=cast, allowed=[Role.ADMINISTRATOR])
    assert_access(reverse("accounts:staff_create"), cast=cast, allowed=[Role.ADMINISTRATOR])
    assert_access(reverse("accounts:staff_edit", args=[other.pk]), cast=cast, allowed=[Role.ADMINISTRATOR])
    assert_access(reverse("accounts:grant_list"), cast=cast, allowed=[Role.ADMINISTRATOR])
    for name in ("staff_deactivate", "staff_reactivate", "staff_reset_mfa", "staff_reset_password"):
        assert_access(
            reverse(f"accounts:{name}", args=[other.pk]), cast=cast, allowed=[Role.ADMINISTRATOR],
            method="post", allowed_status=400,
        )  # fmt: skip


def test_administrator_creates_an_account_with_a_temporary_password(client_for):
    client = client_for(Role.ADMINISTRATOR)
    response = client.post(
        reverse("accounts:staff_create"),
        {"username": "nowa", "first_name": "Nowa", "last_name": "Osoba", "email": "nowa@example.org",
         "language": "pl", "roles": [Role.DUTY_WORKER, Role.SPECIALIST]},
    )  # fmt: skip
    assert response.status_code == 200
    user = User.objects.get(username="nowa")
    assert user.roles == {Role.DUTY_WORKER, Role.SPECIALIST}
    assert user.must_change_password
    assert response.context["password"] and user.check_password(response.context["password"])


def test_bad_input_keeps_what_was_typed(client_for, cast):
    client = client_for(Role.ADMINISTRATOR)
    response = client.post(
        reverse("accounts:staff_create"),
        {"username": cast[Role.DUTY_WORKER].username, "first_name": "Kasia", "last_name": "", "email": "not-an-email",
         "language": "pl", "roles": []},
    )  # fmt: skip
    assert response.status_code == 200
    assert b'value="Kasia"' in response.content
    form = response.context["form"]
    assert "username" in form.errors and "email" in form.errors and "roles" in form.errors
    assert not User.objects.filter(first_name="Kasia").exists()


def test_deactivation_needs_the_admins_password_and_ends_sessions(client_for, cast):
    admin = client_for(Role.ADMINISTRATOR)
    victim_client = client_for(Role.DUTY_WORKER)
    target = cast[Role.DUTY_WORKER]
    url = reverse("accounts:staff_deactivate", args=[target.pk])
    assert admin.post(url, {"confirm-password": "wrong"}).status_code == 400
    target.refresh_from_db()
    assert target.is_active
    assert admin.post(url, {"confirm-password": TEST_PASSWORD}).status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert victim_client.get("/").status_code == 302
    assert Session.objects.count() == 1  # only the administrator's own


def test_administrator_cannot_deactivate_themself(client_for, cast):
    admin_user = cast[Role.ADMINISTRATOR]
    response = client_for(Role.ADMINISTRATOR).post(
        reverse("accounts:staff_deactivate", args=[admin_user.pk]), {"confirm-password": TEST_PASSWORD}
    )
    assert response.status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_reset_mfa_removes_the_authenticator(client_for, cast):
    target = cast[Role.SPECIALIST]
    TOTPDevice.objects.create(user=target, name="phone", confirmed=True)
    response = client_for(Role.ADMINISTRATOR).post(
        reverse("accounts:staff_reset_mfa", args=[target.pk]), {"confirm-password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()


def test_reactivation_gives_a_new_temporary_password(client_for, cast):
    target = cast[Role.SPECIALIST]
    target.is_active = False
    target.save()
    response = client_for(Role.ADMINISTRATOR).post(
        reverse("accounts:staff_reactivate", args=[target.pk]), {"confirm-password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.is_active and target.must_change_password
    assert target.check_password(response.context["password"])


def test_editing_roles(client_for, cast):
    target = cast[Role.SPECIALIST]
    response = client_for(Role.ADMINISTRATOR).post(
        reverse("accounts:staff_edit", args=[target.pk]),
        {"first_name": "Karolina", "last_name": "Mazur", "email": "", "language": "en",
         "roles": [Role.SPECIALIST, Role.CASE_MANAGER], "version": target.version},
    )  # fmt: skip
    assert response.status_code == 302
    target = User.objects.get(pk=target.pk)
    assert target.roles == {Role.SPECIALIST, Role.CASE_MANAGER}
