"""The code lists of the ministry's questionnaire that the case manager completes (``QuestionnaireAnswers``).

Each list ends with "not known", which is an answer: a questionnaire is complete when every question
has one. Countries are ISO 3166 codes, with ``ZZ`` for a country not known.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

COUNTRY_NOT_KNOWN = "ZZ"


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    PARTNER = "partner", _("In an informal relationship")
    SEPARATED = "separated", _("Divorced or separated")
    WIDOWED = "widowed", _("Widowed")
    NOT_KNOWN = "not_known", _("Not known")


class Occupation(models.TextChoices):
    EMPLOYED = "employed", _("Working")
    UNEMPLOYED = "unemployed", _("Unemployed")
    LEARNING = "learning", _("At school or studying")
    HOME = "home", _("Looking after the home or family")
    OTHER = "other", _("Other occupation")
    NOT_KNOWN = "not_known", _("Not known")


class Offer(models.TextChoices):
    WORK = "work", _("A job")
    MARRIAGE = "marriage", _("Marriage or a relationship")
    STUDY = "study", _("Study or training")
    TRAVEL = "travel", _("Travel or a stay abroad")
    HELP = "help", _("Help or shelter")
    NONE = "none", _("No offer (force or abduction)")
    OTHER = "other", _("Another offer")
    NOT_KNOWN = "not_known", _("Not known")


class Transport(models.TextChoices):
    ROAD = "road", _("By road (car, bus, van)")
    AIR = "air", _("By air")
    RAIL = "rail", _("By rail")
    SEA = "sea", _("By sea")
    SEVERAL = "several", _("Several means of transport")
    NO_JOURNEY = "no_journey", _("No journey (exploited where the person lived)")
    NOT_KNOWN = "not_known", _("Not known")


class Release(models.TextChoices):
    ESCAPED = "escaped", _("Escaped alone")
    POLICE = "police", _("Freed by the police or the Border Guard")
    ORGANISATION = "organisation", _("Helped out by an organisation")
    RELATIVES = "relatives", _("Helped out by family or friends")
    LET_GO = "let_go", _("Let go by the perpetrators")
    OTHER = "other", _("Another way")
    NOT_KNOWN = "not_known", _("Not known")


class ResidenceStatus(models.TextChoices):
    NOT_FOREIGNER = "not_foreigner", _("Not a foreigner (Polish citizen)")
    EU = "eu", _("Citizen of the EU or EEA")
    LEGAL = "legal", _("Legal stay (visa, permit, visa-free)")
    IRREGULAR = "irregular", _("Irregular stay")
    PROTECTION = "protection", _("Applying for or granted international protection")
    NOT_KNOWN = "not_known", _("Not known")


class Testified(models.TextChoices):
    YES = "yes", _("Testified")
    NO = "no", _("Did not testify")
    REFUSED = "refused", _("Refused to testify")
    PENDING = "pending", _("Not yet: proceedings under way")
    NOT_KNOWN = "not_known", _("Not known")
