"""Who changed which field of a person or case, when, from what to what.

Old and new values may be identifying or sensitive, so both are encrypted like the fields themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostoja.vault.fields import EncryptedTextField, SealedModel


class FieldChange(SealedModel):
    object_type = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    field = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    old_value = EncryptedTextField(blank=True, editable=False)
    new_value = EncryptedTextField(blank=True, editable=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("field change")
        indexes = [models.Index(fields=["object_type", "object_id", "changed_at"], name="history_object")]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id}.{self.field}"

    @classmethod
    def vault_rows_of(cls, persons: models.QuerySet) -> Q:
        """The changes of these persons and of their cases (sealed under their keys, see services)."""
        return Q(object_type="person", object_id__in=persons.values("pk")) | Q(
            object_type="case", object_id__in=persons.filter(cases__isnull=False).values("cases")
        )
