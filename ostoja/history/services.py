from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.text import capfirst

from ostoja.history.models import FieldChange
from ostoja.versions import shown


def display_value(instance: models.Model, name: str) -> str:
    """A field's value as people read it (the same as a conflicting edit shows it)."""
    return shown(instance, name)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str]:
    return {name: display_value(instance, name) for name in fields}


def record_changes(
    *, actor, object_type: str, object_id: int, instance: models.Model, before: dict[str, str]
) -> list[str]:
    """Writes one FieldChange per field whose shown value differs from ``before``; returns their names.

    The change is filed under the record people look it up by (``object_type`` #``object_id``),
    which is not always ``instance``: a person's safe-contact protocol is part of the person's
    history. ``object_id`` is therefore required, never taken from ``instance``.
    """
    if isinstance(object_id, bool) or not isinstance(object_id, int):
        raise TypeError("record_changes needs the id of the record the history belongs to.")
    after = snapshot(instance, before)
    changes = [
        FieldChange(
            object_type=object_type,
            object_id=object_id,
            field=name,
            label=str(instance._meta.get_field(name).verbose_name),
            old_value=before[name],
            new_value=after[name],
            changed_by=actor,
        )
        for name in before
        if before[name] != after[name]
    ]
    for change in changes:
        change.seal_as_part_of(instance)  # under the key of the person the record belongs to
    FieldChange.objects.bulk_create(changes)
    return [c.field for c in changes]


def history_of(*, object_type: str, object_id: int):
    return (
        FieldChange.objects.filter(object_type=object_type, object_id=object_id)
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")
    )


def readable(
    change: FieldChange, models_: Iterable[type[models.Model]], lists: dict | None = None
) -> tuple[str, str, str]:
    """(field label, before, after) of a change as the reader reads them, in the reader's language.

    A value was stored as its editor read it then: a choice's label in the editor's language, or,
    for a list of codes (risk flags), the codes themselves. Each is shown again as the label of its
    choice in the active language; anything else (a name, a date) as it was stored. ``models_`` are
    the models whose fields the history of that record holds (a person's holds their protocol's);
    ``lists`` the choices of the items of list fields (``{"risk_flags": RiskFlag.choices}``).
    """
    field = _field(change, models_)
    if field is None:
        return change.label, change.old_value, change.new_value
    choices = list(getattr(field, "flatchoices", None) or []) or list((lists or {}).get(change.field, ()))
    label = str(capfirst(field.verbose_name))
    if not choices:
        return label, change.old_value, change.new_value
    words = _words_of(tuple((str(value), label) for value, label in choices))
    return label, _relabel(change.old_value, words), _relabel(change.new_value, words)


def readable_label(change: FieldChange, models_: Iterable[type[models.Model]]) -> str:
    """The changed field's label in the reader's language (the stored one is in the editor's)."""
    field = _field(change, models_)
    return str(capfirst(field.verbose_name)) if field is not None else change.label


def _field(change: FieldChange, models_: Iterable[type[models.Model]]):
    for model in models_:
        try:
            return model._meta.get_field(change.field)
        except FieldDoesNotExist:
            continue
    return None


def _words_of(choices: tuple[tuple[str, object], ...]) -> dict[str, str]:
    """Every way a choice may have been stored (its code, its label in each staff language) -> its label now."""
    words: dict[str, str] = {}
    now = {value: str(label) for value, label in choices}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            words.update({str(label): now[value] for value, label in choices})
    words.update(now)  # a code wins over a label spelled like it
    return words


def _relabel(value: str, words: dict[str, str]) -> str:
    if not value:
        return value
    if value in words:
        return words[value]
    parts = value.split(", ")
    if all(part in words for part in parts):
        return ", ".join(words[part] for part in parts)
    return value
