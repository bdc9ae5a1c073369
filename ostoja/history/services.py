from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from ostoja.history.models import FieldChange


def display_value(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    if getattr(field, "choices", None):
        return str(getattr(instance, f"get_{name}_display")())
    value = getattr(instance, name)
    if value is None:
        return ""
    if isinstance(field, models.ForeignKey):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str]:
    return {name: display_value(instance, name) for name in fields}


def record_changes(*, actor, object_type: str, instance: models.Model, before: dict[str, str]) -> list[str]:
    """Writes one FieldChange per field whose shown value differs from ``before``; returns their names."""
    after = snapshot(instance, before)
    changes = [
        FieldChange(
            object_type=object_type,
            object_id=instance.pk,
            field=name,
            label=str(instance._meta.get_field(name).verbose_name),
            old_value=before[name],
            new_value=after[name],
            changed_by=actor,
        )
        for name in before
        if before[name] != after[name]
    ]
    FieldChange.objects.bulk_create(changes)
    return [c.field for c in changes]


def history_of(*, object_type: str, object_id: int):
    return (
        FieldChange.objects.filter(object_type=object_type, object_id=object_id)
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")
    )
