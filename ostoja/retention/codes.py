"""The codes of the retention review and of the person's own copy, each with its label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What happens to a record at the end of its period."""

    ERASE = "erase", _("Erase")
    ANONYMISE = "anonymise", _("Anonymise")
    REVIEW = "review", _("Review")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    POSTPONED = "postponed", _("Postponed")
    SCHEDULED = "scheduled", _("Left to run tonight")
    DONE = "done", _("Carried out")
    GONE = "gone", _("No longer due")


# Still on the supervisor's list: not yet carried out nor gone.
OPEN_STATUSES = (ItemStatus.PENDING, ItemStatus.POSTPONED, ItemStatus.SCHEDULED)


class Decision(models.TextChoices):
    CONFIRM = "confirm", _("Confirm: carry it out now")
    RUN = "run", _("Let it run: carried out tonight by the background job")
    POSTPONE = "postpone", _("Postpone until a date")


class PostponeReason(models.TextChoices):
    PROCEEDINGS = "proceedings", _("Ongoing proceedings (criminal, civil or administrative)")
    MINOR = "minor", _("The person is or was a minor")
    PERSON_ASKED = "person_asked", _("The person asked us to keep it")
    COMPLAINT = "complaint", _("A complaint or a claim is pending")
    OTHER = "other", _("Another reason (written below)")


class CopyStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class CopyLanguage(models.TextChoices):
    """The languages a person's own copy is written in: those with complete staff texts."""

    PL = "pl", _("Polish")
    EN = "en", _("English")


class HandOver(models.TextChoices):
    """Why a copy is downloaded: the purpose recorded in the audit log."""

    IN_PERSON = "in_person", _("To give to the person, in person")
    SECURE_MAIL = "secure_mail", _("To send to the person by a channel they chose as safe")
    REPRESENTATIVE = (
        "representative",
        _("To give to the person's lawyer or guardian, with their written authorisation"),
    )
    AUTHORITY = "authority", _("For the data protection authority (UODO), at its request")
    CHECK = "check", _("To check the copy before it is handed over")


class CopyFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    JSON = "json", "JSON"
