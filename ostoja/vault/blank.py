"""Blanking the encrypted values of rows: what erasure leaves in the rows it keeps.

An erased person's rows that statistics still count (a case, a contact, a screening) stay, with
their plain codes and dates; each of their encrypted values is replaced by the empty value of its
field (``None`` where the field allows it, else ``""``, ``[]`` or the field's default), sealed under
the key ring for its row, so the row still loads. Writes go straight to the columns, like rotation:
no model is saved, no signal fires, no version or timestamp changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import TextField, Value

from ostoja.vault.crypto import encrypt
from ostoja.vault.fields import EncryptedField, EncryptedJSONField

__all__ = ["blank_rows", "empty_value"]


def empty_value(field: EncryptedField) -> Any:
    """What an erased value of ``field`` becomes."""
    if field.null:
        return None
    if field.has_default():
        return field.get_default()
    return [] if isinstance(field, EncryptedJSONField) else ""


def _token(field: EncryptedField, pk: Any) -> str | None:
    value = empty_value(field)
    return None if value is None else encrypt(field.to_bytes(value), aad=field.aad_for(pk))


def blank_rows(queryset: models.QuerySet, fields: Iterable[str] | None = None) -> int:
    """Blanks the encrypted fields (all, or those named) of every row of ``queryset``; returns how many values."""
    model = queryset.model
    chosen = [
        f
        for f in model._meta.local_concrete_fields
        if isinstance(f, EncryptedField) and (fields is None or f.name in fields)
    ]
    if not chosen:
        return 0
    manager = model._base_manager.db_manager(queryset.db)
    count = 0
    for pk in list(queryset.order_by().values_list("pk", flat=True)):
        manager.filter(pk=pk).update(
            **{f.attname: Value(_token(f, pk), output_field=TextField()) for f in chosen}
        )
        count += len(chosen)
    return count
