import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts import services
from ostoja.accounts.roles import Role
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/sign-in/"
MFA = "/sign-in/code/"


def code_for(device: TOTPDevice, at=None) -> str:
    calc = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    calc.time = (at or timezone.now()).timestamp()
    return f"{calc.token():06d}"


def password_step(client: Client, username: str, password: str = TEST_PASSWORD, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_every_staff_page_needs_both_steps(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = Client()
    assert client.get("/").status_code == 302
    response = password_step(client, "ewa")
    assert response.status_code == 302 and response["Location"] == MFA
    # Password alone is not enough: the dashboard sends the user to the code step.
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == MFA
    assert client.get(reverse("accounts:staff_list")).status_code == 302
    assert user.is_authenticated


def test_first_sign_in_enrols_an_authenticator_with_a_qr_code(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    client = Client()
    password_step(client, "ewa")
    page = client.get(MFA)
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    response = client.post(MFA, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_a_code_works_only_once(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    first = Client()
    password_step(first, "ewa")
    code = code_for(device)
    assert first.post(MFA, {"code": code}).status_code == 302
    second = Client()
    password_step(second, "ewa")
    response = second.post(MFA, {"code": code})
    assert response.status_code == 200
    assert (
        "Każdy kod działa raz".encode() in response.content
        or b"only once" in response.content
        or b"once" in response.content
    )
    assert second.get("/").status_code == 302


def test_wrong_password_gives_the_same_answer_whether_or_not_the_user_exists(make_staff):
    make_staff("zofiaq", Role.CASE_MANAGER)
    existing = password_step(Client(), "zofiaq", "wrong-password-123")
    missing = password_step(Client(), "nobodyq", "wrong-password-123")
    assert existing.status_code == missing.status_code == 200
    varying = re.compile(rb'(name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"|zofiaq|nobodyq)')
    assert varying.sub(b"", existing.content) == varying.sub(b"", missing.content)


def test_inactive_user_cannot_sign_in(make_staff):
    user = make_staff("ewa", Role.CASE_MANAGER)
    user.is_active = False
    user.save()
    response = password_step(Client(), "ewa")
    assert response.status_code == 200


def test_lockout_is_per_username_and_address(make_staff):
    make_staff("ewa", Role.DUTY_WORKER)
    make_staff("jan", Role.DUTY_WORKER)
    attacker = Client()
    for _ in range(5):
        password_step(attacker, "ewa", "bad-password-000", address="203.0.113.5")
    # Even the right password is refused from the attacker's address …
    locked = password_step(attacker, "ewa", address="203.0.113.5")
    assert locked.status_code == 429
    # … but the same user from another address, and another user from that address, get in.
    assert password_step(Client(), "ewa", address="198.51.100.7")["Location"] == MFA
    assert password_step(Client(), "jan", address="203.0.113.5")["Location"] == MFA


def test_lockout_ends_after_its_time(make_staff):
    make_staff("ewa", Role.DUTY_WORKER)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            password_step(Client(), "ewa", "bad-password-000")
        assert password_step(Client(), "ewa").status_code == 429
        traveller.shift(timedelta(minutes=16))
        assert password_step(Client(), "ewa").status_code == 302


def test_wrong_codes_count_towards_the_lockout(make_staff):
    user = make_staff("ewa", Role.DUTY_WORKER)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    password_step(client, "ewa")
    for _ in range(5):
        client.post(MFA, {"code": "000000"}, REMOTE_ADDR="10.0.0.1")
    assert password_step(Client(), "ewa").status_code == 429


def test_the_code_after_the_lockout_signs_out_with_a_clear_answer(make_staff):
    """The sixth wrong code used to raise (500) and so roll back the sign-out with the request."""
    user = make_staff("ewa", Role.DUTY_WORKER)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    password_step(client, "ewa")
    key = client.session.session_key
    for _ in range(5):
        client.post(MFA, {"code": "000000"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(MFA, {"code": "000000"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert response.context["alert"] and b'role="alert"' in response.content
    # The sign-out holds: the half-signed-in session is gone on the server.
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(MFA)["Location"].startswith(LOGIN)


def test_sign_in_gets_a_new_session_key(make_staff):
    user = make_staff("ewa", Role.DUTY_WORKER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.get(LOGIN)
    client.cookies["sessionid"] = "attackerchosensessionkey12345678"
    password_step(client, "ewa")
    after_password = client.cookies["sessionid"].value
    assert after_password != "attackerchosensessionkey12345678"
    client.post(MFA, {"code": code_for(device)})
    assert client.cookies["sessionid"].value != after_password


def _production_hashers(settings):
    # The suite hashes with MD5 for speed; these tests use what the settings module configures.
    import ostoja.settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS


def test_passwords_are_hashed_with_argon2id_at_owasp_s_minimum(make_staff, settings):
    from argon2 import Type, extract_parameters

    _production_hashers(settings)
    user = make_staff("ewa")
    assert user.password.startswith("argon2$argon2id$")
    parameters = extract_parameters("$" + user.password.split("$", 1)[1])
    # OWASP: Argon2id, m >= 19 MiB with t >= 2 (or an equivalent pair), p = 1.
    assert parameters.type is Type.ID and parameters.parallelism == 1
    assert parameters.memory_cost >= 19 * 1024 and parameters.time_cost >= 2
    # Not more than that: sign-in must stay quick on two cores.
    assert parameters.memory_cost <= 47 * 1024


def test_an_older_heavier_hash_still_signs_in_and_is_rehashed(make_staff, settings):
    from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoDefault

    user = make_staff("jan")
    user.password = DjangoDefault().encode(TEST_PASSWORD, DjangoDefault().salt())
    user.save(update_fields=["password"])
    assert "m=102400" in user.password
    _production_hashers(settings)
    assert user.check_password(TEST_PASSWORD)
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password


def test_signing_out_ends_the_session_on_the_server(client_for):
    client = client_for(Role.CASE_MANAGER)
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302


def test_sign_out_needs_post(client_for):
    assert client_for(Role.CASE_MANAGER).get(reverse("accounts:logout")).status_code == 405


def _signed_in(make_staff):
    user = make_staff("ewa", Role.DUTY_WORKER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    password_step(client, "ewa")
    client.post(MFA, {"code": code_for(device)})
    return user, client


def test_session_ends_after_twenty_idle_minutes(make_staff):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _, client = _signed_in(make_staff)
        traveller.shift(timedelta(minutes=19))
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=19))
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=21))
        response = client.get("/")
        assert response.status_code == 302 and "expired=1" in response["Location"]


def test_session_ends_after_twelve_hours_even_when_active(make_staff):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _, client = _signed_in(make_staff)
        for _ in range(12 * 4 + 1):
            traveller.shift(timedelta(minutes=15))
            response = client.get("/")
            if response.status_code != 200:
                break
        assert response.status_code == 302 and "expired=1" in response["Location"]


def test_polling_does_not_keep_an_idle_session_alive(make_staff):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _, client = _signed_in(make_staff)
        for _ in range(4):
            traveller.shift(timedelta(minutes=6))
            client.get("/", headers={"X-Ostoja-Poll": "1"})
        assert client.get("/").status_code == 302


def test_deactivating_a_user_ends_their_sessions(make_staff):
    user, client = _signed_in(make_staff)
    assert client.get("/").status_code == 200
    services.user_deactivate(user=user)
    assert client.get("/").status_code == 302
    assert not Session.objects.exists()


def test_must_change_password_before_anything_else(make_staff):
    user, client = _signed_in(make_staff)
    user.must_change_password = True
    user.save()
    response = client.get("/")
    assert response["Location"] == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200 and b'name="old_password"' in response.content
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-much-longer-passphrase-9",
            "new_password2": "a-much-longer-passphrase-9",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_next_keeps_only_a_local_path(make_staff):
    user = make_staff("ewa", Role.ADMINISTRATOR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.post(LOGIN + "?next=https://evil.example/", {"username": "ewa", "password": TEST_PASSWORD})
    assert client.post(MFA, {"code": code_for(device)})["Location"] == "/"
    client = Client()
    client.post(LOGIN + "?next=/staff/", {"username": "ewa", "password": TEST_PASSWORD})
    device.refresh_from_db()
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=False):
        assert client.post(MFA, {"code": code_for(device, at=timezone.now())})["Location"] == "/staff/"


def test_quick_retries_after_a_wrong_code_are_told_to_wait(make_staff):
    user = make_staff("ewa", Role.DUTY_WORKER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    password_step(client, "ewa")
    with time_machine.travel(timezone.now(), tick=False):
        client.post(MFA, {"code": "000000"})
        response = client.post(MFA, {"code": code_for(device)})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get("/").status_code == 302
