"""What the public site says, in every language, and the little it must remember.

Texts, partners and contact details are data the centre's staff edit. Nothing here is about a
person: the report form hands its text straight to the hotline, and the rate limit keeps only a
daily-salted hash of the sender's address, never the address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja.public import languages


class TextKey(models.TextChoices):
    """The blocks of text a language has; each page shows some of them (see views/site.py)."""

    ABOUT = "about", _("Who we are")
    FREE = "free", _("Free, confidential, 24/7")
    HELP = "help", _("The help we give")
    RIGHTS = "rights", _("Your rights")
    CONTACT = "contact", _("How to contact us")
    AFTER_CALL = "after_call", _("What happens after the first call")
    REACT = "react", _("React! Recognising trafficking")
    REPORT = "report", _("Introduction to the report form")
    ABROAD = "abroad", _("Polish workers abroad")
    RETURN = "return", _("Voluntary return for foreigners")
    SAFETY = "safety", _("How to hide your visit")


class PublicTextQuerySet(models.QuerySet):
    def for_language(self, language: str) -> dict[str, PublicText]:
        return {text.key: text for text in self.filter(language=language)}


class PublicText(models.Model):
    """One block of public text in one language.

    ``body`` is plain text with a tiny markup (blank line = paragraph, "- " = list item,
    "## " = subheading, see markup.py); it is never treated as HTML.
    """

    language = models.CharField(_("language"), max_length=8, choices=languages.CHOICES)
    key = models.CharField(_("text"), max_length=20, choices=TextKey.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PublicTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("public text")
        verbose_name_plural = _("public texts")
        constraints = [models.UniqueConstraint(fields=["language", "key"], name="public_text_unique")]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


class CentreContact(models.Model):
    """How the public reaches the centre: one row (pk 1), edited by staff.

    The installation seeds example values; ``confirmed`` stays False until a member of staff has
    saved real ones, and the public pages say so meanwhile rather than present a number as real.
    """

    phone = models.CharField(_("phone (24/7)"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), max_length=500, blank=True)
    confirmed = models.BooleanField(_("confirmed by staff"), default=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contact details of the centre")
        verbose_name_plural = _("contact details of the centre")

    def __str__(self) -> str:
        return self.phone

    @property
    def phone_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @classmethod
    def current(cls) -> CentreContact:
        found = cls.objects.filter(pk=1).first()
        return found or cls(pk=1, phone="")


class PartnerKind(models.TextChoices):
    WORKERS_ABROAD = "workers_abroad", _("Help for Polish workers abroad")
    RETURN = "return", _("Voluntary return for foreigners")


class PartnerQuerySet(models.QuerySet):
    def shown(self) -> PartnerQuerySet:
        return self.filter(active=True).order_by("kind", "order", "name")


class Partner(models.Model):
    """An organisation the public pages send people to (Fairwork, Faire Mobilität, IOM).

    A partner directory app may take these over later; until then staff keep them here.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    country = models.CharField(_("country"), max_length=100, blank=True)
    places = models.CharField(
        _("advice centres (cities)"),
        max_length=300,
        blank=True,
        help_text=_("As written locally, separated by commas."),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    counselling_languages = models.CharField(_("counselling languages"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    active = models.BooleanField(_("shown on the public site"), default=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["kind", "order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def place_list(self) -> list[str]:
        return [place.strip() for place in self.places.split(",") if place.strip()]


class PartnerDescription(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="descriptions")
    language = models.CharField(_("language"), max_length=8, choices=languages.CHOICES)
    text = models.TextField(_("description"), max_length=3000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "language"], name="public_partner_description_unique")
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}/{self.language}"


class LibraryDocumentQuerySet(models.QuerySet):
    def published(self) -> LibraryDocumentQuerySet:
        return self.filter(published=True)


class LibraryDocument(models.Model):
    """A PDF staff put in the public library, stored under a random name outside the web root."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=languages.CHOICES)
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    pages = models.PositiveIntegerField(_("pages"), editable=False, default=0)
    published = models.BooleanField(_("shown on the public site"), default=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LibraryDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        ordering = ["language", "title"]
        indexes = [models.Index(fields=["published", "language"], name="public_library_lang")]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in self.title).strip()
        return "-".join(safe.split())[:80] + ".pdf" if safe else "document.pdf"


class ReportCounter(models.Model):
    """How many reports one (hashed) address sent on one day.

    ``sender`` is an HMAC of the address under a key derived from the day, so yesterday's hashes
    cannot be linked to today's, and the address itself is never written down. Rows older than a
    day are deleted as new ones are written.
    """

    day = models.DateField()
    sender = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "sender"], name="public_report_counter_unique")]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"
