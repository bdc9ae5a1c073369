"""Every sign-in and staff-administration URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.models import RoleGrant
from ostoja.accounts.roles import STAFF, Role
from ostoja.testing.access import ANONYMOUS, ASSIGNED, BREAK_GLASS, OUTSIDER, Route, routes_test

pytestmark = pytest.mark.django_db

SIGNED_IN = [*STAFF, BREAK_GLASS, ASSIGNED, OUTSIDER]  # every verified account, with a role or not
ADMIN = [Role.ADMINISTRATOR]


def _colleague(get):
    return [get("cast")[Role.DUTY_WORKER].pk]


def _duty_workers_passkey(get):
    from django_otp_webauthn.models import WebAuthnCredential

    from ostoja.accounts.tests.test_passkeys import give_passkey

    user = get("cast")[Role.DUTY_WORKER]
    give_passkey(user)
    return [WebAuthnCredential.objects.get(user=user).pk]


def _pending_grant(get):
    """The supervisor role asked for the duty worker by a second administrator, waiting."""
    second = get("make_staff")("second_admin", Role.ADMINISTRATOR)
    grant = RoleGrant.objects.create(
        user=get("cast")[Role.DUTY_WORKER], role=Role.SUPERVISOR, requested_by=second,
        requested_at=timezone.now(), status=RoleGrant.Status.PENDING,
    )  # fmt: skip
    return [grant.pk]


ROUTES = [
    # Whoever has signed in is sent on to the dashboard; only a visitor gets the form.
    Route("accounts:login", [ANONYMOUS], public=True, denied_status=302),
    # The second step is for an account between password and code; a verified one is sent on.
    Route("accounts:mfa", [], denied_status=302),
    # Passkey sign-in is a step before verification; a verified account is told it is signed in.
    Route("accounts:passkey_sign_in_begin", [], method="post"),
    Route("accounts:passkey_sign_in_complete", [], method="post"),
    Route("accounts:logout", SIGNED_IN, method="post", allowed_status=302),
    Route("accounts:account", SIGNED_IN),
    Route("accounts:passkey_add", SIGNED_IN),
    # Registering starts only after the password was given again on the form above …
    Route("accounts:passkey_register_begin", [], method="post"),
    # … and completing it without a ceremony begun is a bad request, for everyone.
    Route("accounts:passkey_register_complete", SIGNED_IN, method="post", allowed_status=400),
    # One's own passkey only: anybody else's is not even confirmed to exist.
    Route("accounts:passkey_remove", [Role.DUTY_WORKER], _duty_workers_passkey, denied_status=404),
    Route("accounts:password_change", SIGNED_IN),
    Route("accounts:set_language", [*SIGNED_IN, ANONYMOUS], method="post", allowed_status=302, public=True),
    Route("accounts:staff_list", ADMIN),
    Route("accounts:staff_create", ADMIN),
    Route("accounts:sign_in_policy", ADMIN),
    Route("accounts:staff_edit", ADMIN, _colleague),
    # Each needs the administrator's password again: without it, the form comes back (400).
    Route("accounts:staff_deactivate", ADMIN, _colleague, method="post", allowed_status=400),
    Route("accounts:staff_reactivate", ADMIN, _colleague, method="post", allowed_status=400),
    Route("accounts:staff_reset_mfa", ADMIN, _colleague, method="post", allowed_status=400),
    Route("accounts:staff_reset_password", ADMIN, _colleague, method="post", allowed_status=400),
    Route("accounts:grant_list", ADMIN),
    # Without a decision the form is refused and the list shown again.
    Route("accounts:grant_decide", ADMIN, _pending_grant, method="post", allowed_status=302),
]

test_route_access = routes_test(ROUTES)
