"""Sign-in (password, then TOTP), password change, language choice and staff administration."""

from __future__ import annotations

import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from ostoja import versions
from ostoja.accounts import lockout, passkeys, services
from ostoja.accounts.access import public, role_required, sign_in_step
from ostoja.accounts.forms import (
    CodeForm,
    ConfirmWithPasswordForm,
    GrantDecisionForm,
    NewPasswordForm,
    SignInForm,
    SignInPolicyForm,
    StaffCreateForm,
    StaffEditForm,
)
from ostoja.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from ostoja.accounts.models import RoleGrant, SignInPolicy, User
from ostoja.accounts.roles import Role
from ostoja.http import client_address, form_data

NEXT_KEY = "ostoja_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    allowed = url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()})
    return candidate if candidate and allowed and candidate.startswith("/") else None


def _locked_response(request: HttpRequest, form: SignInForm) -> HttpResponse:
    """The sign-in page saying the pair is locked. ``form`` may be unbound (after the code step),
    so the message goes to the page, not into the form's errors."""
    alert = _("Too many failed attempts. Wait %(minutes)s minutes, or ask an administrator for help.") % {
        "minutes": settings.OSTOJA_LOCKOUT_MINUTES
    }
    return render(request, "accounts/sign_in.html", {"form": form, "alert": alert}, status=429)


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = client_address(request)
        if lockout.is_locked_out(username, address):
            return _locked_response(request, form)
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
    """Second step: a passkey or the authenticator app's code; a first factor is enrolled here.

    Someone with a passkey is offered it, with the app's code as the alternative unless their role
    requires passkeys. Someone with no factor enrols the app (or a passkey; only a passkey when
    their role requires one). A session confirmed with the app by someone whose role requires a
    passkey comes back here to confirm with the passkey (or to enrol their first one).
    """
    user = request.user
    has_passkey = passkeys.has_passkey(user)
    if user.is_verified():
        if not passkeys.needs_passkey_step(request):
            return redirect(settings.LOGIN_REDIRECT_URL)
        if not has_passkey:
            return redirect("accounts:passkey_add")
        return _mfa_page(request, {"form": None, "has_passkey": True, "step_up": True})
    required = passkeys.passkeys_required_for(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None and not has_passkey
    if enrolling and required:
        return redirect("accounts:passkey_add")
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    totp_allowed = device is not None and not (has_passkey and required)
    form = CodeForm(form_data(request)) if totp_allowed else None
    base = {"has_passkey": has_passkey, "required": required, "has_totp": device is not None}
    if request.method == "POST" and form is None:
        # The app's code is not a way in for this account (its role signs in with a passkey).
        context = {**base, "form": None, "totp_refused": True}
        return _mfa_page(request, context, status=403)
    address = client_address(request)
    if request.method == "POST" and form.is_valid():
        if lockout.is_locked_out(user.username, address):
            logout(request)
            return _locked_response(request, SignInForm(initial={"username": user.username}))
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
    context = {**base, "form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(
            scale=5, dark="#111", omitsize=True
        )
        context["secret"] = _grouped_base32(device)
    return _mfa_page(request, context)


def _mfa_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    context = {
        **context,
        "passkey_address_ok": passkeys.address_allows_passkeys(request),
        "passkey_address": passkeys.passkey_address(),
    }
    return render(request, "accounts/mfa.html", context, status=status)


def _grouped_base32(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _finish_sign_in(request: HttpRequest, device: TOTPDevice, enrolling: bool) -> HttpResponse:
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return HttpResponseRedirect(complete_second_step(request, device))


def complete_second_step(request: HttpRequest, device) -> str:
    """Marks the session verified with ``device`` (TOTP or passkey) under a new session key;
    returns where to go next."""
    next_url = request.session.pop(NEXT_KEY, None)
    old_key = request.session.session_key
    request.session.cycle_key()
    otp_login(request, device)
    services.session_key_changed(old_key=old_key, request=request)
    lockout.clear_failures(request.user.username, client_address(request))
    return next_url or reverse(settings.LOGIN_REDIRECT_URL)


@sign_in_step
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = NewPasswordForm(form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        user.set_password(form.cleaned_data["new_password1"])
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        services.password_changed(request=request)
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


def _pending_of(staff: User) -> list[RoleGrant]:
    return list(services.pending_grants().filter(user=staff).select_related("requested_by"))


def _report_roles(request: HttpRequest, outcome: dict[str, list[str]]) -> None:
    if outcome["requested"]:
        labels = ", ".join(str(Role(role).label) for role in outcome["requested"])
        messages.info(
            request,
            _("Asked for: %(roles)s. The role is given when a second administrator confirms it.")
            % {"roles": labels},
        )


@role_required(Role.ADMINISTRATOR)
def staff_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.prefetch_related("groups").order_by("-is_active", "last_name", "username")
    devices = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    keys = dict(
        WebAuthnCredential.objects.filter(confirmed=True)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    rows = [(user, user.id in devices, keys.get(user.id, 0)) for user in users]
    required = passkeys.required_roles()
    context = {
        "rows": rows,
        "pending_count": services.pending_grants().count(),
        "passkey_roles": [label for value, label in Role.choices if value in required],
    }
    return render(request, "accounts/staff_list.html", context)


def _factors(staff: User) -> dict:
    staff_passkeys = list(passkeys.passkeys_of(staff))
    has_totp = passkeys.has_totp(staff)
    return {
        "has_mfa": has_totp or bool(staff_passkeys),
        "has_totp": has_totp,
        "staff_passkeys": staff_passkeys,
    }


def password_checked(request: HttpRequest, form) -> bool:
    """Validates a form that asks for the password again; wrong passwords count towards lockout."""
    address = client_address(request)
    if lockout.is_locked_out(request.user.username, address):
        form.is_valid()
        form.add_error(
            None,
            _("Too many failed attempts. Wait %(minutes)s minutes, or ask an administrator for help.")
            % {"minutes": settings.OSTOJA_LOCKOUT_MINUTES},
        )
        return False
    if form.is_valid():
        return True
    if form.has_error("password", "wrong_password"):
        lockout.record_failure(request.user.username, address)
    return False


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def sign_in_policy(request: HttpRequest) -> HttpResponse:
    """Which roles must sign in with a passkey (stored in the database, audited)."""
    policy = SignInPolicy.current()

    def make_form(data) -> SignInPolicyForm:
        initial = {"passkey_roles": policy.passkey_roles, "version": versions.version_of(policy)}
        return SignInPolicyForm(data, user=request.user, initial=initial)

    form = make_form(form_data(request))
    conflict = None
    if request.method == "POST" and password_checked(request, form):
        try:
            changed = passkeys.set_required_roles(
                request,
                roles=form.cleaned_data["passkey_roles"],
                expected_version=form.cleaned_data["version"],
            )
        except versions.StaleVersion:
            policy = SignInPolicy.current()
            form, conflict = versions.conflict(
                form, current=policy, fields=["passkey_roles"], make_form=make_form
            )
        else:
            if changed:
                messages.success(request, _("The sign-in policy is saved."))
            else:
                messages.info(request, _("Nothing has changed."))
            return redirect("accounts:staff_list")
    roles = passkeys.required_roles()
    without_passkey = (
        User.objects.filter(is_active=True, groups__name__in=roles)
        .exclude(Exists(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .distinct()
        .count()
        if roles
        else 0
    )
    context = {"form": form, "policy": policy, "without_passkey": without_passkey, "conflict": conflict}
    return render(request, "accounts/sign_in_policy.html", context, status=400 if form.is_bound else 200)


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            user, password, grants = services.user_create(
                request=request,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                discipline=form.cleaned_data["discipline"],
                work_phone=form.cleaned_data["work_phone"],
                roles=form.cleaned_data["roles"],
            )
        except ValidationError as error:
            services.record_refusal(request=request, user=None, error=error, roles=form.cleaned_data["roles"])
            form.add_error(None, error)
        else:
            requested = [g for g in grants if g.status == RoleGrant.Status.PENDING]
            context = {"staff": user, "password": password, "requested": requested}
            return render(request, "accounts/staff_password.html", context)
    return render(request, "accounts/staff_form.html", {"form": form, "creating": True})


def _edit_context(request: HttpRequest, staff: User, form, confirm_form=None, **extra) -> dict:
    return {
        "form": form,
        "staff": staff,
        "confirm_form": confirm_form or ConfirmWithPasswordForm(actor=request.user),
        **_factors(staff),
        "pending": _pending_of(staff),
        "own": staff.pk == request.user.pk,
        **extra,
    }


def _staff_edit_form(data, staff: User) -> StaffEditForm:
    return StaffEditForm(data, instance=staff, initial={"roles": list(staff.roles), "version": staff.version})


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(User, pk=pk)
    form = _staff_edit_form(form_data(request), staff)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.user_update(
                request=request,
                user=form.instance,
                fields=[name for name in form.changed_data if name not in ("roles", "version")],
                roles=form.cleaned_data["roles"],
                expected_version=form.cleaned_data["version"],
            )
        except versions.StaleVersion:
            current = User.objects.get(pk=pk)
            form, conflict = versions.conflict(
                form, current=current, fields=services.STAFF_EDIT_FIELDS,
                make_form=lambda data: _staff_edit_form(data, current),
            )  # fmt: skip
        except ValidationError as error:
            services.record_refusal(
                request=request, user=staff, error=error, roles=form.cleaned_data["roles"]
            )
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            _report_roles(request, outcome)
            return redirect("accounts:staff_list")
    return render(request, "accounts/staff_form.html", _edit_context(request, staff, form, conflict=conflict))


ACTIONS = ("deactivate", "reactivate", "reset_mfa", "reset_password")


@role_required(Role.ADMINISTRATOR)
@require_POST
def staff_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Deactivate, reactivate, reset the password or MFA: each needs the administrator's password again."""
    staff = get_object_or_404(User, pk=pk)
    form = ConfirmWithPasswordForm(request.POST, actor=request.user)
    own = staff.pk == request.user.pk
    valid = form.is_valid()
    if valid and own:
        # One's own account is changed by another administrator (or, for the password, on one's own page).
        form.add_error(None, _("You cannot do this to your own account. Ask another administrator."))
        valid = False
    if not valid or action not in ACTIONS:
        edit_form = _staff_edit_form(None, staff)
        context = _edit_context(request, staff, edit_form, form, failed_action=action)
        return render(request, "accounts/staff_form.html", context, status=400)
    if action == "deactivate":
        services.user_deactivate(user=staff, request=request)
        messages.success(request, _("The account is deactivated and its sessions have ended."))
    elif action == "reactivate":
        password = services.user_reactivate(user=staff, request=request)
        return render(request, "accounts/staff_password.html", {"staff": staff, "password": password})
    elif action == "reset_password":
        password = services.user_reset_password(user=staff, request=request)
        return render(request, "accounts/staff_password.html", {"staff": staff, "password": password})
    else:
        services.user_reset_mfa(user=staff, request=request)
        messages.success(
            request,
            _("The authenticator app and passkeys are removed; a new one is enrolled at the next sign-in."),
        )
    return redirect("accounts:staff_list")


@role_required(Role.ADMINISTRATOR)
@require_GET
def grant_list(request: HttpRequest) -> HttpResponse:
    """Roles asked for and waiting for a second administrator, and the roles given lately."""
    services.lapse_stale_grants()
    pending = list(services.pending_grants().select_related("user", "requested_by").order_by("requested_at"))
    for grant in pending:
        grant.may_confirm = request.user.pk not in (grant.requested_by_id, grant.user_id)
        grant.may_decline = request.user.pk != grant.user_id
        grant.form = GrantDecisionForm(actor=request.user, prefix=f"grant{grant.pk}")
    recent = list(
        RoleGrant.objects.exclude(status=RoleGrant.Status.PENDING)
        .select_related("user", "requested_by", "decided_by")
        .order_by("-requested_at", "-pk")[:RECENT_GRANTS]
    )
    return render(request, "accounts/grant_list.html", {"pending": pending, "recent": recent})


RECENT_GRANTS = 50


@role_required(Role.ADMINISTRATOR)
@require_POST
def grant_decide(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleGrant, pk=pk)
    form = GrantDecisionForm(request.POST, actor=request.user, prefix=f"grant{grant.pk}")
    if form.is_valid():
        decide = (
            services.grant_confirm if form.cleaned_data["decision"] == "confirm" else services.grant_decline
        )
        try:
            decided = decide(request=request, grant_id=grant.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if decided.status == RoleGrant.Status.GRANTED:
                messages.success(request, _("The role is given. Supervisors are told."))
            else:
                messages.success(request, _("The request is closed; the role was not given."))
        return redirect("accounts:grant_list")
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("accounts:grant_list")
