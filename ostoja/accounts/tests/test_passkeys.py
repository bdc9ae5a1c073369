"""Passkeys: enrolment after the password again, sign-in, the factor rules, the policy and audit.

The ceremonies run against a software authenticator (``softkey.SoftKey``) that answers as a browser
would; the browser test does the same with Chromium's virtual authenticator.
"""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from ostoja.accounts import passkeys, services
from ostoja.accounts.models import LoginFailure, SignInPolicy
from ostoja.accounts.roles import Role
from ostoja.accounts.tests.softkey import SoftKey
from ostoja.audit.models import AuditEvent, AuditObject
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, assert_access, login_verified
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/sign-in/"
MFA = "/sign-in/code/"
ADD = reverse("accounts:passkey_add")
REGISTER_BEGIN = reverse("accounts:passkey_register_begin")
REGISTER_COMPLETE = reverse("accounts:passkey_register_complete")
SIGN_IN_BEGIN = reverse("accounts:passkey_sign_in_begin")
SIGN_IN_COMPLETE = reverse("accounts:passkey_sign_in_complete")
ACCOUNT = reverse("accounts:account")
POLICY = reverse("accounts:sign_in_policy")


def post_json(client: Client, url: str, payload: dict | None = None):
    return client.post(url, data=json.dumps(payload or {}), content_type="application/json")


def password_step(client: Client, username: str) -> None:
    response = client.post(LOGIN, {"username": username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content


def totp_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrol(client: Client, key: SoftKey, name: str = "Laptop"):
    """Name and password again, then the ceremony; returns the completion response."""
    assert client.post(ADD, {"name": name, "password": TEST_PASSWORD}).status_code == 200
    begin = post_json(client, REGISTER_BEGIN)
    assert begin.status_code == 200, begin.content
    return post_json(client, REGISTER_COMPLETE, key.register(begin.json()))


def sign_in_with(client: Client, key: SoftKey):
    begin = post_json(client, SIGN_IN_BEGIN)
    assert begin.status_code == 200, begin.content
    return post_json(client, SIGN_IN_COMPLETE, key.sign_in(begin.json()))


def give_passkey(user, name: str = "Laptop") -> SoftKey:
    """A passkey enrolled earlier: its public key stored as the enrolment would store it."""
    key = SoftKey()
    WebAuthnCredential.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=key.credential_id,
        public_key=key._cose_public_key(),
        aaguid="00000000-0000-0000-0000-000000000000",
    )
    return key


def require_passkeys_for(*roles: str) -> None:
    SignInPolicy.objects.update_or_create(pk=SignInPolicy.SINGLETON, defaults={"passkey_roles": list(roles)})


def is_verified(client: Client) -> bool:
    return client.get("/").status_code == 200


# --- Enrolment ---------------------------------------------------------------------------------


def test_enrolment_names_the_passkey_and_is_audited(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = login_verified(Client(), user)
    response = enrol(client, SoftKey(), name="  Laptop   służbowy ")
    assert response.status_code == 200 and response.json() == {"redirect": ACCOUNT}
    device = WebAuthnCredential.objects.get(user=user)
    assert device.name == "Laptop służbowy" and device.confirmed
    event = AuditEvent.objects.get(action="create", object_type="passkey")
    assert event.actor_id == user.pk
    refs = set(AuditObject.objects.filter(event=event).values_list("object_type", "object_id"))
    assert refs == {("passkey", device.pk), ("staff", user.pk)}
    page = client.get(ACCOUNT)
    assert "Laptop służbowy" in page.content.decode()


def test_enrolment_needs_the_password_again(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = login_verified(Client(), user)
    # Straight to the ceremony, without the password: refused.
    begin = post_json(client, REGISTER_BEGIN)
    assert begin.status_code == 403 and "hasło" in begin.json()["detail"]
    # A wrong password: the name is kept, the error is next to the field, and it counts as a failure.
    response = client.post(ADD, {"name": "Laptop", "password": "not my password"})
    assert response.status_code == 400
    assert 'value="Laptop"' in response.content.decode()
    assert "To nie jest Twoje obecne hasło." in response.content.decode()
    assert LoginFailure.objects.filter(username="ewa").count() == 1
    assert post_json(client, REGISTER_BEGIN).status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_the_password_check_opens_enrolment_for_five_minutes_only(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = login_verified(Client(), user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.post(ADD, {"name": "Laptop", "password": TEST_PASSWORD}).status_code == 200
    with time_machine.travel(start + timedelta(minutes=4, seconds=50), tick=False):
        # Still open (the session itself stays alive: the request counts as activity).
        assert post_json(client, REGISTER_BEGIN).status_code == 200
    with time_machine.travel(start + timedelta(minutes=5, seconds=10), tick=False):
        assert post_json(client, REGISTER_BEGIN).status_code == 403


def test_one_password_check_enrols_one_passkey(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = login_verified(Client(), user)
    key = SoftKey()
    assert client.post(ADD, {"name": "Laptop", "password": TEST_PASSWORD}).status_code == 200
    answer = key.register(post_json(client, REGISTER_BEGIN).json())
    assert post_json(client, REGISTER_COMPLETE, answer).status_code == 200
    # The same answer again (a replay), and a new ceremony without a new password check: refused.
    assert post_json(client, REGISTER_COMPLETE, answer).status_code == 403
    assert post_json(client, REGISTER_BEGIN).status_code == 403
    assert WebAuthnCredential.objects.filter(user=user).count() == 1


def test_a_password_alone_cannot_add_a_passkey_to_an_account_that_has_a_factor(make_staff):
    # Someone who knows the password but not the second factor must not enrol their own passkey.
    user = make_staff("ewa", Role.CASE_MANAGER)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    password_step(client, "ewa")
    response = client.get(ADD)
    assert response.status_code == 302 and response["Location"] == MFA
    assert client.post(ADD, {"name": "Mine", "password": TEST_PASSWORD}).status_code == 302
    assert post_json(client, REGISTER_BEGIN).status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_a_passkey_from_another_site_is_not_enrolled(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = login_verified(Client(), user)
    response = enrol(client, SoftKey(origin="https://ostoja-login.example", rp_id="ostoja-login.example"))
    assert response.status_code == 400 and response.json()["detail"]
    assert not WebAuthnCredential.objects.exists()
    assert not AuditEvent.objects.filter(object_type="passkey").exists()


def test_no_passkey_is_kept_when_its_audit_row_cannot_be_written(make_staff, monkeypatch):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = login_verified(Client(), user)

    def broken(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(passkeys, "record", broken)
    with pytest.raises(RuntimeError):
        enrol(client, SoftKey())
    assert not WebAuthnCredential.objects.exists()


def test_a_first_sign_in_may_enrol_a_passkey_instead_of_the_app(make_staff):
    make_staff("ewa", Role.CASE_MANAGER)
    client = Client()
    password_step(client, "ewa")
    page = client.get(MFA)
    assert b"<svg" in page.content and ADD.encode() in page.content
    key = SoftKey()
    response = enrol(client, key)
    # The new passkey then confirms the sign-in; the half-done app enrolment is dropped.
    assert response.json() == {"redirect": MFA}
    assert not is_verified(client)
    assert sign_in_with(client, key).status_code == 200
    assert is_verified(client)
    assert not TOTPDevice.objects.filter(user__username="ewa").exists()


# --- Sign-in -----------------------------------------------------------------------------------


def test_sign_in_with_a_passkey(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    key = give_passkey(user)
    client = Client()
    password_step(client, "ewa")
    key_before = client.session.session_key
    page = client.get(MFA, HTTP_HOST="localhost:8000")
    assert "Zaloguj się kluczem dostępu".encode() in page.content
    # No app is set up: no code field, and no app enrolment is started behind the user's back.
    assert b'name="code"' not in page.content
    assert not TOTPDevice.objects.filter(user=user).exists()
    response = sign_in_with(client, key)
    assert response.status_code == 200 and response.json() == {"redirect": "/"}
    assert client.session.session_key != key_before
    assert is_verified(client)
    device = WebAuthnCredential.objects.get(user=user)
    assert device.last_used_at is not None and device.sign_count == 1


def test_a_passkey_answer_works_once(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    key = give_passkey(user)
    client = Client()
    password_step(client, "ewa")
    answer = key.sign_in(post_json(client, SIGN_IN_BEGIN).json())
    other = Client()
    password_step(other, "ewa")
    # The answer cannot be reused in another session (its challenge is bound to the first one)…
    post_json(other, SIGN_IN_BEGIN)
    assert post_json(other, SIGN_IN_COMPLETE, answer).status_code == 400
    assert not is_verified(other)
    # …nor twice in the same session.
    assert post_json(client, SIGN_IN_COMPLETE, answer).status_code == 200
    third = Client()
    password_step(third, "ewa")
    assert post_json(third, SIGN_IN_COMPLETE, answer).status_code == 400


def test_a_phishing_site_cannot_relay_a_passkey(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    real = give_passkey(user)
    client = Client()
    password_step(client, "ewa")
    # A look-alike site asks the browser for a signature: the browser signs for that site's origin.
    phished = SoftKey(origin="https://ostoja-login.example")
    phished.private_key, phished.credential_id = real.private_key, real.credential_id
    response = sign_in_with(client, phished)
    assert response.status_code == 400
    assert not is_verified(client)
    assert LoginFailure.objects.filter(username="ewa").count() == 1


def test_someone_elses_passkey_does_not_sign_you_in(make_staff):
    jans_key = give_passkey(make_staff("jan", Role.CASE_MANAGER))
    give_passkey(make_staff("ewa", Role.CASE_MANAGER))
    client = Client()
    password_step(client, "ewa")
    response = sign_in_with(client, jans_key)
    assert response.status_code == 400
    assert not is_verified(client)


def test_failed_passkey_checks_lock_the_username_and_address(make_staff, settings):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user)
    stranger = SoftKey()
    client = Client()
    password_step(client, "ewa")
    for _ in range(settings.OSTOJA_LOCKOUT_ATTEMPTS):
        assert sign_in_with(client, stranger).status_code == 400
    begin = post_json(client, SIGN_IN_BEGIN)
    assert begin.status_code == 429 and "15" in begin.json()["detail"]


def test_a_verified_session_cannot_start_another_passkey_sign_in(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user)
    client = login_verified(Client(), user)
    assert post_json(client, SIGN_IN_BEGIN).status_code == 403


def test_the_ceremony_endpoints_need_the_password_step(db):
    client = Client()
    for url in (SIGN_IN_BEGIN, SIGN_IN_COMPLETE, REGISTER_BEGIN, REGISTER_COMPLETE):
        response = post_json(client, url)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), url


def test_the_passkey_is_offered_only_at_its_own_address(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user)
    client = Client()
    password_step(client, "ewa")
    # Browsers refuse passkeys on an IP address (the demo at 127.0.0.1): say where they work.
    page = client.get(MFA, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert 'href="http://localhost:8000"' in page and "data-passkey" not in page
    response = client.get(MFA, HTTP_HOST="localhost:8000")
    page = response.content.decode()
    assert 'data-passkey="authenticate"' in page
    # The script is our own static file, carrying the page's CSP nonce; nothing inline, no other host.
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script src="/static/ostoja/passkeys.js" nonce="{nonce}" defer></script>' in page
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


# --- Roles that require passkeys -----------------------------------------------------------------


def test_the_app_code_is_refused_when_the_role_requires_a_passkey(make_staff):
    user = make_staff("olga", Role.SUPERVISOR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    give_passkey(user)
    require_passkeys_for(Role.SUPERVISOR)
    client = Client()
    password_step(client, "olga")
    page = client.get(MFA)
    assert b'name="code"' not in page.content
    response = client.post(MFA, {"code": totp_code(device)})
    assert response.status_code == 403
    assert not is_verified(client)


def test_the_app_code_is_the_alternative_when_passkeys_are_not_required(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    give_passkey(user)
    require_passkeys_for(Role.SUPERVISOR)
    client = Client()
    password_step(client, "ewa")
    page = client.get(MFA, HTTP_HOST="localhost:8000")
    assert b'name="code"' in page.content and b'data-passkey="authenticate"' in page.content
    assert client.post(MFA, {"code": totp_code(device)}).status_code == 302
    assert is_verified(client)


def test_a_required_role_without_a_passkey_enrols_one_after_the_app_code(make_staff):
    user = make_staff("olga", Role.SUPERVISOR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    require_passkeys_for(Role.SUPERVISOR)
    client = Client()
    password_step(client, "olga")
    assert client.post(MFA, {"code": totp_code(device)}).status_code == 302
    # The app's code alone does not open Ostoja: every page leads to the passkey step.
    for url in ("/", reverse("cases:case_list"), ACCOUNT):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == MFA, url
    assert client.get(MFA)["Location"] == ADD
    key = SoftKey()
    assert enrol(client, key).json() == {"redirect": MFA}
    assert not is_verified(client)
    assert sign_in_with(client, key).status_code == 200
    assert is_verified(client)


def test_a_required_role_with_no_factor_enrols_a_passkey_not_the_app(make_staff):
    make_staff("olga", Role.SUPERVISOR)
    require_passkeys_for(Role.SUPERVISOR)
    client = Client()
    password_step(client, "olga")
    response = client.get(MFA)
    assert response.status_code == 302 and response["Location"] == ADD
    assert not TOTPDevice.objects.filter(user__username="olga").exists()
    # The app's code is not accepted either (there is no app to check it against).
    assert client.post(MFA, {"code": "123456"}).status_code == 302
    assert not is_verified(client)


def test_requiring_passkeys_takes_effect_in_open_sessions(make_staff):
    user = make_staff("olga", Role.SUPERVISOR)
    key = give_passkey(user)
    client = login_verified(Client(), user)  # confirmed with the authenticator app
    assert is_verified(client)
    require_passkeys_for(Role.SUPERVISOR)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == MFA
    page = client.get(MFA)
    assert page.status_code == 200 and b'name="code"' not in page.content
    # Nor may that session add a passkey of its own before confirming with the one it has.
    assert client.post(ADD, {"name": "Mine", "password": TEST_PASSWORD}).status_code == 302
    assert post_json(client, REGISTER_BEGIN).status_code == 403
    assert sign_in_with(client, key).status_code == 200
    assert is_verified(client)


# --- Removal -----------------------------------------------------------------------------------


def remove_url(device) -> str:
    return reverse("accounts:passkey_remove", args=[device.pk])


def test_removal_needs_the_password_and_is_audited(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user, "Laptop")
    device = WebAuthnCredential.objects.get(user=user)
    client = login_verified(Client(), user)  # has the app too
    assert client.get(remove_url(device)).status_code == 200
    response = client.post(remove_url(device), {"password": "wrong password"})
    assert response.status_code == 400 and WebAuthnCredential.objects.filter(pk=device.pk).exists()
    response = client.post(remove_url(device), {"password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    assert not WebAuthnCredential.objects.filter(pk=device.pk).exists()
    event = AuditEvent.objects.get(action="delete", object_type="passkey")
    assert event.actor_id == user.pk and event.details["by"] == "owner"


def test_the_last_factor_cannot_be_removed(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    key = give_passkey(user)
    client = Client()
    password_step(client, "ewa")
    sign_in_with(client, key)
    device = WebAuthnCredential.objects.get(user=user)
    response = client.post(remove_url(device), {"password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "jedyny sposób" in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()
    # With a second passkey the first may go.
    give_passkey(user, "Security key")
    assert client.post(remove_url(device), {"password": TEST_PASSWORD}).status_code == 302
    assert passkeys.has_passkey(user)


def test_the_last_passkey_stays_while_the_role_requires_one(make_staff):
    user = make_staff("olga", Role.SUPERVISOR)
    key = give_passkey(user)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    require_passkeys_for(Role.SUPERVISOR)
    client = Client()
    password_step(client, "olga")
    sign_in_with(client, key)
    device = WebAuthnCredential.objects.get(user=user)
    response = client.post(remove_url(device), {"password": TEST_PASSWORD})
    assert response.status_code == 400 and "Twoja rola wymaga klucza dostępu" in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()


def test_nobody_removes_someone_elses_passkey(make_staff):
    owner = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(owner)
    give_passkey(owner, "Second")
    device = WebAuthnCredential.objects.filter(user=owner).first()
    admin = make_staff("adam", Role.ADMINISTRATOR)
    client = login_verified(Client(), admin)
    assert client.get(remove_url(device)).status_code == 404
    assert client.post(remove_url(device), {"password": TEST_PASSWORD}).status_code == 404
    assert WebAuthnCredential.objects.filter(user=owner).count() == 2


def test_services_refuse_removing_the_last_factor_whoever_calls_them(make_staff, rf):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user)
    request = rf.post("/")
    request.user = user
    with pytest.raises(passkeys.Refused):
        passkeys.remove(request, device=WebAuthnCredential.objects.get(user=user))
    assert passkeys.has_passkey(user)


# --- Account page, policy, administrators -------------------------------------------------------


def test_every_verified_staff_member_has_an_account_page(cast):
    assert_access(ACCOUNT, cast=cast, allowed=[*Role.values, BREAK_GLASS, ASSIGNED, "outsider"])


def test_only_administrators_edit_the_sign_in_policy(cast):
    assert_access(POLICY, cast=cast, allowed=[Role.ADMINISTRATOR])
    assert_access(
        POLICY,
        cast=cast,
        allowed=[Role.ADMINISTRATOR],
        method="post",
        data={"passkey_roles": [Role.DUTY_WORKER]},
        allowed_status=400,  # without the password
    )
    assert SignInPolicy.current().passkey_roles == []


def test_the_policy_change_needs_the_password_and_is_audited(make_staff):
    admin = make_staff("adam", Role.ADMINISTRATOR)
    client = login_verified(Client(), admin)
    response = client.post(POLICY, {"passkey_roles": [Role.SUPERVISOR], "password": "wrong"})
    assert response.status_code == 400 and SignInPolicy.current().passkey_roles == []
    response = client.post(
        POLICY,
        {"passkey_roles": [Role.SUPERVISOR, Role.ADMINISTRATOR], "password": TEST_PASSWORD, "version": 0},
    )
    assert response.status_code == 302
    policy = SignInPolicy.current()
    assert policy.passkey_roles == [Role.SUPERVISOR, Role.ADMINISTRATOR] and policy.changed_by == admin
    event = AuditEvent.objects.get(object_type="sign_in_policy")
    assert event.action == "update" and event.actor_id == admin.pk
    assert event.details == {
        "passkey_roles": [Role.SUPERVISOR, Role.ADMINISTRATOR],
        "previous_passkey_roles": [],
    }
    # The administrator's own role now needs a passkey, and they have none: they set one up first.
    assert client.get("/")["Location"] == MFA
    assert client.get(MFA)["Location"] == ADD


def test_the_policy_knows_only_real_roles(make_staff):
    client = login_verified(Client(), make_staff("adam", Role.ADMINISTRATOR))
    response = client.post(POLICY, {"passkey_roles": ["janitor"], "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert SignInPolicy.current().passkey_roles == []
    assert not AuditEvent.objects.filter(object_type="sign_in_policy").exists()


def test_an_mfa_reset_clears_passkeys_too(make_staff):
    admin = make_staff("adam", Role.ADMINISTRATOR)
    user = make_staff("ewa", Role.CASE_MANAGER)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    give_passkey(user, "Laptop")
    give_passkey(user, "Key")
    client = login_verified(Client(), admin)
    staff_page = client.get(reverse("accounts:staff_list")).content.decode()
    assert "2 klucze dostępu" in staff_page
    response = client.post(
        reverse("accounts:staff_reset_mfa", args=[user.pk]), {"confirm-password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    assert not TOTPDevice.objects.filter(user=user).exists()
    removed = AuditEvent.objects.filter(action="delete", object_type="passkey")
    assert removed.count() == 2 and {e.actor_id for e in removed} == {admin.pk}
    assert {e.details["by"] for e in removed} == {"mfa_reset"}


def test_reset_service_clears_passkeys_without_a_request(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user)
    services.user_reset_mfa(user=user)
    assert not passkeys.has_passkey(user)
    assert AuditEvent.objects.filter(object_type="passkey", action="delete").count() == 1


def test_the_ceremony_endpoints_need_the_csrf_token(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    give_passkey(user)
    client = Client(enforce_csrf_checks=True)
    password_step_response = client.get(LOGIN)
    token = password_step_response.cookies["csrftoken"].value
    client.post(LOGIN, {"username": "ewa", "password": TEST_PASSWORD, "csrfmiddlewaretoken": token})
    assert post_json(client, SIGN_IN_BEGIN).status_code == 403
    assert post_json(client, REGISTER_BEGIN).status_code == 403
    begin = client.post(
        SIGN_IN_BEGIN,
        data="{}",
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert begin.status_code == 200 and begin.json()["allowCredentials"]
