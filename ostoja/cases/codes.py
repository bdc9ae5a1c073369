"""Code lists for cases (HTCDS ``cas_`` and the centre's own phases)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    SUPPORT = "support", _("Support for a victim")
    CONSULTATION = "consultation", _("Consultation only")
    HOTLINE = "hotline", _("Hotline only")


class Phase(models.TextChoices):
    BEFORE_RETURN = "before_return", _("Before return to Poland")
    AFTER_RETURN = "after_return", _("After return to Poland")
    FOREIGNER_IN_POLAND = "foreigner_in_poland", _("Foreigner in Poland")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    CLOSED_REFERRED = "closed_referred", _("Closed — referred")


CLOSED_STATUSES = {Status.CLOSED, Status.CLOSED_REFERRED}


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Support goals met")
    PERSON_DECLINED = "person_declined", _("The person declined further support")
    CONTACT_LOST = "contact_lost", _("Contact lost")
    REFERRED = "referred", _("Referred to another organisation")
    RETURNED_HOME = "returned_home", _("Returned to the country of origin")
    NOT_TRAFFICKING = "not_trafficking", _("Not a trafficking case")
    OTHER = "other", _("Other")


class RiskFlag(models.TextChoices):
    TRAFFICKER_CONTACT = "trafficker_contact", _("Traffickers may still be in contact")
    PHONE_MONITORED = "phone_monitored", _("Phone may be monitored")
    MINOR = "minor", _("Minor")
    HEALTH = "health", _("Urgent health needs")
    SUICIDE_RISK = "suicide_risk", _("Risk of self-harm")
    NO_SAFE_HOUSING = "no_safe_housing", _("No safe place to stay")
    FAMILY_THREATENED = "family_threatened", _("Family threatened")
