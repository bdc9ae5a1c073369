"""Model fields whose values are stored encrypted (see :mod:`ostoja.vault.crypto`).

Each field keeps the Python behaviour and the form field of its plain Django counterpart, but its
database column is always TEXT holding a token ``v1:<key id>:...``. Values are sealed when written
and opened when loaded (``from_db_value``), so a wrong or missing key fails the query that loads the
row instead of showing ciphertext or a blank. ``None`` is stored as SQL NULL; every other value,
``""`` and ``0`` included, is stored as a token, so "empty" and "unknown" stay different.

Every value is bound to its column: the associated data is ``"<app_label>.<model>.<field name>"``.
Renaming the model, the app label or the field therefore makes the stored values unreadable. Pass
``binding=`` with the old name when renaming, and the values keep opening.

The database cannot compare ciphertexts, so every lookup except ``isnull`` is refused with an error
instead of silently matching nothing; search goes through blind indexes (:mod:`ostoja.vault.blind`).
For the same reason unique constraints, indexes, database defaults and collations are rejected by
``manage.py check``.
"""

from __future__ import annotations

import datetime
import json
from functools import cached_property
from typing import Any

from django import forms
from django.core import checks
from django.core.exceptions import FieldError, ValidationError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from ostoja.vault.crypto import DecryptionError, decrypt, encrypt

__all__ = [
    "EncryptedCharField",
    "EncryptedDateField",
    "EncryptedField",
    "EncryptedIntegerField",
    "EncryptedJSONField",
    "EncryptedTextField",
]


class EncryptedField(models.Field):
    """Common behaviour: TEXT column, sealing on write, opening on load, no lookups but ``isnull``.

    Subclasses name a plain Django field as their second base and implement :meth:`to_bytes` and
    :meth:`from_bytes` for their Python type.
    """

    def __init__(self, *args: Any, binding: str | None = None, **kwargs: Any) -> None:
        self.binding = binding
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if self.binding is not None:
            kwargs["binding"] = self.binding
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        # The column holds a token whatever the Python type, and no backend converter may touch it.
        return "TextField"

    @property
    def aad(self) -> bytes:
        """The associated data binding each value to this column."""
        if self.binding is not None:
            return self.binding.encode("utf-8")
        model = getattr(self, "model", None)
        if model is None:
            raise FieldError("An encrypted field can seal values only once it belongs to a model.")
        return f"{model._meta.label_lower}.{self.name}".encode()

    def to_bytes(self, value: Any) -> bytes:
        """The plaintext bytes of a Python value; each concrete field defines its encoding."""
        raise NotImplementedError(f"{type(self).__name__} does not define how its values are encoded.")

    def from_bytes(self, data: bytes) -> Any:
        """The Python value of decrypted bytes, the inverse of :meth:`to_bytes`."""
        raise NotImplementedError(f"{type(self).__name__} does not define how its values are decoded.")

    def from_db_value(self, value: str | None, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        if value is None:
            return None
        plaintext = decrypt(value, aad=self.aad)
        try:
            return self.from_bytes(plaintext)
        except (ValueError, TypeError):
            raise DecryptionError(
                f"A value of {self.model._meta.label}.{self.name} opened but is not a valid value of its type."
            ) from None

    def get_db_prep_value(self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        return encrypt(self.to_bytes(value), aad=self.aad)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(self._refusal(lookup_name))

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(self._refusal(lookup_name))

    def _refusal(self, lookup_name: str) -> str:
        where = f"{self.model._meta.label}.{self.name}" if hasattr(self, "model") else self.name
        return (
            f"{where} is encrypted: the database cannot evaluate '__{lookup_name}' on it. "
            "Only '__isnull' works; search through the blind index tokens of ostoja.vault.blind."
        )

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        return [*super().check(**kwargs), *self._check_encryption_options()]

    def _check_encryption_options(self) -> list[checks.CheckMessage]:
        problems = []
        if self.primary_key:
            problems.append(("primary_key=True", "vault.E001"))
        if self.unique:
            problems.append(("unique=True", "vault.E002"))
        if self.db_index:
            problems.append(("db_index=True", "vault.E003"))
        if self.has_db_default():
            problems.append(("db_default", "vault.E004"))
        if getattr(self, "db_collation", None):
            problems.append(("db_collation", "vault.E005"))
        return [
            checks.Error(
                f"An encrypted field cannot use {option}.",
                hint="Ciphertext is random per value: the database can neither index, compare nor "
                "default it without storing plaintext. Use a blind index for uniqueness and search.",
                obj=self,
                id=check_id,
            )
            for option, check_id in problems
        ]


class EncryptedTextField(EncryptedField, models.TextField):
    """Free text (notes, descriptions), stored encrypted."""

    description = _("Text (encrypted)")

    def to_bytes(self, value: str) -> bytes:
        return value.encode("utf-8")

    def from_bytes(self, data: bytes) -> str:
        return data.decode("utf-8")


class EncryptedCharField(EncryptedField, models.CharField):
    """Short text (names, numbers of documents); ``max_length`` limits forms and validation only."""

    description = _("String (encrypted)")

    def to_bytes(self, value: str) -> bytes:
        return value.encode("utf-8")

    def from_bytes(self, data: bytes) -> str:
        return data.decode("utf-8")


class EncryptedDateField(EncryptedField, models.DateField):
    """A calendar date (birth date), stored encrypted as ISO 8601 text."""

    description = _("Date (encrypted)")

    def contribute_to_class(self, cls: type[models.Model], name: str, **kwargs: Any) -> None:
        # Skip DateField's get_next_by_*/get_previous_by_* methods: they order by the column, and
        # the column holds ciphertext.
        models.Field.contribute_to_class(self, cls, name, **kwargs)

    def to_bytes(self, value: datetime.date) -> bytes:
        return value.isoformat().encode("ascii")

    def from_bytes(self, data: bytes) -> datetime.date:
        return datetime.date.fromisoformat(data.decode("ascii"))


class EncryptedIntegerField(EncryptedField, models.IntegerField):
    """A whole number, stored encrypted as decimal text."""

    description = _("Integer (encrypted)")

    @cached_property
    def validators(self) -> list[Any]:
        # IntegerField adds range validators for its column type; a text column has no range.
        return [*self.default_validators, *self._validators]

    def to_bytes(self, value: int) -> bytes:
        return str(value).encode("ascii")

    def from_bytes(self, data: bytes) -> int:
        return int(data.decode("ascii"))


class EncryptedJSONField(EncryptedField):
    """A list or dict (e.g. languages spoken, aliases), stored encrypted as compact JSON.

    ``None`` is SQL NULL; a JSON ``null`` cannot be stored apart from it.
    """

    description = _("JSON (encrypted)")
    empty_strings_allowed = False
    default_error_messages = {"invalid": _("Value must be valid JSON.")}

    def to_python(self, value: Any) -> Any:
        return value

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        try:
            self.to_bytes(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def to_bytes(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")

    def from_bytes(self, data: bytes) -> Any:
        return json.loads(data.decode("utf-8"))

    def value_to_string(self, obj: models.Model) -> Any:
        return self.value_from_object(obj)

    def formfield(self, **kwargs: Any) -> forms.Field:
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})
