"""Needs assessments (initial, possibly by phone before return; full after it) and safety assessments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.assessments import risk
from ostoja.assessments.codes import (
    AssessmentKind,
    AtRisk,
    Mode,
    NeedDomain,
    Rating,
    RiskLevel,
    Severity,
    Threat,
)
from ostoja.cases.models import Case
from ostoja.vault.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField, SealedModel


class NeedsAssessment(SealedModel):
    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs_assessments")
    kind = models.CharField(_("kind of assessment"), max_length=12, choices=AssessmentKind.choices)
    mode = models.CharField(_("how it was done"), max_length=12, choices=Mode.choices)
    before_return = models.BooleanField(_("the person was still abroad"), default=False)
    assessed_on = models.DateField(_("assessed on"))
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    summary = EncryptedTextField(_("summary"), max_length=limits.ACCOUNT, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        indexes = [models.Index(fields=["case", "-created_at"], name="assess_needs_case")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case})"


class Need(SealedModel):
    """One domain of a needs assessment: how severe, in the person's words, and whether they want help."""

    vault_owner = ("assessment.case.person",)
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(_("domain"), max_length=20, choices=NeedDomain.choices)
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.NONE
    )
    words = EncryptedTextField(_("in the person's words"), max_length=limits.SHORT, blank=True)
    declined = models.BooleanField(_("the person does not want help with this"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="assess_need_once")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.get_severity_display()}"


@deconstructible
class ThreatRows(limits.ListLimit):
    """The threats of a safety assessment (at most 40): each names who is at risk and what threatens,
    both rated. Its items are codes and ratings, not free text."""

    def __init__(self) -> None:
        super().__init__(items=40, length=40)

    def __call__(self, value) -> None:
        if not isinstance(value, list) or len(value) > self.items:
            raise ValidationError(_("Expected a list of threats."), code="invalid")
        for row in value:
            if not isinstance(row, dict) or set(row) != {"at_risk", "threat", "severity", "likelihood"}:
                raise ValidationError(_("Expected a list of threats."), code="invalid")
            if row["at_risk"] not in AtRisk.values or row["threat"] not in Threat.values:
                raise ValidationError(_("Expected a list of threats."), code="invalid")
            if row["severity"] not in Rating.values or row["likelihood"] not in Rating.values:
                raise ValidationError(_("Each threat needs its severity and likelihood."), code="unrated")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThreatRows)

    def deconstruct(self):
        return ("ostoja.assessments.models.ThreatRows", (), {})


class SafetyAssessment(SealedModel):
    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_assessments")
    assessed_on = models.DateField(_("assessed on"))
    threats = EncryptedJSONField(_("threats"), default=list, validators=[ThreatRows()])
    # Plain, like the identification status: lists, flags and the duty card show it.
    risk_level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices)
    person_actions = EncryptedTextField(
        _("what the person will do"), max_length=limits.INSTRUCTIONS, blank=True
    )
    centre_actions = EncryptedTextField(
        _("what the centre will do"), max_length=limits.INSTRUCTIONS, blank=True
    )
    who_to_call = EncryptedTextField(_("who to call in danger"), max_length=limits.SHORT, blank=True)
    code_word = EncryptedCharField(_("code word"), max_length=limits.LINE, blank=True)
    review_on = models.DateField(_("review the safety plan on"))
    # The case's latest assessment (the one its flag and its review follow).
    current = models.BooleanField(default=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("safety assessment")
        verbose_name_plural = _("safety assessments")
        indexes = [
            models.Index(fields=["case", "current"], name="assess_safety_case"),
            models.Index(fields=["current", "review_on"], name="assess_safety_review"),
        ]

    def __str__(self) -> str:
        return f"{self.get_risk_level_display()} ({self.case})"

    @property
    def threat_rows(self) -> list[dict]:
        labels, objects = dict(Threat.choices), dict(AtRisk.choices)
        ratings = dict(Rating.choices)
        return [
            {
                "at_risk": objects.get(t["at_risk"], ""), "threat": labels.get(t["threat"], ""),
                "severity": ratings.get(t["severity"], ""), "likelihood": ratings.get(t["likelihood"], ""),
                "level": risk.level(t["severity"], t["likelihood"]),
            }
            for t in self.threats or []
        ]  # fmt: skip
