"""Case files: a person may have several cases over the years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.accounts.roles import Discipline
from ostoja.cases.codes import CLOSED_STATUSES, CaseKind, ClosureReason, Phase, RiskFlag, Status
from ostoja.people.models import Person
from ostoja.vault.fields import EncryptedJSONField, EncryptedTextField, SealedModel

if TYPE_CHECKING:
    from ostoja.cases.access import Access


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.exclude(status__in=CLOSED_STATUSES)

    def on_team_of(self, user) -> CaseQuerySet:
        """Cases whose team includes ``user`` (the case manager is always on the team).

        The ids come from two index scans, the cases ``user`` manages (``cases_manager_status``)
        and those they are a member of (``cases_member_user``), joined by UNION: the cost follows
        the user's own cases, not the register (an OR across the join, with DISTINCT, walks every
        case).
        """
        managed = Case.objects.filter(case_manager=user).values("pk")
        member = CaseMember.objects.filter(user=user).values("case_id")
        return self.filter(pk__in=managed.union(member))


class Case(SealedModel):
    vault_owner = ("person",)
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
    closure_note = EncryptedTextField(_("closing note"), max_length=limits.INSTRUCTIONS, blank=True)
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="managed_cases",
        verbose_name=_("case manager"),
    )
    risk_flags = EncryptedJSONField(_("risk flags"), default=list, blank=True, validators=[limits.CODES])
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    # What the viewer may do with it: set by the access helpers (cases/access.py) on what they load.
    access: Access
    # What the case page has loaded in this request, by table, shared by its timeline and its
    # sections (cases.timeline.case_rows); set by the case page only.
    loads: dict[str, list[Any] | None]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["case_manager", "status"], name="cases_manager_status"),
            models.Index(fields=["person", "opened_on"], name="cases_person_opened"),
            models.Index(fields=["-opened_on", "-id"], name="cases_recent"),
            # The statistics count the cases closed in a period because the person returned home.
            models.Index(
                fields=["closed_on"],
                condition=models.Q(closure_reason="returned_home"),
                name="cases_returned",
            ),
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


class StatusCount(models.Model):
    """A change in the number of cases with a status, written by the database (cases/caseload.py)."""

    status = models.CharField(max_length=16)
    delta = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.status} {self.delta:+d}"


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


class Note(SealedModel):
    """An entry in the case's notes stream. Notes are sensitive: the text is encrypted."""

    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("note"), max_length=limits.NOTE)
    confidential_to = models.CharField(
        _("confidential to"), max_length=16, choices=Discipline.choices, blank=True,
        help_text=_("Only the specialists of this discipline on the case read the note."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]
        # The timeline reads a case's notes a page at a time, newest first.
        indexes = [models.Index(fields=["case", "-created_at"], name="cases_note_case")]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.case_id}"
