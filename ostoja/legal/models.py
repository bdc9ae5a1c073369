"""The person's legal position: criminal proceedings and their hearings, the person's decision about
cooperating with law enforcement, a foreigner's right to stay (the certificate of a presumed victim with
its reflection period, the temporary residence permit for victims) and other matters (compensation,
family law).

Plain (lists, flags, statistics): kinds, roles, authorities, stages, statuses and dates. Encrypted: the
reference numbers, the names of lawyers and of who issued a document, and the person's own words.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.cases.models import Case
from ostoja.legal.codes import (
    Authority,
    Cooperation,
    HearingSupport,
    MatterKind,
    MatterStatus,
    ProceedingRole,
    ResidenceKind,
    ResidenceStatus,
    Stage,
)
from ostoja.vault.fields import EncryptedCharField, EncryptedTextField, SealedModel

# Art. 172 of the Act on Foreigners: the certificate is valid 3 months, 4 for a minor.
REFLECTION_MONTHS = 3
REFLECTION_MONTHS_MINOR = 4


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day where it has fewer days (31 → 30)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reflection_end(start: date, *, minor: bool) -> date:
    """The last day of the certificate's validity: the reflection period (3 months, 4 for a minor)."""
    return add_months(start, REFLECTION_MONTHS_MINOR if minor else REFLECTION_MONTHS)


class Proceeding(SealedModel):
    """Criminal proceedings in which the person is an injured party or a witness."""

    vault_owner = ("case.person",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="proceedings", verbose_name=_("case")
    )
    role = models.CharField(_("the person's role"), max_length=16, choices=ProceedingRole.choices)
    authority = models.CharField(_("conducted by"), max_length=16, choices=Authority.choices)
    reference = EncryptedCharField(_("reference number"), max_length=limits.LINE, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    lawyer = EncryptedCharField(
        _("the person's lawyer or representative"), max_length=limits.LINE, blank=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("criminal proceedings")
        verbose_name_plural = _("criminal proceedings")
        indexes = [models.Index(fields=["case", "created_at"], name="legal_proceeding_case")]

    def __str__(self) -> str:
        return f"{self.get_authority_display()}: {self.get_stage_display()}"


class Hearing(SealedModel):
    """A hearing or an interview in the proceedings, and who goes with the person."""

    vault_owner = ("case.person",)

    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="hearings")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("date of the hearing"))
    interpreter = models.CharField(
        _("interpreter"), max_length=12, choices=HearingSupport.choices, default=HearingSupport.NOT_NEEDED
    )
    companion = models.CharField(
        _("someone from the centre goes with the person"), max_length=12, choices=HearingSupport.choices,
        default=HearingSupport.TO_ARRANGE,
    )  # fmt: skip
    place = EncryptedCharField(_("where"), max_length=limits.LINE, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [models.Index(fields=["case", "held_on"], name="legal_hearing_case")]

    def __str__(self) -> str:
        return str(_("hearing"))


class CooperationDecision(SealedModel):
    """The person's own decision about cooperating with law enforcement. Only ever added: a change of
    mind is a new row, so the history stays. Support never depends on it."""

    vault_owner = ("case.person",)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("the person's decision"), max_length=12, choices=Cooperation.choices)
    decided_on = models.DateField(_("decided on"))
    words = EncryptedTextField(_("in the person's words"), max_length=limits.SHORT, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision about cooperating")
        verbose_name_plural = _("decisions about cooperating")
        indexes = [models.Index(fields=["case", "decided_on", "created_at"], name="legal_decision_case")]

    def __str__(self) -> str:
        return self.get_decision_display()


class ResidenceDocument(SealedModel):
    """A foreigner's right to stay as a victim: the certificate of a presumed victim (art. 170; its
    validity is the reflection period) or the temporary residence permit for victims (art. 176), issued
    or applied for."""

    vault_owner = ("case.person",)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("document"), max_length=12, choices=ResidenceKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ResidenceStatus.choices)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    for_minor = models.BooleanField(_("issued for a minor"), default=False)
    issued_by = EncryptedCharField(_("issued by"), max_length=limits.LINE, blank=True)
    reference = EncryptedCharField(_("number or reference"), max_length=limits.LINE, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("residence document")
        verbose_name_plural = _("residence documents")
        indexes = [
            models.Index(fields=["case", "kind", "status"], name="legal_residence_case"),
            # The daily reminders and the flags: issued documents by their end.
            models.Index(
                fields=["valid_until"], condition=models.Q(status="valid"), name="legal_residence_end"
            ),
            # The statistics: documents issued in a period, applications made in it.
            models.Index(fields=["valid_from", "kind"], name="legal_residence_from"),
            models.Index(fields=["applied_on", "kind"], name="legal_residence_applied"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == ResidenceKind.CERTIFICATE and self.status == ResidenceStatus.APPLIED:
            errors["status"] = _(
                "A certificate is issued by the authority, not applied for: record it once issued."
            )
        if self.status == ResidenceStatus.APPLIED and self.applied_on is None:
            errors["applied_on"] = _("Give the day the application was made.")
        if self.status == ResidenceStatus.VALID:
            if self.valid_from is None:
                errors["valid_from"] = _("Give the first day of validity.")
            if self.valid_until is None and self.kind == ResidenceKind.CERTIFICATE and self.valid_from:
                self.valid_until = reflection_end(self.valid_from, minor=self.for_minor)
            if self.valid_until is None:
                errors.setdefault("valid_until", _("Give the last day of validity."))
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = _("The end of the validity must come after its start.")
        if errors:
            raise ValidationError(errors)


class Matter(SealedModel):
    """Another legal matter of the person: a compensation claim or a family-law matter."""

    vault_owner = ("case.person",)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of matter"), max_length=16, choices=MatterKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=MatterStatus.choices)
    before = EncryptedCharField(_("before which court or authority"), max_length=limits.LINE, blank=True)
    reference = EncryptedCharField(_("reference number"), max_length=limits.LINE, blank=True)
    representative = EncryptedCharField(
        _("the person's lawyer or representative"), max_length=limits.LINE, blank=True
    )
    notes = EncryptedTextField(_("notes"), max_length=limits.SHORT, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("legal matter")
        verbose_name_plural = _("legal matters")
        indexes = [models.Index(fields=["case", "created_at"], name="legal_matter_case")]

    def __str__(self) -> str:
        return self.get_kind_display()
