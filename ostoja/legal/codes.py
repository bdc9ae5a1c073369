"""The words of the person's legal position: proceedings, their decision, their right to stay."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProceedingRole(models.TextChoices):
    INJURED_PARTY = "injured_party", _("Injured party")
    WITNESS = "witness", _("Witness")
    BOTH = "both", _("Injured party and witness")


class Authority(models.TextChoices):
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border Guard")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    COURT = "court", _("Court")


class Stage(models.TextChoices):
    REPORTED = "reported", _("Reported, not opened yet")
    INVESTIGATION = "investigation", _("Preparatory proceedings")
    INDICTMENT = "indictment", _("Indictment filed")
    TRIAL = "trial", _("Trial at first instance")
    APPEAL = "appeal", _("Appeal")
    FINAL = "final", _("Judgment final")
    DISCONTINUED = "discontinued", _("Discontinued")


class HearingSupport(models.TextChoices):
    """Whether an interpreter or a companion goes with the person to a hearing."""

    NOT_NEEDED = "not_needed", _("Not needed")
    TO_ARRANGE = "to_arrange", _("Needed, not arranged yet")
    ARRANGED = "arranged", _("Arranged")


class Cooperation(models.TextChoices):
    COOPERATES = "cooperates", _("Cooperates with law enforcement")
    DECLINES = "declines", _("Does not want to cooperate")
    UNDECIDED = "undecided", _("Has not decided yet")


class ResidenceKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate of a presumed victim (reflection period)")
    PERMIT = "permit", _("Temporary residence permit for victims")


class ResidenceStatus(models.TextChoices):
    APPLIED = "applied", _("Applied for, pending")
    VALID = "valid", _("Issued")
    REFUSED = "refused", _("Refused")
    REPLACED = "replaced", _("Replaced by a later one")


class MatterKind(models.TextChoices):
    COMPENSATION = "compensation", _("Compensation claim")
    CUSTODY = "custody", _("Custody of a child")
    DIVORCE = "divorce", _("Divorce")
    ALIMONY = "alimony", _("Alimony")
    OTHER = "other", _("Other family-law matter")


class MatterStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    PENDING = "pending", _("Pending")
    DECIDED = "decided", _("Decided")
    DROPPED = "dropped", _("Withdrawn or dropped")
