"""Code lists for the hotline: contacts, interventions, the duty roster and meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    WEB_FORM = "web_form", _("Web form")
    MESSENGER = "messenger", _("Messenger")
    PARTNER = "partner", _("In person at a partner organisation")


class Direction(models.TextChoices):
    INCOMING = "in", _("Incoming")
    OUTGOING = "out", _("Outgoing")


class CallerKind(models.TextChoices):
    PERSON = "person", _("The person concerned")
    FAMILY = "family", _("Family or friend")
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border Guard")
    NGO = "ngo", _("NGO")
    EMPLOYER = "employer", _("Employer")
    CONSULATE = "consulate", _("Consulate or embassy")
    INSTITUTION = "institution", _("Other institution")
    WITNESS = "witness", _("Witness or member of the public")
    ANONYMOUS = "anonymous", _("Anonymous")
    OTHER = "other", pgettext_lazy("who contacted us", "Other")


class Topic(models.TextChoices):
    SUSPECTED_TRAFFICKING = "suspected_trafficking", _("Suspected trafficking")
    FORCED_LABOUR = "forced_labour", _("Forced labour / labour exploitation")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    BEFORE_RETURN = "before_return", _("Consultation before return to Poland")
    SAFETY = "safety", _("Safety and danger")
    SHELTER = "shelter", _("Shelter and accommodation")
    LEGAL = "legal", _("Legal question")
    HEALTH = "health", _("Health")
    DOCUMENTS = "documents", _("Documents")
    CASE_FOLLOW_UP = "case_follow_up", _("Follow-up of an existing case")
    ORGANISATION = "organisation", _("Consultation for an organisation")
    INFORMATION = "information", _("General information")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Within a day")
    URGENT = "urgent", _("Urgent — now")


class Source(models.TextChoices):
    STAFF = "staff", _("Logged by staff")
    WEB = "web", _("Report from the public site")
    TELEPHONY = "telephony", _("Call event from the telephone system")


# Languages the centre hears most; the form offers them first and "other" for the rest.
LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("be", _("Belarusian")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("vi", _("Vietnamese")),
    ("ka", _("Georgian")),
    ("uz", _("Uzbek")),
    ("ne", _("Nepali")),
    ("hi", _("Hindi")),
    ("tl", _("Filipino")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("ar", _("Arabic")),
    ("other", _("Other language")),
]


class Need(models.TextChoices):
    SAFETY = "safety", _("Safety / release")
    SHELTER = "shelter", _("Shelter tonight")
    FOOD = "food", _("Food")
    MEDICAL = "medical", _("Medical help")
    POLICE = "police", _("Police")
    TRANSPORT = "transport", _("Transport")
    INTERPRETER = "interpreter", _("Interpreter")


class InterventionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class TranslationStatus(models.TextChoices):
    ASKED = "asked", _("Asked, waiting for the translation")
    DONE = "done", _("Translated")


class Outcome(models.TextChoices):
    SAFE = "safe", _("Person safe")
    SHELTERED = "sheltered", _("Placed in a shelter")
    REFERRED = "referred", _("Referred to police or another service")
    NO_CONTACT = "no_contact", _("Contact lost")
    DECLINED = "declined", _("Person declined help")
    OTHER = "other", _("Other")


class ShiftKind(models.TextChoices):
    DUTY = "duty", _("Duty worker")
    SUPERVISOR = "supervisor", _("Supervisor on call")


class SwapStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class PlaceKind(models.TextChoices):
    OFFICE = "office", _("The centre's office")
    NEUTRAL = "neutral", _("Neutral place")
    SHELTER = "shelter", _("Shelter")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    MISSED = "missed", _("The person did not come")


class CallDirection(models.TextChoices):
    INBOUND = "inbound", pgettext_lazy("call", "Incoming")
    OUTBOUND = "outbound", pgettext_lazy("call", "Outgoing")
    MISSED = "missed", _("Missed")


class CallMatch(models.TextChoices):
    MATCHED = "matched", _("Matched to a person")
    SEVERAL = "several", _("Several persons have this number")
    NO_MATCH = "no_match", _("Number not known")
    UNMATCHED = "unmatched", _("Number format not recognised")
    WITHHELD = "withheld", _("Number withheld")


class CallStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a contact")
    LOGGED = "logged", _("Contact logged")
    DISMISSED = "dismissed", _("Dismissed")
