"""Case files: a person may have several cases over the years."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostoja.cases.codes import CLOSED_STATUSES, CaseKind, ClosureReason, Phase, RiskFlag, Status
from ostoja.people.models import Person
from ostoja.vault.fields import EncryptedTextField


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.exclude(status__in=CLOSED_STATUSES)

    def on_team_of(self, user) -> CaseQuerySet:
        """Cases whose team includes ``user`` (the case manager is always on the team)."""
        return self.filter(Q(case_manager=user) | Q(members__user=user)).distinct()


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=16, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices, default=CaseKind.SUPPORT)
    phase = models.CharField(_("phase"), max_length=24, choices=Phase.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    closure_reason = models.CharField(
        _("reason for closing"), max_length=24, choices=ClosureReason.choices, blank=True
    )
    closure_note = EncryptedTextField(_("closing note"), blank=True)
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="managed_cases",
        verbose_name=_("case manager"),
    )
    risk_flags = models.JSONField(_("risk flags"), default=list, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["case_manager", "status"], name="cases_manager_status"),
            models.Index(fields=["person", "opened_on"], name="cases_person_opened"),
            models.Index(fields=["-opened_on", "-id"], name="cases_recent"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def risk_flag_labels(self) -> list[str]:
        labels = dict(RiskFlag.choices)
        return [str(labels.get(flag, flag)) for flag in self.risk_flags or []]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class CaseMember(models.Model):
    """A colleague on the case team besides the case manager (a specialist, a second manager)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="cases_member_unique")]
        indexes = [models.Index(fields=["user", "case"], name="cases_member_user")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.case}"


class CaseNumberSequence(models.Model):
    """The last case number used in a year; numbers are ``YYYY/NNNN`` without gaps or repeats."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Note(models.Model):
    """An entry in the case's notes stream. Notes are sensitive: the text is encrypted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.case_id}"
