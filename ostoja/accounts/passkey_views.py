"""The staff member's own account page, passkey enrolment and removal, and sign-in with a passkey.

The ceremonies' JSON endpoints are marked ``@sign_in_step`` because a passkey is used (and, with
no other factor, enrolled) before the session is verified; each checks for itself what the
session may do. Errors are JSON ``{"detail": …}`` in the user's language; a failed check is
answered normally (never raised), so the used-up challenge and the failure count are committed.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers.exceptions import WebAuthnException

from ostoja.accounts import lockout, passkeys
from ostoja.accounts.access import sign_in_step
from ostoja.accounts.forms import PasskeyAddForm, PasswordAgainForm
from ostoja.accounts.views import complete_second_step, password_checked
from ostoja.http import client_address, form_data

logger = logging.getLogger(__name__)

# What a browser's answer may raise when it does not verify or is malformed.
CEREMONY_ERRORS = (WebAuthnException, OTPWebAuthnApiError, ValueError, KeyError, TypeError)


def _json_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def _json_body(request: HttpRequest) -> dict[str, Any] | None:
    if request.content_type != "application/json":
        return None
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _locked_out(request: HttpRequest) -> bool:
    return lockout.is_locked_out(request.user.username, client_address(request))


def _locked_message() -> str:
    return _("Too many failed attempts. Wait %(minutes)s minutes, or ask an administrator for help.") % {
        "minutes": settings.OSTOJA_LOCKOUT_MINUTES
    }


def _ceremony_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "passkey_address_ok": passkeys.address_allows_passkeys(request),
        "passkey_address": passkeys.passkey_address(),
    }


# --- The account page ------------------------------------------------------------------------


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "passkey_list": list(passkeys.passkeys_of(user)),
        "has_totp": passkeys.has_totp(user),
        "required": passkeys.passkeys_required_for(user),
    }
    return render(request, "accounts/account.html", context)


# --- Enrolment -------------------------------------------------------------------------------


@sign_in_step
@require_http_methods(["GET", "POST"])
def passkey_add(request: HttpRequest) -> HttpResponse:
    """Name the passkey and give the password again; then the browser creates the passkey."""
    if not passkeys.may_enrol(request):
        return redirect("accounts:mfa")
    form = PasskeyAddForm(form_data(request), user=request.user)
    confirming = False
    if request.method == "POST" and password_checked(request, form):
        passkeys.open_enrolment(request, name=form.cleaned_data["name"])
        confirming = True
    context = {
        **_ceremony_context(request),
        "form": form,
        "confirming": confirming,
        "name": form.cleaned_data.get("name", "") if confirming else "",
        "verified": request.user.is_verified(),
        "required": passkeys.passkeys_required_for(request.user),
    }
    status = 400 if form.is_bound and not confirming else 200
    return render(request, "accounts/passkey_add.html", context, status=status)


@sign_in_step
@require_POST
def passkey_register_begin(request: HttpRequest) -> JsonResponse:
    try:
        return JsonResponse(passkeys.registration_options(request))
    except passkeys.Refused as refusal:
        return _json_error(str(refusal), status=403)


@sign_in_step
@require_POST
def passkey_register_complete(request: HttpRequest) -> JsonResponse:
    data = _json_body(request)
    if data is None:
        return _json_error(_("The browser's answer could not be read. Try again."))
    try:
        device = passkeys.complete_registration(request, data)
    except passkeys.Refused as refusal:
        return _json_error(str(refusal), status=403)
    except CEREMONY_ERRORS as error:
        logger.info("Passkey registration did not verify: %s", type(error).__name__)
        return _json_error(_("The passkey could not be checked. Try again, or use another device."))
    messages.success(request, _("Passkey “%(name)s” added.") % {"name": device.name})
    if request.user.is_verified() and not passkeys.needs_passkey_step(request):
        return JsonResponse({"redirect": reverse("accounts:account")})
    # A first passkey, or one a role requires: sign-in is confirmed by using it once.
    return JsonResponse({"redirect": reverse("accounts:mfa")})


# --- Sign-in with a passkey ------------------------------------------------------------------


def _may_use_passkey(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and (not user.is_verified() or passkeys.needs_passkey_step(request))


@sign_in_step
@require_POST
def passkey_sign_in_begin(request: HttpRequest) -> JsonResponse:
    if not _may_use_passkey(request):
        return _json_error(_("You are already signed in."), status=403)
    if _locked_out(request):
        return _json_error(_locked_message(), status=429)
    try:
        return JsonResponse(passkeys.authentication_options(request))
    except passkeys.Refused as refusal:
        return _json_error(str(refusal), status=403)


@sign_in_step
@require_POST
def passkey_sign_in_complete(request: HttpRequest) -> JsonResponse:
    if not _may_use_passkey(request):
        return _json_error(_("You are already signed in."), status=403)
    if _locked_out(request):
        return _json_error(_locked_message(), status=429)
    data = _json_body(request)
    if data is None:
        return _json_error(_("The browser's answer could not be read. Try again."))
    try:
        device = passkeys.complete_authentication(request, data)
    except (passkeys.Refused, *CEREMONY_ERRORS) as error:
        logger.info("Passkey sign-in did not verify: %s", type(error).__name__)
        lockout.record_failure(request.user.username, client_address(request))
        message = (
            str(error)
            if isinstance(error, passkeys.Refused)
            else _("This passkey could not be checked. Use a passkey registered for your account.")
        )
        return _json_error(message)
    return JsonResponse({"redirect": complete_second_step(request, device)})


# --- Removal ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_object_or_404(WebAuthnCredential, pk=pk, confirmed=True)
    if device.user_id != request.user.pk:
        # Someone else's passkey is not even confirmed to exist.
        raise Http404
    form = PasswordAgainForm(form_data(request), user=request.user)
    if request.method == "POST" and password_checked(request, form):
        try:
            passkeys.remove(request, device=device)
        except passkeys.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Passkey “%(name)s” removed.") % {"name": device.name})
            return redirect("accounts:account")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/passkey_remove.html", {"form": form, "passkey": device}, status=status)
