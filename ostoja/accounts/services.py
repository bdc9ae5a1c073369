"""Rules about staff accounts that span several records.

Every change to an account made here writes an audit row (record type ``staff``) in the same
transaction: creation, profile fields, roles given and taken, deactivation and reactivation,
authenticator and password resets. Roles follow three rules:

* nobody gives a role to themselves;
* supervisor and administrator (which open every file or every account) are only *asked for*:
  a second administrator — neither the one asking nor the one receiving — confirms them
  (``grant_confirm``); with no such administrator the request is refused with a clear message;
* every role given, at once or on confirmation, is a ``RoleGrant`` that supervisors see on their
  dashboard and receive by e-mail.

``user_set_roles`` changes groups without any of this; it exists for demo data and test fixtures
only (a test checks nothing else calls it).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja import versions
from ostoja.accounts import passkeys
from ostoja.accounts.models import RoleGrant, StaffSession, User, confirmers
from ostoja.accounts.roles import Role
from ostoja.accounts.signals import staff_deactivated
from ostoja.audit import services as audit
from ostoja.audit.models import Action

# What the staff edit form changes besides the roles (shown side by side after a conflicting edit).
STAFF_EDIT_FIELDS = ["first_name", "last_name", "email", "work_phone", "language"]
# Roles that need a second administrator's confirmation.
PRIVILEGED_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
# A request nobody confirmed in this time lapses and must be asked for again.
PENDING_DAYS = 7
OBJECT_TYPE = "staff"


def temporary_password() -> str:
    """A one-time password the administrator passes on; the user must change it at first sign-in."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4)]
    return "-".join(groups)


def _role_groups() -> list[Group]:
    # The groups come from a data migration; creating missing ones keeps this safe after a flush.
    return [Group.objects.get_or_create(name=role)[0] for role in Role.values]


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str]) -> None:
    """Sets the groups of ``user`` with no audit and no rules: demo data and test fixtures only."""
    wanted = set(roles) & set(Role.values)
    groups = _role_groups()
    user.groups.remove(*[g for g in groups if g.name not in wanted])
    user.groups.add(*[g for g in groups if g.name in wanted])
    user.__dict__.pop("roles", None)


def _change_groups(user: User, *, add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
    add, remove = set(add), set(remove)
    groups = _role_groups()
    if remove:
        user.groups.remove(*[g for g in groups if g.name in remove])
    if add:
        user.groups.add(*[g for g in groups if g.name in add])
    user.__dict__.pop("roles", None)


def _actor(request: HttpRequest | None) -> User | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _audit(
    request: HttpRequest | None,
    *,
    action: str,
    staff: User,
    details: dict,
    grants: Iterable[RoleGrant] = (),
) -> None:
    if request is None:
        details = audit.from_command_line(details)
    audit.record(
        request=request,
        action=action,
        object_type=OBJECT_TYPE,
        object_ids=[staff.pk],
        related=[("role_grant", grant.pk) for grant in grants],
        details=details,
    )


def lapse_stale_grants() -> int:
    """Marks requests nobody confirmed within ``PENDING_DAYS`` as lapsed (also run by housekeeping)."""
    now = timezone.now()
    return RoleGrant.objects.filter(
        status=RoleGrant.Status.PENDING, requested_at__lt=now - timedelta(days=PENDING_DAYS)
    ).update(status=RoleGrant.Status.LAPSED, decided_at=now)


def pending_grants() -> QuerySet[RoleGrant]:
    return RoleGrant.objects.filter(
        status=RoleGrant.Status.PENDING, requested_at__gte=timezone.now() - timedelta(days=PENDING_DAYS)
    )


def _check_roles(*, actor: User | None, staff: User | None, added: set[str], removed: set[str]) -> None:
    """Raises ValidationError (on the roles field) when a change breaks a rule; nothing is saved then."""
    own = actor is not None and staff is not None and staff.pk == actor.pk
    if own and added:
        raise _refusal(
            _("You cannot give yourself a role. Another administrator can give it to you."), "self_grant"
        )
    if own and Role.ADMINISTRATOR in removed:
        raise _refusal(_("You cannot remove your own administrator role."), "own_administrator_role")
    if added & PRIVILEGED_ROLES and not confirmers(requested_by=actor, user=staff).exists():
        raise _refusal(
            _(
                "The supervisor and administrator roles are given only when a second administrator "
                "confirms them, and there is no other active administrator to do so. Nothing was saved."
            ),
            "no_second_administrator",
        )


def _refusal(message, code: str) -> ValidationError:
    return ValidationError({"roles": ValidationError(message, code=code)})


def record_refusal(
    *, request: HttpRequest, user: User | None, error: ValidationError, roles: Iterable[str]
) -> None:
    """Writes a refused account change to the audit log too: trying is a trace worth keeping."""
    errors = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    codes = sorted({e.code or "invalid" for group in errors for e in group})
    audit.record(
        request=request,
        action=Action.UPDATE,
        object_type=OBJECT_TYPE,
        object_ids=[user.pk] if user is not None and user.pk else [],
        details={"refused": codes, "roles_wanted": sorted(set(roles) & set(Role.values))},
    )


def _record_grants(
    *, actor: User | None, staff: User, now_roles: Iterable[str], asked_roles: Iterable[str]
) -> list[RoleGrant]:
    """Writes the grants of a change and queues the e-mails about them."""
    from ostoja.accounts.tasks import notify_role_grant, notify_role_request

    now = timezone.now()
    lapse_stale_grants()
    grants = []
    for role in sorted(now_roles):
        grant = RoleGrant.objects.create(
            user=staff, role=role, requested_by=actor, requested_at=now, status=RoleGrant.Status.GRANTED,
            decided_by=actor, decided_at=now,
        )  # fmt: skip
        notify_role_grant.enqueue(grant.pk)
        grants.append(grant)
    for role in sorted(asked_roles):
        grant = RoleGrant.objects.filter(user=staff, role=role, status=RoleGrant.Status.PENDING).first()
        if grant is None:
            grant = RoleGrant.objects.create(
                user=staff, role=role, requested_by=actor, requested_at=now, status=RoleGrant.Status.PENDING
            )
            notify_role_request.enqueue(grant.pk)
        grants.append(grant)
    return grants


@transaction.atomic
def user_create(
    *,
    request: HttpRequest | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[str],
    language: str = "pl",
    discipline: str = "",
    work_phone: str = "",
) -> tuple[User, str, list[RoleGrant]]:
    """Creates an account with a temporary password; privileged roles are asked for, not given."""
    actor = _actor(request)
    wanted = set(roles) & set(Role.values)
    _check_roles(actor=actor, staff=None, added=wanted, removed=set())
    password = temporary_password()
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
        discipline=discipline,
        work_phone=work_phone,
        must_change_password=True,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    given, asked = wanted - PRIVILEGED_ROLES, wanted & PRIVILEGED_ROLES
    _change_groups(user, add=given)
    grants = _record_grants(actor=actor, staff=user, now_roles=given, asked_roles=asked)
    _audit(
        request,
        action=Action.CREATE,
        staff=user,
        details={"roles_added": sorted(given), "roles_requested": sorted(asked)},
        grants=grants,
    )
    return user, password, grants


@transaction.atomic
def user_update(
    *,
    request: HttpRequest | None,
    user: User,
    fields: Iterable[str],
    roles: Iterable[str],
    expected_version: int | None = None,
) -> dict[str, list[str]]:
    """Saves ``fields`` of ``user`` (already set on it) and its roles, by the rules above.

    Returns what happened to the roles: ``added`` (given now), ``requested`` (waiting for a second
    administrator) and ``removed``. Raises ValidationError before saving anything when a rule is broken,
    and StaleVersion when another administrator saved the account since ``expected_version`` was shown.
    """
    if expected_version is not None:
        versions.claim(user, expected_version)
    actor = _actor(request)
    current = set(User.objects.get(pk=user.pk).roles)
    wanted = set(roles) & set(Role.values)
    added, removed = wanted - current, current - wanted
    _check_roles(actor=actor, staff=user, added=added, removed=removed)
    fields = sorted(set(fields))
    if fields:
        user.full_clean(exclude=["password"])
        user.save(update_fields=fields)
    given, asked = added - PRIVILEGED_ROLES, added & PRIVILEGED_ROLES
    _change_groups(user, add=given, remove=removed)
    grants = _record_grants(actor=actor, staff=user, now_roles=given, asked_roles=asked)
    outcome = {"added": sorted(given), "requested": sorted(asked), "removed": sorted(removed)}
    if fields or added or removed:
        _audit(
            request,
            action=Action.UPDATE,
            staff=user,
            details={
                "fields": fields,
                "roles_added": outcome["added"],
                "roles_requested": outcome["requested"],
                "roles_removed": outcome["removed"],
            },
            grants=grants,
        )
    return outcome


def _pending_for_update(grant_id: int) -> RoleGrant:
    """The request, locked; call ``lapse_stale_grants`` before the transaction this runs in."""
    grant = RoleGrant.objects.select_for_update().select_related("user").filter(pk=grant_id).first()
    if grant is not None and grant.status == RoleGrant.Status.LAPSED:
        raise ValidationError(
            _("This request waited more than %(days)d days and has lapsed. Ask for the role again."),
            code="lapsed",
            params={"days": PENDING_DAYS},
        )
    if grant is None or grant.status != RoleGrant.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return grant


def grant_confirm(*, request: HttpRequest, grant_id: int) -> RoleGrant:
    """A second administrator gives the role that was asked for."""
    lapse_stale_grants()
    with transaction.atomic():
        return _grant_confirm(request=request, grant_id=grant_id)


def _grant_confirm(*, request: HttpRequest, grant_id: int) -> RoleGrant:
    from ostoja.accounts.tasks import notify_role_grant

    actor = _actor(request)
    grant = _pending_for_update(grant_id)
    if actor is None or not actor.has_role(Role.ADMINISTRATOR):
        raise ValidationError(_("Only an administrator can confirm a role."))
    if actor.pk in (grant.requested_by_id, grant.user_id):
        raise ValidationError(
            _(
                "A role is confirmed by a second administrator: not the one who asked for it, nor its receiver."
            )
        )
    if not grant.user.is_active:
        raise ValidationError(_("This account is deactivated; the role cannot be given."))
    _change_groups(grant.user, add=[grant.role])
    grant.status, grant.decided_by, grant.decided_at = RoleGrant.Status.GRANTED, actor, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(
        request,
        action=Action.UPDATE,
        staff=grant.user,
        details={"roles_added": [grant.role], "confirmed": grant.pk, "requested_by": grant.requested_by_id},
        grants=[grant],
    )
    notify_role_grant.enqueue(grant.pk)
    return grant


def grant_decline(*, request: HttpRequest, grant_id: int) -> RoleGrant:
    """Another administrator declines a request, or the one who asked withdraws it."""
    lapse_stale_grants()
    with transaction.atomic():
        return _grant_decline(request=request, grant_id=grant_id)


def _grant_decline(*, request: HttpRequest, grant_id: int) -> RoleGrant:
    actor = _actor(request)
    grant = _pending_for_update(grant_id)
    if actor is None or not actor.has_role(Role.ADMINISTRATOR) or actor.pk == grant.user_id:
        raise ValidationError(_("Only another administrator can decline this request."))
    withdrawn = actor.pk == grant.requested_by_id
    grant.status = RoleGrant.Status.CANCELLED if withdrawn else RoleGrant.Status.DECLINED
    grant.decided_by, grant.decided_at = actor, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(
        request,
        action=Action.UPDATE,
        staff=grant.user,
        details={"withdrawn" if withdrawn else "declined": grant.pk, "role": grant.role},
        grants=[grant],
    )
    return grant


def end_sessions(*, user: User) -> int:
    """Ends every session of ``user`` on the server side."""
    keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    StaffSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(*, user: User, request: HttpRequest | None = None) -> None:
    """Deactivates, ends every session, withdraws open role requests for the account and tells
    other apps (``staff_deactivated``) to withdraw what lets it in from elsewhere."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions = end_sessions(user=user)
    withdrawn = list(RoleGrant.objects.filter(user=user, status=RoleGrant.Status.PENDING))
    RoleGrant.objects.filter(pk__in=[g.pk for g in withdrawn]).update(
        status=RoleGrant.Status.CANCELLED, decided_by=_actor(request), decided_at=timezone.now()
    )
    _audit(
        request,
        action=Action.UPDATE,
        staff=user,
        details={"deactivated": True, "sessions_ended": sessions},
        grants=withdrawn,
    )
    staff_deactivated.send(sender=User, user=user, request=request)


@transaction.atomic
def user_reactivate(*, user: User, request: HttpRequest | None = None) -> str:
    """Reactivates with a new temporary password (the old one may have leaked meanwhile)."""
    password = temporary_password()
    user.is_active = True
    user.must_change_password = True
    user.set_password(password)
    user.save(update_fields=["is_active", "must_change_password", "password"])
    _audit(request, action=Action.UPDATE, staff=user, details={"reactivated": True, "password_reset": True})
    return password


@transaction.atomic
def user_reset_password(*, user: User, request: HttpRequest | None = None) -> str:
    """A new temporary password (the user forgot theirs); every session of the account ends."""
    password = temporary_password()
    user.must_change_password = True
    user.set_password(password)
    user.save(update_fields=["must_change_password", "password"])
    sessions = end_sessions(user=user)
    _audit(
        request,
        action=Action.UPDATE,
        staff=user,
        details={"password_reset": True, "sessions_ended": sessions},
    )
    return password


@transaction.atomic
def user_reset_mfa(*, user: User, request: HttpRequest | None = None) -> None:
    """Removes the user's authenticator app and passkeys (each passkey's removal audited too);
    they enrol a new factor at their next sign-in."""
    devices, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_passkeys = passkeys.remove_all(user=user, request=request)
    sessions = end_sessions(user=user)
    _audit(
        request,
        action=Action.UPDATE,
        staff=user,
        details={
            "authenticator_reset": True,
            "devices_removed": devices,
            "passkeys_removed": removed_passkeys,
            "sessions_ended": sessions,
        },
    )


@transaction.atomic
def password_changed(*, request: HttpRequest) -> None:
    """Audits a user changing their own password (the password itself is never written anywhere)."""
    _audit(request, action=Action.UPDATE, staff=request.user, details={"fields": ["password"]})


@transaction.atomic
def bootstrap_administrator(*, user: User) -> None:
    """From the command line: gives the administrator role while there are fewer than two.

    The two-administrator rule needs two administrators to start with; this is how a new
    installation gets them. Once two are active, administrators are added in the application.
    """
    active = User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR).distinct()
    if active.count() >= 2:
        raise ValidationError(
            _(
                "There are already two active administrators: give the role in the application, "
                "where a second administrator confirms it."
            ),
            code="two_administrators",
        )
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    if user.has_role(Role.ADMINISTRATOR):
        raise ValidationError(_("This account is already an administrator."))
    _change_groups(user, add=[Role.ADMINISTRATOR])
    grants = _record_grants(actor=None, staff=user, now_roles=[Role.ADMINISTRATOR], asked_roles=[])
    _audit(
        None, action=Action.UPDATE, staff=user, details={"roles_added": [Role.ADMINISTRATOR]}, grants=grants
    )


def prune_sessions() -> int:
    """Removes expired sessions and the bookkeeping of sessions that are gone; returns how many."""
    sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    orphans, _ = StaffSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    return sessions + orphans


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
