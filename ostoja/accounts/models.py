from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.accounts.roles import Discipline, Role


class User(AbstractUser):
    """A member of staff. Roles are groups named by ``Role`` codes."""

    language = models.CharField(_("language"), max_length=8, default="pl")
    must_change_password = models.BooleanField(_("must change password"), default=False)
    discipline = models.CharField(
        _("discipline"), max_length=16, choices=Discipline.choices, blank=True,
        help_text=_("For specialists: whose confidential material they may read on the cases they work on."),
    )  # fmt: skip
    # The number a colleague on duty calls (the duty card names it beside the case manager).
    work_phone = models.CharField(
        _("work phone"), max_length=40, blank=True,
        help_text=_("Shown to colleagues on the duty card, e.g. +48 22 123 45 67."),
    )  # fmt: skip
    # Administrators may edit the same account at once: a save over a newer version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        names = {group.name for group in self.groups.all()}
        return frozenset(role for role in Role.values if role in names)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def role_labels(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.roles]


class LoginFailure(models.Model):
    """One failed sign-in step (password or code), counted per username and address."""

    username = models.CharField(max_length=150)
    address = models.GenericIPAddressField()
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "address", "at"])]

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"


class StaffSession(models.Model):
    """Which session belongs to whom, so deactivating a user ends their sessions at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"session of {self.user_id} since {self.started_at:%Y-%m-%d %H:%M}"


class RoleGrant(models.Model):
    """One role given to one account: given at once, or asked for and confirmed by a second administrator.

    Supervisor and administrator open every file or every account, so giving them needs a second
    administrator (neither the one asking nor the one receiving); other roles are given at once.
    Every grant, at once or confirmed, is shown to supervisors and mailed to them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a second administrator")
        GRANTED = "granted", _("granted")
        DECLINED = "declined", _("declined by a second administrator")
        CANCELLED = "cancelled", _("withdrawn")
        LAPSED = "lapsed", _("lapsed unconfirmed")

    user = models.ForeignKey(
        User, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("asked for by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked for"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        indexes = [
            models.Index(fields=["-requested_at"], name="accounts_grant_recent"),
            models.Index(fields=["status", "requested_at"], name="accounts_grant_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="accounts_grant_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} for {self.user_id} ({self.status})"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


class SignInPolicy(models.Model):
    """The centre's sign-in rules that administrators set (one row): which roles need a passkey.

    Staff holding any role in ``passkey_roles`` confirm sign-in with a passkey; their authenticator
    app no longer lets them in once they have one. Changes are audited (``passkeys.set_required_roles``).
    """

    SINGLETON = 1

    passkey_roles = models.JSONField(
        _("roles that sign in with a passkey"), default=list, blank=True, validators=[limits.CODES]
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    changed_by = models.ForeignKey(
        User, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Two administrators may edit the policy at once: a save over a newer version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("sign-in policy")
        verbose_name_plural = _("sign-in policy")

    def __str__(self) -> str:
        return "sign-in policy"

    @classmethod
    def current(cls) -> SignInPolicy:
        return cls.objects.filter(pk=cls.SINGLETON).first() or cls(pk=cls.SINGLETON)


def confirmers(*, requested_by: User | None, user: User | None) -> models.QuerySet[User]:
    """Administrators who may confirm a privileged grant: active, neither asking nor receiving."""
    found = User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR).distinct()
    excluded = [u.pk for u in (requested_by, user) if u is not None and u.pk]
    return found.exclude(pk__in=excluded)


class SentNotice(models.Model):
    """One message to one member of staff about one event, recorded so that it goes out once.

    ``key`` names the event ("break_glass:12", "escalation:7"); a task that runs again after a
    crash finds the row of every message already sent and sends only the others (accounts/mail.py).
    """

    key = models.CharField(max_length=120)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "recipient"], name="accounts_notice_once")]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient_id}"
