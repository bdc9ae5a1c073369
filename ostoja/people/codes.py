"""Code lists for persons, aligned with HTCDS (``prs_``) so exports map cleanly."""

from datetime import date

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


class AgeBand(models.TextChoices):
    """Coarse age groups, CTDC's bands (as in its k-anonymised data set): kept in clear for statistics
    so that no count decrypts a date of birth (docs/SECURITY.md)."""

    UNDER_9 = "0-8", _("0–8 years")
    FROM_9 = "9-17", _("9–17 years")
    FROM_18 = "18-20", _("18–20 years")
    FROM_21 = "21-23", _("21–23 years")
    FROM_24 = "24-26", _("24–26 years")
    FROM_27 = "27-29", _("27–29 years")
    FROM_30 = "30-38", _("30–38 years")
    FROM_39 = "39-47", _("39–47 years")
    FROM_48 = "48+", _("48 years and over")


MINOR_BANDS = frozenset({AgeBand.UNDER_9, AgeBand.FROM_9})
_BAND_STARTS = ((48, AgeBand.FROM_48), (39, AgeBand.FROM_39), (30, AgeBand.FROM_30), (27, AgeBand.FROM_27),
                (24, AgeBand.FROM_24), (21, AgeBand.FROM_21), (18, AgeBand.FROM_18), (9, AgeBand.FROM_9),
                (0, AgeBand.UNDER_9))  # fmt: skip


def age_band(age: int | None) -> str:
    """The band of an age in whole years; "" when the age is not known."""
    if age is None or age < 0:
        return ""
    return next(str(band) for start, band in _BAND_STARTS if age >= start)


def age_band_of(born: date | None, estimated_age: int | None, today: date) -> str:
    """The band of a person on ``today``: from the date of birth, else from the estimated age."""
    if born is not None:
        return age_band(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))
    return age_band(estimated_age)
