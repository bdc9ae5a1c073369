"""Consent, one small record per person and purpose.

Referrals, letters and exports ask these records whether something is allowed; none keeps a
checkbox of its own. A withdrawn consent stays on file (who withdrew it and when) and no longer
allows anything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.cases.models import Case
from ostoja.consent.codes import GivenHow, Scope, ShareItem
from ostoja.partners.models import Organisation, Service
from ostoja.people.codes import ChannelKind
from ostoja.people.models import Person
from ostoja.vault.fields import EncryptedTextField, SealedModel


class ConsentQuerySet(models.QuerySet):
    def in_force(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(SealedModel):
    vault_owner = ("person",)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    # The case it was recorded in: whose case manager hears of a withdrawal, and whose team may see it.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(_("consent to"), max_length=16, choices=Scope.choices)
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Service.choices, blank=True)
    items = models.JSONField(_("what may be shared"), default=list, blank=True, validators=[limits.CODES])
    channel = models.CharField(_("channel"), max_length=16, choices=ChannelKind.choices, blank=True)
    given_how = models.CharField(_("given"), max_length=10, choices=GivenHow.choices)
    interpreter = models.CharField(
        _("through the interpreter"),
        max_length=200,
        blank=True,
        help_text=_("Name, if an interpreter took part."),
    )
    given_on = models.DateField(_("given on"))
    notes = EncryptedTextField(_("notes"), max_length=limits.SHORT, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    withdrawal_note = EncryptedTextField(_("how it was withdrawn"), max_length=limits.SHORT, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "scope", "withdrawn_at"], name="consent_person_scope")]

    def __str__(self) -> str:
        return str(self.describe())

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None

    def item_labels(self) -> list[str]:
        return [str(ShareItem(code).label) for code in self.items if code in ShareItem.values]

    def describe(self) -> str:
        """The consent in words: what to, and with whom for sharing."""
        label = str(Scope(self.scope).label)
        if self.scope == Scope.SHARING and self.partner_id:
            purpose = str(Service(self.purpose).label) if self.purpose else ""
            return f"{label}: {self.partner} — {purpose}"
        if self.scope == Scope.CONTACT and self.channel:
            return f"{label}: {ChannelKind(self.channel).label}"
        return label

    def covers(self, *, partner_id: int, purpose: str, items: list[str]) -> bool:
        return (
            self.in_force and self.scope == Scope.SHARING and self.partner_id == partner_id
            and self.purpose == purpose and set(items) <= set(self.items)
        )  # fmt: skip
