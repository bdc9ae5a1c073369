"""Passkeys (WebAuthn) as a second factor beside TOTP: enrolment, sign-in, removal and policy.

django-otp-webauthn supplies the credential model (a django-otp device, so ``is_verified()`` and
``otp_login`` work as for TOTP) and the WebAuthn checks (py_webauthn underneath). Ostoja keeps its
own views and rules around them: never passwordless, a passkey is enrolled only after the password
is given again, every account keeps at least one factor, administrators choose the roles that must
use a passkey, and every enrolment, removal and policy change is audited.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from ostoja import versions
from ostoja.accounts.models import SignInPolicy, User
from ostoja.accounts.roles import Role
from ostoja.audit.models import Action
from ostoja.audit.services import record

# Audit record types.
PASSKEY = "passkey"
STAFF = "staff"
POLICY = "sign_in_policy"

# Session keys. PENDING holds the name and the time of the password check that opened an enrolment;
# the two states hold the challenge of a ceremony in progress (each is used once).
PENDING_KEY = "ostoja_passkey_pending"
REGISTER_STATE_KEY = "ostoja_passkey_register_state"
AUTH_STATE_KEY = "ostoja_passkey_auth_state"

NAME_MAX_LENGTH = 64


class PasskeyHelper(WebAuthnHelper):
    """django-otp-webauthn's helper, with the name the user chose given to the new credential."""

    passkey_name = ""

    def create_credential(self, user, response, parsed_credential, original_data):
        device = super().create_credential(user, response, parsed_credential, original_data)
        device.name = self.passkey_name[:NAME_MAX_LENGTH]
        device.confirmed = True
        return device


class Refused(Exception):
    """A passkey action the rules do not allow; ``str()`` is the message for the user."""


# --- What an account has and needs -----------------------------------------------------------


def passkeys_of(user: AbstractBaseUser):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user: AbstractBaseUser) -> bool:
    return passkeys_of(user).exists()


def has_totp(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def required_roles() -> list[str]:
    return [role for role in SignInPolicy.current().passkey_roles if role in Role.values]


def passkeys_required_for(user: User) -> bool:
    """True when any of the user's roles is one the administrators require passkeys for."""
    return bool(set(required_roles()) & set(user.roles))


def verified_with_passkey(request: HttpRequest) -> bool:
    return isinstance(getattr(request.user, "otp_device", None), WebAuthnCredential)


def needs_passkey_step(request: HttpRequest) -> bool:
    """A session confirmed with the authenticator app by someone whose role needs a passkey.

    Happens while such a person has no passkey yet (they enrol one and then use it) and when an
    administrator starts requiring passkeys during their session (they confirm with it again).
    """
    user = request.user
    return (
        user.is_authenticated
        and user.is_verified()
        and not verified_with_passkey(request)
        and passkeys_required_for(user)
    )


def may_enrol(request: HttpRequest) -> bool:
    """Verified staff may add passkeys; before verification only someone with no factor at all
    may enrol one (their first), as with the authenticator app at a first sign-in.

    A session confirmed with the app by someone whose role requires a passkey may enrol only
    while they have none: with one, they confirm with it before adding another.
    """
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_verified():
        return not (needs_passkey_step(request) and has_passkey(user))
    return not (has_passkey(user) or has_totp(user))


def address_allows_passkeys(request: HttpRequest) -> bool:
    """Browsers bind passkeys to the configured domain; elsewhere (e.g. an IP address) they refuse."""
    return f"{request.scheme}://{request.get_host()}".lower() in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS


def passkey_address() -> str:
    return settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]


# --- Enrolment -------------------------------------------------------------------------------


def open_enrolment(request: HttpRequest, *, name: str) -> None:
    """Called once the user has given their password again: the ceremony may start."""
    request.session.pop(REGISTER_STATE_KEY, None)
    request.session[PENDING_KEY] = {"name": name, "at": time.time()}


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    age = time.time() - float(pending.get("at", 0))
    if not 0 <= age <= settings.OTP_WEBAUTHN_TIMEOUT_SECONDS:
        return None
    return pending


def enrolment_open(request: HttpRequest) -> bool:
    return _pending(request) is not None


def registration_options(request: HttpRequest) -> dict[str, Any]:
    """Options for ``navigator.credentials.create``; raises Refused without a fresh password check."""
    if not may_enrol(request) or _pending(request) is None:
        raise Refused(_("Give your password again to add a passkey."))
    helper = PasskeyHelper(request=request)
    options, state = helper.register_begin(user=request.user)
    request.session[REGISTER_STATE_KEY] = state
    return options


def complete_registration(request: HttpRequest, data: dict[str, Any]) -> WebAuthnCredential:
    """Checks the new credential, saves it under the chosen name and audits it.

    The pending enrolment and the challenge are removed first, so neither can be used twice.
    Raises Refused, or py_webauthn's exceptions when the browser's answer does not verify.
    """
    pending = _pending(request)
    state = request.session.pop(REGISTER_STATE_KEY, None)
    request.session.pop(PENDING_KEY, None)
    request.session.save()
    if pending is None or not state or not may_enrol(request):
        raise Refused(_("Give your password again to add a passkey."))
    user = request.user
    helper = PasskeyHelper(request=request)
    helper.passkey_name = pending["name"]
    with transaction.atomic():
        device = helper.register_complete(user=user, state=state, data=data)
        # A half-finished authenticator-app enrolment is not a factor; the passkey now is.
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        record(
            request=request,
            action=Action.CREATE,
            object_type=PASSKEY,
            object_ids=[device.pk],
            related=[(STAFF, user.pk)],
            details={"factor": "passkey"},
        )
    return device


# --- Sign-in ---------------------------------------------------------------------------------


def authentication_options(request: HttpRequest) -> dict[str, Any]:
    """Options for ``navigator.credentials.get``, listing only this user's passkeys."""
    user = request.user
    if not has_passkey(user):
        raise Refused(_("Your account has no passkey yet."))
    helper = PasskeyHelper(request=request)
    options, state = helper.authenticate_begin(user=user, require_user_verification=False)
    request.session[AUTH_STATE_KEY] = state
    return options


def complete_authentication(request: HttpRequest, data: dict[str, Any]) -> WebAuthnCredential:
    """Checks a signed challenge against the user's own passkeys; returns the passkey used."""
    state = request.session.pop(AUTH_STATE_KEY, None)
    request.session.save()
    if not state:
        raise Refused(_("The passkey check has expired. Try again."))
    helper = PasskeyHelper(request=request)
    # Raises when the passkey is unknown or someone else's, or the signature, origin, relying
    # party or challenge do not match.
    device = helper.authenticate_complete(user=request.user, state=state, data=data)
    if not device.confirmed or not device.user.is_active:
        raise Refused(_("This passkey is not registered for your account."))
    return device


# --- Removal ---------------------------------------------------------------------------------


@transaction.atomic
def remove(request: HttpRequest, *, device: WebAuthnCredential) -> None:
    """Removes one of the signed-in user's passkeys, unless it would leave them without a factor.

    The user's row is locked first, so two removals at once cannot both pass the check.
    """
    user = User.objects.select_for_update().get(pk=request.user.pk)
    if device.user_id != user.pk:
        raise Refused(_("This passkey is not registered for your account."))
    others = passkeys_of(user).exclude(pk=device.pk).exists()
    if not others and passkeys_required_for(user):
        raise Refused(_("Your role requires a passkey: add another passkey before you remove your last one."))
    if not others and not has_totp(user):
        raise Refused(
            _(
                "This is the only way you confirm your sign-in. Add another passkey first, or ask "
                "an administrator to reset your sign-in if you have lost it."
            )
        )
    pk = device.pk
    device.delete()
    record(
        request=request,
        action=Action.DELETE,
        object_type=PASSKEY,
        object_ids=[pk],
        related=[(STAFF, user.pk)],
        details={"factor": "passkey", "by": "owner"},
    )


def remove_all(*, user: User, request: HttpRequest | None = None, actor: Any = None) -> int:
    """Removes every passkey of ``user`` (an administrator's MFA reset); one audit row each."""
    removed = 0
    for pk in list(WebAuthnCredential.objects.filter(user=user).values_list("pk", flat=True)):
        WebAuthnCredential.objects.filter(pk=pk).delete()
        record(
            request=request,
            actor=actor,
            action=Action.DELETE,
            object_type=PASSKEY,
            object_ids=[pk],
            related=[(STAFF, user.pk)],
            details={"factor": "passkey", "by": "mfa_reset"},
        )
        removed += 1
    return removed


# --- Policy ----------------------------------------------------------------------------------


@transaction.atomic
def set_required_roles(
    request: HttpRequest, *, roles: list[str], expected_version: int | None = None
) -> bool:
    """Stores the roles that must sign in with a passkey; audited. False when nothing changed.

    With ``expected_version`` (what the form showed; 0 before the first save), raises StaleVersion
    when another administrator saved the policy since.
    """
    wanted = [role for role in Role.values if role in set(roles)]
    policy = SignInPolicy.current()
    if expected_version is None:
        expected_version = versions.version_of(policy)
    elif expected_version != versions.version_of(policy):
        raise versions.StaleVersion
    previous = [role for role in Role.values if role in set(policy.passkey_roles)]
    if previous == wanted:
        return False
    policy.passkey_roles = wanted
    policy.changed_at = timezone.now()
    policy.changed_by = request.user
    versions.save(policy, expected_version)
    record(
        request=request,
        action=Action.UPDATE,
        object_type=POLICY,
        object_ids=[policy.pk],
        details={"passkey_roles": wanted, "previous_passkey_roles": previous},
    )
    return True
