"""Code lists of needs and safety assessments (HTCDS-style needs domains and risk objects)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedDomain(models.TextChoices):
    SAFETY = "safety", _("Safety")
    ACCOMMODATION = "accommodation", _("Accommodation")
    BASIC_NEEDS = "basic_needs", _("Food and basic needs")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEGAL = "legal", _("Legal matters")
    DOCUMENTS = "documents", _("Documents")
    MONEY = "money", _("Money and debts")
    FAMILY = "family", _("Family and children")
    WORK = "work", _("Work and education")
    FUTURE = "future", _("Return or integration")


class Severity(models.IntegerChoices):
    NONE = 0, _("No need")
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class AssessmentKind(models.TextChoices):
    INITIAL = "initial", _("Initial needs assessment")
    FULL = "full", _("Full needs assessment")


class Mode(models.TextChoices):
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")


class AtRisk(models.TextChoices):
    PERSON = "person", _("The person")
    CHILDREN = "children", _("Their children")
    FAMILY = "family", _("Family at home")
    WITNESSES = "witnesses", _("Witnesses")
    STAFF = "staff", _("Staff")


class Threat(models.TextChoices):
    TRAFFICKER_CONTACT = "trafficker_contact", _("Traffickers are in contact")
    KNOW_WHEREABOUTS = "know_whereabouts", _("Traffickers know where the person is")
    DEBT = "debt", _("Debt to the traffickers")
    FAMILY_THREATS = "family_threats", _("Threats to the family")
    RE_TRAFFICKING = "re_trafficking", _("Risk of re-trafficking")
    SELF_HARM = "self_harm", _("Self-harm")
    VIOLENCE = "violence", _("Violence or retaliation")
    OTHER = "other", _("Another threat")


class Rating(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low risk")
    MEDIUM = "medium", _("Medium risk")
    HIGH = "high", _("High risk")
