from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Scope(models.TextChoices):
    PROCESSING = "processing", _("Processing of data by the centre")
    SHARING = "sharing", _("Sharing with a named partner for a purpose")
    CONTACT = "contact", _("Contact through a channel")
    PHOTO = "photo", _("Use of a photo")
    EXCHANGE = "exchange", _("Exchange of the case record with partners in the HTCDS standard")


# What an export asks consent for when it sends whole case records to partners (the HTCDS export):
# a consent of scope EXCHANGE; any other purpose asked is a partner service (a sharing consent).
EXCHANGE_PURPOSE = "partner_exchange"


class GivenHow(models.TextChoices):
    SPOKEN = "spoken", pgettext_lazy("consent", "Spoken")
    WRITTEN = "written", pgettext_lazy("consent", "Written")


class ShareItem(models.TextChoices):
    """What a referral may pass to a partner. A shelter's or any other address is never one of them."""

    NAME = "name", _("Name")
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth")
    CITIZENSHIP = "citizenship", _("Citizenship")
    LANGUAGES = "languages", _("Languages spoken")
    PHONE = "phone", _("Safe phone number")
    SITUATION = "situation", _("Summary of the situation written for the partner")
