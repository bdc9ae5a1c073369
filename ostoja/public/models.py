"""What the public site says, in every language, and the little it must remember.

Texts, descriptions of the partners shown (the partners themselves are the partner directory's)
and contact details are data the centre's staff edit. Nothing here is about a
person: the report form hands its text straight to the hotline, and the rate limit keeps only a
daily-salted hash of the sender's address, never the address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.public import languages


class TextKey(models.TextChoices):
    """The blocks of text a language has; each page shows some of them (see views/site.py)."""

    ABOUT = "about", _("Who we are")
    FREE = "free", _("Free, confidential, 24/7 in emergencies")
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
    body = limits.TextField(_("text"), max_length=20000)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who read this wording against the Polish as a native speaker, and when. Empty: a draft. A
    # change to the title or text makes it a draft again unless the editor records a new review.
    reviewed_by = models.CharField(_("reviewed by"), max_length=200, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    objects = PublicTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("public text")
        verbose_name_plural = _("public texts")
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="public_text_unique"),
            models.CheckConstraint(
                condition=(models.Q(reviewed_by="") & models.Q(reviewed_on__isnull=True))
                | (~models.Q(reviewed_by="") & models.Q(reviewed_on__isnull=False)),
                name="public_text_review_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by and self.reviewed_on)


class CentreContact(models.Model):
    """How the public reaches the centre: one row (pk 1), edited by staff.

    The installation seeds example values; ``confirmed`` stays False until a member of staff has
    saved real ones, and the public pages say so meanwhile rather than present a number as real.
    """

    phone = models.CharField(_("phone (24/7)"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = limits.TextField(_("postal address"), max_length=500, blank=True)
    confirmed = models.BooleanField(_("confirmed by staff"), default=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1)
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


class PartnerDescription(models.Model):
    """What the public site says about an organisation of the partner directory, in one language.

    The organisation itself (name, country, places, website, whether and where it is shown) is
    kept in the one partner directory (``ostoja.partners``); only these texts, written for the
    public in each of its languages, are kept here, beside the other public texts.
    """

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="public_descriptions"
    )
    language = models.CharField(_("language"), max_length=8, choices=languages.CHOICES)
    text = limits.TextField(_("description"), max_length=3000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="public_partner_description_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.language}"


class LibraryDocumentQuerySet(models.QuerySet):
    def published(self) -> LibraryDocumentQuerySet:
        return self.filter(published=True)


class LibraryDocument(models.Model):
    """A PDF staff put in the public library, stored under a random name outside the web root."""

    title = models.CharField(_("title"), max_length=200)
    description = limits.TextField(_("description"), max_length=1000, blank=True)
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


class UsedReportToken(models.Model):
    """A report form token that has been used: each signed token files one report, once.

    Only a SHA-256 hash of the token is kept, until the token would have expired anyway
    (``ostoja housekeeping`` removes older rows). No cookie is needed for this.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.token_hash[:8]
