"""Concurrent edits: a record that several people may edit carries a ``version``.

The edit form carries the version it was shown with (:class:`VersionField`, named ``version``). The
save claims the next version with one conditional UPDATE (:func:`claim`); the UPDATE takes the row
lock, so of two saves of the same version exactly one wins, also when both arrive at the same
instant, and the other raises :class:`StaleVersion`. Its view then shows the form again with what the
user typed, next to the values saved meanwhile (:func:`conflict`, shown by ```conflict.html```), and
the user saves again over the newer version. Nothing typed is lost, nothing is silently overwritten.

A record not yet saved is at version 0. This module imports no app, so every layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import forms
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

FIELD = "version"
MESSAGE = _("Someone else saved this record while you were editing. Compare below, then save again.")


class StaleVersion(Exception):
    """Someone else saved the record since the form was opened."""


class VersionField(forms.IntegerField):
    """The version the form was shown with."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


def version_of(instance: models.Model) -> int:
    """What the form shows: the record's version, 0 for one not yet saved."""
    return 0 if instance._state.adding else instance.version


def claim(instance: models.Model, expected: int | None) -> None:
    """Moves ``instance`` to the version after ``expected``, or raises StaleVersion.

    Call it inside the transaction that saves the record, before saving it: the row stays locked
    until that transaction ends. For a record not yet saved, ``expected`` must be 0; a concurrent
    creation of the same record is then refused by the record's own unique constraint.
    """
    expected = expected or 0
    if instance.pk is None or instance._state.adding:
        if expected != 0:
            raise StaleVersion
        instance.version = 1
        return
    manager = type(instance)._default_manager
    if not manager.filter(pk=instance.pk, version=expected).update(version=F(FIELD) + 1):
        raise StaleVersion
    instance.version = expected + 1


def save(instance: models.Model, expected: int | None, **save_kwargs) -> None:
    """Claims the next version (see :func:`claim`) and saves ``instance``.

    A record not yet saved is inserted; when someone created the same record meanwhile (its unique
    constraint refuses the insert), that is a StaleVersion too, not an error.
    """
    new = instance._state.adding
    claim(instance, expected)
    if not new:
        instance.save(**save_kwargs)
        return
    try:
        with transaction.atomic():
            instance.save(force_insert=True, **save_kwargs)
    except IntegrityError:
        raise StaleVersion from None


def shown(instance: models.Model, name: str) -> str:
    """A field's value as people read it: the label of a choice, the name of a related record."""
    field = instance._meta.get_field(name)
    if getattr(field, "choices", None):
        return str(getattr(instance, f"get_{name}_display")())
    value = getattr(instance, name)
    if value is None:
        return ""
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def conflict(
    form: forms.BaseForm,
    *,
    current: models.Model,
    fields: Iterable[str],
    make_form: Callable[[dict], forms.BaseForm] | None = None,
    message=MESSAGE,
) -> tuple[forms.BaseForm, dict]:
    """After StaleVersion: the user's input bound again over the record as now saved, and what it holds.

    The second value is what ```conflict.html``` shows: ``current`` (the values saved meanwhile, as
    shown to people) and ``labels`` (their field labels).

    ``make_form(data)`` builds the form again (by default the same form class over ``current``).
    The new form carries the saved version, so the next save goes through unless yet another
    save comes first.
    """
    fields = list(fields)
    # What is saved, read before the form is validated again: a model form's validation writes the
    # user's input onto its instance, and the conflict would then show the user's values as saved.
    saved = {name: shown(current, name) for name in fields}
    data = form.data.copy()
    data[form.add_prefix(FIELD)] = version_of(current)
    again = make_form(data) if make_form else type(form)(data, instance=current, prefix=form.prefix)
    again.is_valid()
    again.add_error(None, message)
    labels = {name: str(current._meta.get_field(name).verbose_name) for name in fields}
    return again, {"current": saved, "labels": labels}
