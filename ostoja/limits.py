"""How long a text may be: every free text has a limit that fits its purpose.

A limit is a ``max_length`` on the model field. It reaches the form (the form field gets the same
``max_length`` and says so next to the field, in the user's language), it is checked by
``full_clean``, and it is enforced again when the record is saved (:func:`enforce`), so no path —
a form, a service, an import — can put more into the database. The columns of encrypted fields
hold ciphertext, so the database itself cannot check them; for plain text columns it cannot either.

Lists stored as JSON (codes, aliases) have limits too: :class:`ListLimit`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# One line: when to call, safe hours, a place.
LINE = 300
# A few sentences: notes on a channel or a document, who else takes part, how to reach a reporter.
SHORT = 1_000
# Instructions and short accounts: the safe-contact protocol, closing notes, reviews, reasons.
INSTRUCTIONS = 2_000
# An account of one event: a call's summary, what was done, a meeting's outcome, grounds of a decision.
ACCOUNT = 5_000
# A long account: case notes, notes taken during a screening (about eight printed pages).
NOTE = 20_000


def enforce(field: models.Field, value: Any) -> None:
    """Raises ValidationError (for the field) when ``value`` is longer than the field allows."""
    if field.max_length is not None and isinstance(value, str) and len(value) > field.max_length:
        try:
            MaxLengthValidator(field.max_length)(value)
        except ValidationError as error:
            raise ValidationError({field.name: error.error_list}) from None


class Textarea(forms.Textarea):
    """A text area without the browser's ``maxlength``.

    The browser would cut a pasted text at the limit without a word; without the attribute the
    form comes back with the limit's message next to the field and every character typed kept.
    """

    def build_attrs(self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("maxlength", None)
        return attrs


class LimitedText:
    """For text model fields: ``max_length`` is validated by ``full_clean`` and enforced on save."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None and not any(
            isinstance(v, MaxLengthValidator) for v in self.validators
        ):
            self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs: Any) -> Any:
        if isinstance(self, models.TextField):
            kwargs.setdefault("widget", Textarea)
        return super().formfield(**kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        # The value as the model holds it, before an encrypted field turns it into ciphertext.
        enforce(self, getattr(model_instance, self.attname))
        return super().pre_save(model_instance, add)


class TextField(LimitedText, models.TextField):
    """A plain text column with a limit (``max_length`` is required)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("max_length") is None:
            raise TypeError("Give every text field a max_length that fits its purpose (see ostoja.limits).")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        # The column is a plain TEXT column: migrations know it as one.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


@deconstructible
class ListLimit:
    """A list stored as JSON: at most ``items`` entries, each a text of at most ``length`` characters."""

    def __init__(self, items: int, length: int) -> None:
        self.items, self.length = items, length

    def __call__(self, value: Any) -> None:
        if value in (None, ""):
            return
        if not isinstance(value, list | tuple):
            raise ValidationError(_("Expected a list."), code="invalid")
        if len(value) > self.items:
            raise ValidationError(
                ngettext_lazy("At most %(limit)d entry.", "At most %(limit)d entries.", "limit"),
                code="max_items",
                params={"limit": self.items},
            )
        for item in value:
            if not isinstance(item, str):
                raise ValidationError(_("Expected a list of texts."), code="invalid")
            if len(item) > self.length:
                raise ValidationError(
                    ngettext_lazy(
                        "Each entry has at most %(limit)d character.",
                        "Each entry has at most %(limit)d characters.",
                        "limit",
                    ),
                    code="max_length",
                    params={"limit": self.length},
                )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ListLimit) and (self.items, self.length) == (other.items, other.length)


# Codes chosen from a list (countries, languages, flags, needs, profile codes).
CODES = ListLimit(items=60, length=40)
