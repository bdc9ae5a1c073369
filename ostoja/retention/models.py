"""The retention review list and the person's own copies (subject access exports)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.people.models import Person
from ostoja.retention.codes import (
    CopyFormat,
    CopyLanguage,
    CopyStatus,
    Decision,
    HandOver,
    ItemStatus,
    PostponeReason,
)
from ostoja.vault.fields import EncryptedTextField, SealedModel

COPY_MAX = 100_000_000  # characters of base64: a file of about 75 MB


def kind_choices() -> list[tuple[str, object]]:
    """The retention schedule's kinds, from every app's plugin (read when shown)."""
    from ostoja import plugins

    return [(kind.code, kind.label) for kind in plugins.retention_kinds()]


class RetentionItem(SealedModel):
    """A record whose period has ended, on the supervisor's review list (once per record)."""

    kind = models.CharField(_("kind of record"), max_length=32, choices=kind_choices)
    object_id = models.BigIntegerField()
    started_on = models.DateField(_("period started"))
    due_on = models.DateField(_("due on"))
    listed_at = models.DateTimeField(_("listed"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    postponed_until = models.DateField(_("postponed until"), null=True, blank=True)
    postpone_reason = models.CharField(
        _("reason for postponing"), max_length=16, choices=PostponeReason.choices, blank=True
    )
    note = EncryptedTextField(_("the supervisor's note"), max_length=limits.SHORT, blank=True)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    done_at = models.DateTimeField(_("carried out"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("record due for retention review")
        verbose_name_plural = _("records due for retention review")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="retention_item_once")]
        indexes = [
            models.Index(fields=["status", "due_on", "id"], name="retention_item_list"),
            models.Index(
                fields=["postponed_until"], condition=Q(status="postponed"), name="retention_item_postponed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id}"


class SubjectCopy(SealedModel):
    """A person's own copy: everything the centre holds about them, as PDF and JSON (encrypted)."""

    vault_owner = ("person",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language of the copy"), max_length=8, choices=CopyLanguage.choices)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ordered_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=8, choices=CopyStatus.choices, default=CopyStatus.QUEUED
    )
    records = models.PositiveIntegerField(_("records"), default=0)
    pdf = EncryptedTextField(max_length=COPY_MAX, blank=True, editable=False)  # base64 of the PDF
    json = EncryptedTextField(max_length=COPY_MAX, blank=True, editable=False)
    expires_at = models.DateTimeField(_("can be downloaded until"))
    # The last download: why and as what (each one is in the audit log).
    handed_over_for = models.CharField(
        _("downloaded for"), max_length=16, choices=HandOver.choices, blank=True
    )
    handed_over_as = models.CharField(_("format"), max_length=4, choices=CopyFormat.choices, blank=True)

    class Meta:
        verbose_name = _("person's own copy")
        verbose_name_plural = _("persons' own copies")
        indexes = [models.Index(fields=["person", "-ordered_at"], name="retention_copy_person")]

    def __str__(self) -> str:
        return f"copy {self.pk} of person {self.person_id}"
