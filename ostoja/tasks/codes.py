"""What a task is about and where it stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskKind(models.TextChoices):
    REVIEW_DUE = "review_due", _("Review due")
    FOLLOW_UP = "follow_up", _("Follow-up after a contact")
    PLAN_ACTION = "plan_action", _("Plan action due")
    SAFETY_REVIEW = "safety_review", _("Safety review overdue")
    HEARING = "hearing", _("Hearing coming up")
    REFLECTION_END = "reflection_end", _("Reflection period ends")
    PERMIT_EXPIRY = "permit_expiry", _("Residence permit expires")
    DOCUMENT_DUE = "document_due", _("Document to restore overdue")
    OTHER = "other", _("Other task")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
