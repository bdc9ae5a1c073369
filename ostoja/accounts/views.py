"""Sign-in (password, then TOTP), password change, language choice and staff administration."""

from __future__ import annotations

import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts import lockout, services
from ostoja.accounts.access import public, role_required, sign_in_step
from ostoja.accounts.forms import (
    CodeForm,
    ConfirmWithPasswordForm,
    NewPasswordForm,
    SignInForm,
    StaffCreateForm,
    StaffEditForm,
)
from ostoja.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.http import client_address

NEXT_KEY = "ostoja_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    allowed = url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()})
    return candidate if candidate and allowed and candidate.startswith("/") else None


def _locked_response(request: HttpRequest, template: str, form) -> HttpResponse:
    form.add_error(
        None,
        _("Too many failed attempts. Wait %(minutes)s minutes, or ask an administrator for help.")
        % {"minutes": settings.OSTOJA_LOCKOUT_MINUTES},
    )
    return render(request, template, {"form": form}, status=429)


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = client_address(request)
        if lockout.is_locked_out(username, address):
            return _locked_response(request, "accounts/sign_in.html", form)
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            lockout.record_failure(username, address)
            form.add_error(None, _("Incorrect username or password."))
        else:
            next_url = _safe_next(request, request.GET.get("next"))
            login(request, user)
            now = time.time()
            request.session[STARTED_KEY] = now
            request.session[LAST_SEEN_KEY] = now
            if next_url:
                request.session[NEXT_KEY] = next_url
            response = redirect("accounts:mfa")
            _remember_language(response, user.language)
            return response
    context = {"form": form, "expired": request.GET.get("expired") == "1"}
    return render(request, "accounts/sign_in.html", context)


@sign_in_step
@require_http_methods(["GET", "POST"])
def mfa(request: HttpRequest) -> HttpResponse:
    """Second step: enrol an authenticator on first sign-in, otherwise check its code."""
    user = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    address = client_address(request)
    if request.method == "POST" and form.is_valid():
        if lockout.is_locked_out(user.username, address):
            logout(request)
            return _locked_response(request, "accounts/sign_in.html", SignInForm())
        allowed, throttle = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            return _finish_sign_in(request, device, enrolling)
        lockout.record_failure(user.username, address)
        if not allowed and throttle and throttle.get("locked_until"):
            # django-otp doubles a short wait after each wrong code; say so instead of "wrong code".
            wait = max(1, int((throttle["locked_until"] - timezone.now()).total_seconds()) + 1)
            form.add_error(
                "code",
                _("Too many wrong codes in a row. Wait %(seconds)s s and try again.") % {"seconds": wait},
            )
        else:
            form.add_error(
                "code",
                _(
                    "This code is not valid. Each code works once, for about 30 seconds: wait for the next one."
                ),
            )
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(
            scale=5, dark="#111", omitsize=True
        )
        context["secret"] = _grouped_base32(device)
    return render(request, "accounts/mfa.html", context)


def _grouped_base32(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _finish_sign_in(request: HttpRequest, device: TOTPDevice, enrolling: bool) -> HttpResponse:
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    next_url = request.session.pop(NEXT_KEY, None)
    old_key = request.session.session_key
    request.session.cycle_key()
    otp_login(request, device)
    services.session_key_changed(old_key=old_key, request=request)
    lockout.clear_failures(request.user.username, client_address(request))
    return HttpResponseRedirect(next_url or reverse(settings.LOGIN_REDIRECT_URL))


@sign_in_step
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = NewPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        user.set_password(form.cleaned_data["new_password1"])
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/password_change.html", {"form": form})


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = _safe_next(request, request.POST.get("next")) or "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        _remember_language(response, language)
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


# --- Staff administration (administrator role) ------------------------------------------------


@role_required(Role.ADMINISTRATOR)
def staff_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.prefetch_related("groups").order_by("-is_active", "last_name", "username")
    devices = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    rows = [(user, user.id in devices) for user in users]
    return render(request, "accounts/staff_list.html", {"rows": rows})


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, password = services.user_create(
            username=form.cleaned_data["username"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            roles=form.cleaned_data["roles"],
        )
        return render(request, "accounts/staff_password.html", {"staff": user, "password": password})
    return render(request, "accounts/staff_form.html", {"form": form, "creating": True})


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(User, pk=pk)
    form = StaffEditForm(request.POST or None, instance=staff, initial={"roles": list(staff.roles)})
    if request.method == "POST" and form.is_valid():
        if staff == request.user and Role.ADMINISTRATOR not in form.cleaned_data["roles"]:
            form.add_error("roles", _("You cannot remove your own administrator role."))
        else:
            form.save()
            services.user_set_roles(user=staff, roles=form.cleaned_data["roles"])
            messages.success(request, _("Changes saved."))
            return redirect("accounts:staff_list")
    context = {
        "form": form,
        "staff": staff,
        "confirm_form": ConfirmWithPasswordForm(actor=request.user),
        "has_mfa": TOTPDevice.objects.filter(user=staff, confirmed=True).exists(),
    }
    return render(request, "accounts/staff_form.html", context)


@role_required(Role.ADMINISTRATOR)
@require_POST
def staff_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Deactivate, reactivate or reset MFA: each needs the administrator's password again."""
    staff = get_object_or_404(User, pk=pk)
    form = ConfirmWithPasswordForm(request.POST, actor=request.user)
    if not form.is_valid() or (action == "deactivate" and staff == request.user):
        if staff == request.user and action == "deactivate":
            form.add_error(None, _("You cannot deactivate your own account."))
        context = {
            "form": StaffEditForm(instance=staff, initial={"roles": list(staff.roles)}),
            "staff": staff,
            "confirm_form": form,
            "failed_action": action,
            "has_mfa": TOTPDevice.objects.filter(user=staff, confirmed=True).exists(),
        }
        return render(request, "accounts/staff_form.html", context, status=400)
    if action == "deactivate":
        services.user_deactivate(user=staff)
        messages.success(request, _("The account is deactivated and its sessions have ended."))
    elif action == "reactivate":
        password = services.user_reactivate(user=staff)
        return render(request, "accounts/staff_password.html", {"staff": staff, "password": password})
    else:
        services.user_reset_mfa(user=staff)
        messages.success(
            request, _("The authenticator is removed; a new one is enrolled at the next sign-in.")
        )
    return redirect("accounts:staff_list")
