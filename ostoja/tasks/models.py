"""Tasks: something someone has to do on a case by a date. Any app creates them (``services.task_create``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.cases.models import Case
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.vault.fields import EncryptedTextField, SealedModel


class Task(SealedModel):
    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("case"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind of task"), max_length=16, choices=TaskKind.choices)
    # What to do, in the words of whoever set the task (may name the person: encrypted).
    details = EncryptedTextField(_("what to do"), max_length=limits.SHORT, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    # The record that made the task ("safety_assessment:12"): a job that runs again creates it once.
    source = models.CharField(max_length=60, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(fields=["source"], condition=~Q(source=""), name="tasks_source_once"),
        ]
        indexes = [
            # A worker's open tasks by due date; a case's open tasks.
            models.Index(fields=["owner", "status", "due_on"], name="tasks_owner_due"),
            models.Index(fields=["case", "status", "due_on"], name="tasks_case_due"),
            # The daily reminders: open tasks due by a date, whoever holds them.
            models.Index(fields=["due_on"], condition=Q(status="open"), name="tasks_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case})"

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN
