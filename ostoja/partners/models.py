"""The partner directory: the organisations the centre refers people to and works with.

One list for the referral form, the consultations and the public site's "help abroad" page and
leaflets, which show the entries marked ``public`` (``public_group`` and ``order`` say where; the
seed marks IOM, FairWork and Faire Mobilität). Nothing here is about a person: names, addresses and
numbers are the organisations' public contact facts.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ostoja import limits
from ostoja.people.countries import country_name


class Kind(models.TextChoices):
    NGO = "ngo", _("Non-governmental organisation")
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border Guard")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    COURT = "court", _("Court")
    CONSULATE = "consulate", _("Consulate or embassy")
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    INTERNATIONAL = "international", _("International organisation")
    TRADE_UNION = "trade_union", _("Trade union advice centre")
    OTHER = "other", pgettext_lazy("kind of organisation", "Other")


class Service(models.TextChoices):
    """What a partner offers; a referral's purpose is one of these."""

    VOLUNTARY_RETURN = "voluntary_return", _("Voluntary return")
    LABOUR_RIGHTS = "labour_rights", _("Labour-rights advice")
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    LEGAL = "legal", _("Legal help")
    PSYCHOLOGICAL = "psychological", _("Psychological help")
    REINTEGRATION = "reintegration", _("Reintegration after return")
    OTHER = "other", pgettext_lazy("service", "Other")


class PublicGroup(models.TextChoices):
    """Where an organisation marked public appears on the public site."""

    WORKERS_ABROAD = "workers_abroad", _("Help for Polish workers abroad")
    RETURN = "return", _("Voluntary return for foreigners")


class OrganisationQuerySet(models.QuerySet):
    def active(self) -> OrganisationQuerySet:
        return self.filter(active=True)

    def shown_publicly(self) -> OrganisationQuerySet:
        return (
            self.filter(active=True, public=True)
            .exclude(public_group="")
            .order_by("public_group", "order", "name")
        )


class Organisation(models.Model):
    name = models.CharField(pgettext_lazy("organisation", "name"), max_length=limits.LINE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    services = models.JSONField(_("services"), default=list, blank=True, validators=[limits.CODES])
    languages = models.JSONField(
        _("languages of advice"), default=list, blank=True, validators=[limits.CODES],
        help_text=_("ISO language codes, e.g. pl, de, en."),
    )  # fmt: skip
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO country code, e.g. DE."))
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = limits.TextField(_("address"), max_length=limits.SHORT, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    how_to_refer = limits.TextField(
        _("how to refer"), max_length=limits.SHORT, blank=True,
        help_text=_("The secure channel or form the partner asks for, and what to send."),
    )  # fmt: skip
    notes = limits.TextField(_("notes"), max_length=limits.SHORT, blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive partners are kept but take no new referrals.")
    )
    public = models.BooleanField(_("shown on the public site"), default=False)
    public_group = models.CharField(
        _("section of the public site"), max_length=20, choices=PublicGroup.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order on the public site"), default=10)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name", "city"]
        indexes = [models.Index(fields=["country", "city"], name="partners_org_place")]

    def __str__(self) -> str:
        return f"{self.name} — {self.city}" if self.city else self.name

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def service_labels(self) -> list[str]:
        return [str(Service(code).label) for code in self.services if code in Service.values]

    def offers(self, service: str) -> bool:
        return service in self.services
