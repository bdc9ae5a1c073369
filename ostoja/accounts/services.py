"""Rules about staff accounts that span several records."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.models import StaffSession, User
from ostoja.accounts.roles import Role


def temporary_password() -> str:
    """A one-time password the administrator passes on; the user must change it at first sign-in."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4)]
    return "-".join(groups)


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> None:
    wanted = set(roles) & set(Role.values)
    # The groups come from a data migration; creating missing ones keeps this safe after a flush.
    role_groups = [Group.objects.get_or_create(name=role)[0] for role in Role.values]
    user.groups.remove(*[g for g in role_groups if g.name not in wanted])
    user.groups.add(*[g for g in role_groups if g.name in wanted])
    user.__dict__.pop("roles", None)


@transaction.atomic
def user_create(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: list[str],
    language: str = "pl",
) -> tuple[User, str]:
    password = temporary_password()
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
        must_change_password=True,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles)
    return user, password


def end_sessions(*, user: User) -> int:
    """Ends every session of ``user`` on the server side."""
    keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    StaffSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions(user=user)


@transaction.atomic
def user_reactivate(*, user: User) -> str:
    """Reactivates with a new temporary password (the old one may have leaked meanwhile)."""
    password = temporary_password()
    user.is_active = True
    user.must_change_password = True
    user.set_password(password)
    user.save(update_fields=["is_active", "must_change_password", "password"])
    return password


@transaction.atomic
def user_reset_mfa(*, user: User) -> None:
    """Removes the user's authenticator; they enrol a new one at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    end_sessions(user=user)


def session_started(*, session_key: str, user: User) -> None:
    """Remembers which session is whose (called on every sign-in, by the user_logged_in signal)."""
    StaffSession.objects.update_or_create(
        session_key=session_key, defaults={"user": user, "started_at": timezone.now()}
    )


def session_key_changed(*, old_key: str | None, request: HttpRequest) -> None:
    if not request.session.session_key:
        request.session.save()
    if old_key:
        StaffSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)
    else:
        session_started(session_key=request.session.session_key, user=request.user)
