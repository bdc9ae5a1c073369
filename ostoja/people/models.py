"""The persons the centre helps.

Field classes (see docs/ARCHITECTURE.md): identifying values (names, birth date, estimated age,
contact values, document numbers, code words) are encrypted; sensitive free text is encrypted; codes
used for statistics (gender, citizenship, languages, minor flag) are plain (docs/SECURITY.md). Searching the encrypted values
goes through ``SearchToken`` (blind indexes) only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.people.codes import (
    AgeBand,
    ChannelKind,
    DocumentKind,
    DocumentStatus,
    Gender,
    Messages,
    Safety,
    age_band_of,
)
from ostoja.vault import personkeys
from ostoja.vault.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedIntegerField,
    EncryptedJSONField,
    EncryptedTextField,
    SealedModel,
)


class PersonQuerySet(models.QuerySet):
    def active(self) -> PersonQuerySet:
        """Persons not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(SealedModel):
    given_name = EncryptedCharField(_("given name (original script)"), max_length=200)
    family_name = EncryptedCharField(_("family name (original script)"), max_length=200, blank=True)
    given_name_latin = EncryptedCharField(_("given name in Latin letters"), max_length=200, blank=True)
    family_name_latin = EncryptedCharField(_("family name in Latin letters"), max_length=200, blank=True)
    aliases = EncryptedJSONField(
        _("aliases and other spellings"), default=list, blank=True, validators=[limits.ListLimit(20, 200)]
    )
    gender = models.CharField(
        _("sex / gender"), max_length=32, choices=Gender.choices, default=Gender.UNKNOWN
    )
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    estimated_age = EncryptedIntegerField(
        _("estimated age (if birth date unknown)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(130)],
    )  # fmt: skip
    is_minor = models.BooleanField(_("minor (under 18)"), default=False)
    # The age group in clear, for statistics (docs/SECURITY.md): set by save() from the date of birth
    # or the estimated age, as on the day they were saved; "" when neither is known.
    age_band = models.CharField(
        _("age group"), max_length=8, choices=AgeBand.choices, blank=True, db_index=True, editable=False
    )
    citizenships = models.JSONField(_("citizenships"), default=list, blank=True, validators=[limits.CODES])
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[limits.CODES])
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # The id of the person's own data key in the person key store (ostoja/vault/personkeys.py),
    # which seals every protected value about them; erasure destroys the key.
    data_key = models.CharField(max_length=16, blank=True, editable=False)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    # What the viewer may do with the person (a cases.access.Access): set by the access helpers.
    access: Any

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        # Never used in logs: only templates shown to people allowed to see the name.
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._set_age_band(kwargs)
        if self.erased_at is None and not self.data_key:
            self.vault_key_id()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "data_key"}
        super().save(*args, **kwargs)

    def _set_age_band(self, kwargs: dict[str, Any]) -> None:
        """The one place the age group is set: whenever the date of birth or the estimated age is saved."""
        fields = kwargs.get("update_fields")
        ages = {"date_of_birth", "estimated_age"}
        if fields is not None and not ages & set(fields):
            return
        if ages & self.get_deferred_fields():
            return
        from django.utils import timezone

        self.age_band = age_band_of(self.date_of_birth, self.estimated_age, timezone.localdate())
        if fields is not None:
            kwargs["update_fields"] = {*fields, "age_band"}

    def vault_key_id(self) -> str | None:
        """The person's own data key (made on first use); none once the person has been erased."""
        if self.erased_at is not None:
            return None
        if not self.data_key:
            self.data_key = personkeys.create()
        return self.data_key

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return str(_("erased person"))
        original = " ".join(p for p in (self.given_name, self.family_name) if p)
        latin = " ".join(p for p in (self.given_name_latin, self.family_name_latin) if p)
        if latin and latin != original:
            return f"{original} ({latin})"
        return original

    def name_variants(self) -> list[str]:
        """Every spelling of the full name that search and the duplicate check should know."""
        names = [
            " ".join(p for p in (self.given_name, self.family_name) if p),
            " ".join(p for p in (self.given_name_latin, self.family_name_latin) if p),
            *[a for a in (self.aliases or []) if isinstance(a, str)],
        ]
        return [n for n in names if n.strip()]


class ContactChannel(SealedModel):
    vault_owner = ("person",)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("channel"), max_length=16, choices=ChannelKind.choices)
    value = EncryptedCharField(_("number or address"), max_length=300)
    safety = models.CharField(
        _("safe to use?"), max_length=16, choices=Safety.choices, default=Safety.UNKNOWN
    )
    safe_hours = EncryptedCharField(_("safe hours"), max_length=200, blank=True)
    code_word = EncryptedCharField(_("code word"), max_length=100, blank=True)
    notes = EncryptedTextField(_("notes"), max_length=limits.SHORT, blank=True)

    class Meta:
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")

    def __str__(self) -> str:
        return self.get_kind_display()


class IdentityDocument(SealedModel):
    vault_owner = ("person",)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=32, choices=DocumentKind.choices)
    number = EncryptedCharField(_("number"), max_length=100, blank=True)
    issuing_country = models.CharField(_("issuing country (ISO 3166)"), max_length=2, blank=True)
    status = models.CharField(
        _("where is it?"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.UNKNOWN
    )
    notes = EncryptedTextField(_("notes"), max_length=limits.SHORT, blank=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return self.get_kind_display()


class SafeContactProtocol(SealedModel):
    """How to reach the person without putting them in danger: shown before anyone contacts them."""

    vault_owner = ("person",)
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="protocol")
    channel = models.ForeignKey(
        ContactChannel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("channel to use"),
    )
    when = EncryptedCharField(_("when to contact"), max_length=300, blank=True)
    if_someone_else_answers = EncryptedTextField(
        _("what to say if someone else answers"), max_length=limits.SHORT, blank=True
    )
    messages = models.CharField(
        _("leaving messages"), max_length=16, choices=Messages.choices, default=Messages.UNKNOWN
    )
    other_instructions = EncryptedTextField(
        _("other instructions"), max_length=limits.INSTRUCTIONS, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("safe-contact protocol")

    def __str__(self) -> str:
        return str(_("safe-contact protocol"))


class PersonPhoto(SealedModel):
    """An optional photo: a re-encoded JPEG without metadata, stored encrypted (see people/photos.py)."""

    vault_owner = ("person",)
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="photo")
    jpeg = EncryptedTextField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("photo")

    def __str__(self) -> str:
        return str(_("photo"))


class SearchToken(models.Model):
    """Blind-index tokens: the only searchable trace of encrypted names, phones, documents, birth dates.

    One row per (person, kind, token). The index on (kind, token) makes every search an indexed
    lookup, whatever the number of persons.
    """

    class Kind(models.TextChoices):
        NAME = "name"
        PHONE = "phone"
        DOCUMENT = "doc"
        BIRTH = "birth"

    # No separate index on person: the (person, kind) index below serves every lookup by person.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_tokens", db_index=False)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "token", "person"], name="people_token_unique")
        ]
        indexes = [models.Index(fields=["person", "kind"], name="people_token_person")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.token[:8]}…"
