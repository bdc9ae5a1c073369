"""The individual support plan of a case: goals per domain, who does what by when, the person's
agreement and the supervisor's approval. Each review makes a new version; earlier ones are kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.assessments.codes import NeedDomain
from ostoja.cases.models import Case
from ostoja.vault.fields import EncryptedCharField, EncryptedTextField, SealedModel


class SupportPlan(SealedModel):
    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="support_plans")
    number = models.PositiveIntegerField(_("version of the plan"), editable=False)
    agreed = models.BooleanField(_("the person agrees with the plan"), default=False)
    agreement_words = EncryptedTextField(
        _("the person's agreement, in their words"), max_length=limits.SHORT, blank=True
    )
    agreement_language = models.CharField(_("language of the agreement (ISO 639)"), max_length=8, blank=True)
    interpreter = EncryptedCharField(_("interpreter who helped"), max_length=limits.LINE, blank=True)
    review_on = models.DateField(_("review the plan on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        editable=False,
    )  # fmt: skip
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="plans_case_number")]

    def __str__(self) -> str:
        return f"{self.case} v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Goal(SealedModel):
    vault_owner = ("plan.case.person",)
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=20, choices=NeedDomain.choices)
    goal = EncryptedTextField(_("goal"), max_length=limits.SHORT)
    actions = EncryptedTextField(_("actions"), max_length=limits.SHORT, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("who does it (staff)"),
    )  # fmt: skip
    partner = EncryptedCharField(_("or a partner, by name"), max_length=limits.LINE, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} ({self.plan})"
