"""The staff roles. A user may hold several; each is a Django group named by its code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DUTY_WORKER = "duty_worker", _("Duty worker")
    CASE_MANAGER = "case_manager", _("Case manager")
    SPECIALIST = "specialist", _("Specialist")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMINISTRATOR = "administrator", _("Administrator")


# Every staff role: for pages any member of staff may open (what they then see is decided per record).
STAFF: tuple[str, ...] = tuple(Role.values)


class Discipline(models.TextChoices):
    """A specialist's profession. Each keeps confidential material of its own (cases/access.py)."""

    PSYCHOLOGY = "psychology", _("Psychology")
    LEGAL = "legal", _("Legal advice")
    SOCIAL_WORK = "social_work", _("Social work")
