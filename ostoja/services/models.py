"""The centre's service catalogue (data an administrator extends) and the services delivered on a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.cases.models import Case
from ostoja.plans.models import Goal
from ostoja.vault.fields import EncryptedCharField, EncryptedTextField, SealedModel


class Service(models.Model):
    """A kind of help the centre gives, named in Polish and English."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_pl = models.CharField(_("name in Polish"), max_length=limits.LINE)
    name_en = models.CharField(_("name in English"), max_length=limits.LINE)
    active = models.BooleanField(_("offered now"), default=True)
    position = models.PositiveSmallIntegerField(_("position in the list"), default=100)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (translation.get_language() or "pl").startswith("en") else self.name_pl


class Delivery(SealedModel):
    """One service given to the person: when, by whom (staff or an outside provider), how long, at what
    cost, with what outcome, for which plan goal."""

    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deliveries")
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    delivered_on = models.DateField(_("delivered on"))
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("delivered by (staff)"),
    )  # fmt: skip
    provider = EncryptedCharField(_("or an outside provider, by name"), max_length=limits.LINE, blank=True)
    minutes = models.PositiveIntegerField(_("duration in minutes"), null=True, blank=True)
    cost = models.DecimalField(_("cost (PLN)"), max_digits=10, decimal_places=2, null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), max_length=limits.SHORT, blank=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("plan goal it serves"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The referral whose completion recorded this delivery (a referral app's id; at most one each).
    from_referral = models.PositiveIntegerField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        indexes = [
            models.Index(fields=["case", "-delivered_on"], name="services_delivery_case"),
            # The statistics count a period's deliveries by kind.
            models.Index(fields=["delivered_on", "service"], name="services_delivery_day"),
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.case})"
