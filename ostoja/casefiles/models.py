"""The case file: attachments (stored encrypted) and the documents the person is having restored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.casefiles.codes import AttachmentKind, DocumentKind, FileType, Level, PaidBy, RestoreStatus
from ostoja.cases.models import Case
from ostoja.vault.fields import EncryptedCharField, EncryptedTextField, SealedModel

# The stored file is base64 inside the encrypted token: room for uploads up to 30 MB (the setting
# OSTOJA_ATTACHMENT_MAX_BYTES, 10 MB by default, is the real limit and is checked before saving).
STORED_MAX = 42 * 1024 * 1024


class Attachment(SealedModel):
    """A file on a case (a scan, a letter, a decision, a medical certificate).

    What the file is, its size and who may read it are plain columns (lists and the timeline read
    only these); its title and name are encrypted, and its content is in ``AttachmentContent``,
    encrypted with the vault's keys, loaded only by a download.
    """

    vault_owner = ("case.person",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    kind = models.CharField(_("kind of document"), max_length=16, choices=AttachmentKind.choices)
    level = models.CharField(_("who may read it"), max_length=8, choices=Level.choices, default=Level.CASE)
    title = EncryptedCharField(_("title"), max_length=limits.LINE)
    filename = EncryptedCharField(_("file name"), max_length=limits.LINE, editable=False)
    file_type = models.CharField(_("type of file"), max_length=8, choices=FileType.choices, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["case", "-uploaded_at"], name="casefiles_attachment_case")]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class AttachmentContent(SealedModel):
    """The bytes of an attachment, base64 in an encrypted token bound to this row."""

    vault_owner = ("attachment.case.person",)

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="content")
    data = EncryptedTextField(max_length=STORED_MAX, editable=False)


class DocumentRestoration(SealedModel):
    """A document the person needs back (traffickers took or destroyed it): where it is applied for,
    who pays, and when it is expected; an expected date that passes makes a task."""

    vault_owner = ("case.person",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="document_restorations", verbose_name=_("case")
    )
    document = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    country = models.CharField(_("issuing country"), max_length=2)
    authority = EncryptedCharField(_("issuing authority"), max_length=limits.LINE, blank=True)
    applied_where = EncryptedCharField(
        _("where applied"), max_length=limits.LINE, blank=True,
        help_text=_("The consulate, office or embassy where the application was made."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=RestoreStatus.choices, default=RestoreStatus.TO_APPLY
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    fee = models.DecimalField(_("fee (PLN)"), max_digits=10, decimal_places=2, null=True, blank=True)
    paid_by = models.CharField(_("fee paid by"), max_length=10, choices=PaidBy.choices, blank=True)
    expected_on = models.DateField(_("expected on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), max_length=limits.SHORT, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document to restore")
        verbose_name_plural = _("documents to restore")
        indexes = [
            models.Index(fields=["case", "-created_at"], name="casefiles_document_case"),
            # The daily job: documents still waited for whose expected date has passed.
            models.Index(
                fields=["expected_on"],
                condition=Q(status__in=["to_apply", "applied", "ready"]),
                name="casefiles_document_waiting",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_document_display())

    @property
    def task_source(self) -> str:
        """The overdue task's source: once per document and expected date (a new date, a new task)."""
        return f"document_restoration:{self.pk}:{self.expected_on.isoformat() if self.expected_on else ''}"
