"""Kinds of places, of stays and why a stay ended: codes stored, words shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlaceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    SAFE_FLAT = "safe_flat", _("Safe flat")
    PARTNER_HOSTEL = "partner_hostel", _("Partner hostel")


class StayKind(models.TextChoices):
    CRISIS_NIGHT = "crisis_night", _("Crisis night")
    SHORT_TERM = "short_term", _("Short-term stay")
    LONG_TERM = "long_term", _("Long-term stay")


class EndReason(models.TextChoices):
    PLANNED = "planned", _("The planned stay ended")
    OWN_HOME = "own_home", _("Moved to a home of their own or of family")
    OTHER_PLACE = "other_place", _("Moved to another place")
    RETURN = "return", _("Returned to the country of origin")
    SAFETY = "safety", _("Moved because the place was no longer safe")
    LEFT = "left", _("Left of their own accord")
    RULES = "rules", _("Asked to leave (house rules)")
    OTHER = "other", pgettext_lazy("end of a stay", "Other")
