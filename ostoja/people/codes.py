"""Code lists for persons, aligned with HTCDS (``prs_``) so exports map cleanly."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMININE = "feminine", _("Woman")
    MASCULINE = "masculine", _("Man")
    TRANS_FEMININE = "transgender_feminine", _("Trans woman")
    TRANS_MASCULINE = "transgender_masculine", _("Trans man")
    NON_CONFORMING = "non_conforming", _("Non-binary / gender non-conforming")
    UNKNOWN = "unknown", _("Not specified / unknown")


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    POSTAL = "postal", _("Postal address")
    MESSENGER = "messenger", _("Messenger")


class Safety(models.TextChoices):
    SAFE = "safe", _("Safe to use")
    UNSAFE = "unsafe", _("Not safe — do not use")
    UNKNOWN = "unknown", _("Not known yet")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    ID_CARD = "id_card", _("Identity card")
    RESIDENCE_CARD = "residence_card", _("Residence card")
    VISA = "visa", _("Visa")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    OTHER = "other", _("Other document")


class DocumentStatus(models.TextChoices):
    HELD = "held", _("Held by the person")
    LOST = "lost", _("Lost or destroyed")
    HELD_BY_OTHER = "held_by_other", _("Held by someone else")
    UNKNOWN = "unknown", _("Unknown")


class Messages(models.TextChoices):
    SAFE = "yes", _("Leaving messages is safe")
    UNSAFE = "no", _("Never leave messages")
    UNKNOWN = "unknown", _("Not known — do not leave messages")
