"""Model fields whose values are stored encrypted (see :mod:`ostoja.vault.crypto`).

Each field keeps the Python behaviour and the form field of its plain Django counterpart, but its
database column is always TEXT holding a token ``v2:<key id>:...``. ``None`` is stored as SQL NULL;
every other value, ``""`` and ``0`` included, is stored as a token, so "empty" and "unknown" stay
different.

**Every value is bound to its column and its row**: the associated data is
``"<app_label>.<model>.<field name>#<primary key>"``. A token copied into another column or another
row of the same column (one person's phone number into another's) does not open. Renaming the
model, the app label or the field therefore makes the stored values unreadable: pass ``binding=``
with the old name when renaming, and the values keep opening.

Binding to the row means a value is sealed and opened *with its row*:

* Models with encrypted fields derive from :class:`SealedModel` (``manage.py check`` says so). A new
  row gets its primary key from the database's sequence before it is written (``save()`` and
  ``bulk_create()`` alike), so that its values can be sealed for it in the same INSERT.
* Values are sealed in ``pre_save`` with the instance at hand, and opened when a row is loaded
  (``SealedModel.from_db``), so a wrong or missing key fails the query that loads the row instead of
  showing ciphertext or a blank.
* ``QuerySet.update()`` and ``bulk_update()`` of an encrypted field are refused: one value cannot be
  sealed for many rows. ``values()``/``values_list()`` of an encrypted field give :class:`Locked`
  placeholders that refuse to be shown; load instances instead.

**A person's data is sealed under the person's own key** (:mod:`ostoja.vault.personkeys`): a model
names, in ``vault_owner``, the paths of attributes that lead from a row to its owner (``("case.person",)``
for a note), and the owner's ``vault_key_id()`` gives the id of the key (a person gives their own; an
erased person none). Rows with no owner (a partner's consultation, the interpreters' list) are sealed
under the key ring. Opening needs nothing but the token, which names its key.

The database cannot compare ciphertexts, so every lookup except ``isnull`` is refused with an error
instead of silently matching nothing; search goes through blind indexes (:mod:`ostoja.vault.blind`).
For the same reason unique constraints, indexes, database defaults and collations are rejected by
``manage.py check``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Collection, Sequence
from functools import cached_property
from typing import Any, ClassVar, Self

from django import forms
from django.core import checks
from django.core.exceptions import FieldError, ObjectDoesNotExist, ValidationError
from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from ostoja.limits import LimitedText
from ostoja.vault import personkeys
from ostoja.vault.crypto import DecryptionError, decrypt, encrypt

__all__ = [
    "EncryptedCharField",
    "EncryptedDateField",
    "EncryptedField",
    "EncryptedIntegerField",
    "EncryptedJSONField",
    "EncryptedTextField",
    "Locked",
    "Sealed",
    "SealedModel",
    "allocate_pk",
]


class Sealed(str):
    """A token sealed for its row by ``pre_save``, on its way to the database unchanged."""


class Locked:
    """A stored token not yet opened: what an encrypted column gives outside a model instance.

    Opening needs the row's primary key, which ``SealedModel.from_db`` has; ``values()`` and
    ``values_list()`` do not. It refuses to turn into text so that it is never shown as a value.
    """

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return "<Locked encrypted value>"

    def __str__(self) -> str:
        raise TypeError(
            "An encrypted value read without its row cannot be opened: load model instances, "
            "not values() or values_list(), of encrypted fields."
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Locked) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


class EncryptedField(models.Field):
    """Common behaviour: TEXT column, sealing on write, opening on load, no lookups but ``isnull``.

    Subclasses name a plain Django field as their second base and implement :meth:`to_bytes` and
    :meth:`from_bytes` for their Python type.
    """

    def __init__(self, *args: Any, binding: str | None = None, **kwargs: Any) -> None:
        self.binding = binding
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
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

    def aad_for(self, pk: Any) -> bytes:
        """The associated data binding a value to this column of the row with primary key ``pk``."""
        if pk is None:
            raise FieldError(
                f"{self._where()} cannot be sealed for a row without a primary key: save the row "
                "through SealedModel.save() or bulk_create()."
            )
        return self.aad + b"#" + str(pk).encode("utf-8")

    def _where(self) -> str:
        return f"{self.model._meta.label}.{self.name}" if hasattr(self, "model") else self.name

    def seal(self, value: Any, pk: Any, key_id: str | None = None) -> str | None:
        """The token of a Python value for the row ``pk`` (``None`` stays ``None``).

        ``key_id`` names the person's key to seal under; without it the key ring's current key seals.
        """
        if value is None:
            return None
        personal = None if key_id is None else (key_id, personkeys.load(key_id))
        return encrypt(self.to_bytes(self.get_prep_value(value)), aad=self.aad_for(pk), personal=personal)

    def open(self, token: str | None, pk: Any) -> Any:
        """The Python value of a stored token of the row ``pk``; raises DecryptionError if it does not open."""
        if token is None:
            return None
        plaintext = decrypt(token, aad=self.aad_for(pk), personal_key=personkeys.load)
        try:
            return self.from_bytes(plaintext)
        except (ValueError, TypeError):
            raise DecryptionError(
                f"A value of {self._where()} opened but is not a valid value of its type."
            ) from None

    def to_bytes(self, value: Any) -> bytes:
        """The plaintext bytes of a Python value; each concrete field defines its encoding."""
        raise NotImplementedError(f"{type(self).__name__} does not define how its values are encoded.")

    def from_bytes(self, data: bytes) -> Any:
        """The Python value of decrypted bytes, the inverse of :meth:`to_bytes`."""
        raise NotImplementedError(f"{type(self).__name__} does not define how its values are decoded.")

    def from_db_value(self, value: str | None, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        # Opened by SealedModel.from_db, which knows the row; anywhere else it stays locked.
        return None if value is None else Locked(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        if value is None or isinstance(value, Sealed):
            return value
        key_id = model_instance.vault_key_id() if isinstance(model_instance, SealedModel) else None
        return Sealed(self.seal(value, model_instance.pk, key_id))

    def get_db_prep_value(self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False) -> Any:
        if value is None or isinstance(value, Sealed):
            return None if value is None else str(value)
        raise FieldError(
            f"{self._where()} is encrypted for its row: write it with save() or bulk_create() on the "
            "instance, not with QuerySet.update() or bulk_update()."
        )

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(self._refusal(lookup_name))

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(self._refusal(lookup_name))

    def _refusal(self, lookup_name: str) -> str:
        where = self._where()
        return (
            f"{where} is encrypted: the database cannot evaluate '__{lookup_name}' on it. "
            "Only '__isnull' works; search through the blind index tokens of ostoja.vault.blind."
        )

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        return [*super().check(**kwargs), *self._check_encryption_options(), *self._check_model()]

    def _check_model(self) -> list[checks.CheckMessage]:
        model = getattr(self, "model", None)
        if model is None or issubclass(model, SealedModel):
            return []
        return [
            checks.Error(
                "A model with encrypted fields must derive from ostoja.vault.fields.SealedModel.",
                hint="Its values are sealed for their row: SealedModel gives new rows their primary key "
                "before they are written and opens the values when rows are loaded.",
                obj=self,
                id="vault.E006",
            )
        ]

    def _check_encryption_options(self) -> list[checks.CheckMessage]:
        problems = []
        if self.primary_key:
            problems.append(("primary_key=True", "vault.E001"))
        if self.unique:
            problems.append(("unique=True", "vault.E002"))
        if getattr(self, "db_index", False):  # a Field attribute the type stubs leave out
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


class EncryptedTextField(LimitedText, EncryptedField, models.TextField):
    """Free text (notes, descriptions), stored encrypted.

    Give it a ``max_length`` (see :mod:`ostoja.limits`): the form shows it, ``full_clean`` checks it
    and saving refuses a longer value, since the database cannot look inside the ciphertext.
    """

    description = _("Text (encrypted)")

    def to_bytes(self, value: str) -> bytes:
        return value.encode("utf-8")

    def from_bytes(self, data: bytes) -> str:
        return data.decode("utf-8")


class EncryptedCharField(LimitedText, EncryptedField, models.CharField):
    """Short text (names, numbers of documents); ``max_length`` limits forms, validation and saving."""

    description = _("String (encrypted)")

    def to_bytes(self, value: str) -> bytes:
        return value.encode("utf-8")

    def from_bytes(self, data: bytes) -> str:
        return data.decode("utf-8")


class EncryptedDateField(EncryptedField, models.DateField):
    """A calendar date (birth date), stored encrypted as ISO 8601 text."""

    description = _("Date (encrypted)")

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False, **kwargs: Any
    ) -> None:
        # Skip DateField's get_next_by_*/get_previous_by_* methods: they order by the column, and
        # the column holds ciphertext.
        models.Field.contribute_to_class(self, cls, name, private_only=private_only, **kwargs)

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
        return [*self.default_validators, *getattr(self, "_validators", [])]  # the ones passed in

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

    def formfield(self, **kwargs: Any) -> forms.Field | None:
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})


def allocate_pk(model: type[models.Model], using: str) -> int:
    """The next primary key of ``model``'s table, taken from its sequence before the row is written.

    PostgreSQL: ``nextval`` of the identity sequence. SQLite: the table's ``sqlite_sequence`` row
    (AUTOINCREMENT), advanced under the write lock the UPDATE takes; SQLite keeps it at or above every
    key inserted, so keys given here and keys the database picks never collide.
    """
    pk = model._meta.pk
    if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        raise FieldError(
            f"{model._meta.label} has no automatic primary key to allocate; set the key yourself."
        )
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))", [table, pk.column])
            return int(cursor.fetchone()[0])
        if connection.vendor == "sqlite":
            cursor.execute("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = %s RETURNING seq", [table])
            row = cursor.fetchone()
            if row is None:
                quoted = connection.ops.quote_name(table)
                column = connection.ops.quote_name(pk.get_attname_column()[1] or pk.attname)
                cursor.execute(
                    f"INSERT INTO sqlite_sequence (name, seq) SELECT %s, COALESCE(MAX({column}), 0) + 1 "  # noqa: S608
                    f"FROM {quoted} RETURNING seq",
                    [table],
                )
                row = cursor.fetchone()
            return int(row[0])
    raise FieldError(f"Primary keys cannot be allocated ahead on {connection.vendor}.")


def open_row(instance: models.Model) -> None:
    """Opens every loaded encrypted value of ``instance`` (deferred ones open when loaded)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, EncryptedField):
            value = instance.__dict__.get(field.attname)
            if isinstance(value, Locked):
                instance.__dict__[field.attname] = field.open(value.token, instance.pk)


_UNSET = object()


class SealedModel(models.Model):
    """Base of every model with encrypted fields: keys allocated before insert, values opened on load."""

    # Paths of attributes from a row to the person it belongs to, tried in order (see the module's
    # docstring); empty: the row belongs to nobody and is sealed under the key ring.
    vault_owner: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__.pop("_vault_key", None)  # the owner may have changed since the last save
        if kwargs.get("update_fields") is not None and self.vault_owner:
            kwargs["update_fields"] = self._with_resealed(kwargs["update_fields"])
        if self._state.adding and self.pk is None:
            using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
            self.pk = allocate_pk(type(self), using)
            if not kwargs.get("force_update") and not kwargs.get("update_fields"):
                kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    save.alters_data = True  # type: ignore[attr-defined]  # Django's mark: templates never call it

    def _prepare_related_fields_for_save(self, operation_name: str, fields: Any = None) -> None:
        # bulk_create() calls this on every object before it splits them by whether they have a key.
        if operation_name == "bulk_create" and self.pk is None:
            self.pk = allocate_pk(type(self), router.db_for_write(type(self), instance=self))
        super()._prepare_related_fields_for_save(operation_name=operation_name, fields=fields)  # type: ignore[misc]

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> Self:
        instance = super().from_db(db, field_names, values, **kwargs)
        open_row(instance)
        return instance

    def vault_key_id(self) -> str | None:
        """The id of the person's key that seals this row's values (``None``: the key ring's)."""
        fixed = self.__dict__.get("_vault_fixed_key", _UNSET)
        if fixed is not _UNSET:
            return fixed
        memo = self.__dict__.get("_vault_key", _UNSET)
        if memo is _UNSET:
            memo = self.__dict__["_vault_key"] = self._vault_owner_key()
        return memo

    def _vault_owner_key(self) -> str | None:
        for path in self.vault_owner:
            owner: Any = self
            for name in path.split("."):
                try:
                    owner = getattr(owner, name)
                except ObjectDoesNotExist:
                    owner = None
                if owner is None:
                    break
            if owner is not None:
                return owner.vault_key_id()
        return None

    @classmethod
    def vault_rows_of(cls, persons: models.QuerySet) -> models.Q | None:
        """The rows of this model that belong to ``persons`` (by ``vault_owner``); ``None``: no owner."""
        if not cls.vault_owner:
            return None
        rows = models.Q()
        for path in cls.vault_owner:
            rows |= models.Q(**{f"{path.replace('.', '__')}__in": persons})
        return rows

    def seal_as_part_of(self, owner: models.Model | None) -> None:
        """Seals this row under the key of ``owner``'s person (e.g. a field change of a case)."""
        self.__dict__["_vault_fixed_key"] = owner.vault_key_id() if isinstance(owner, SealedModel) else None

    def _with_resealed(self, update_fields: Any) -> set[str]:
        """``update_fields`` and, if it changes whose row this is, every loaded encrypted value:
        a row moved to a person is sealed again under the person's key (a contact linked to them)."""
        names = set(update_fields)
        heads = {path.split(".")[0] for path in self.vault_owner}
        owners = heads | {f"{name}_id" for name in heads}
        if not names & owners:
            return names
        deferred = self.get_deferred_fields()
        return names | {
            f.name
            for f in self._meta.local_concrete_fields
            if isinstance(f, EncryptedField) and f.attname not in deferred
        }

    def reseal(self) -> None:
        """Seals every loaded encrypted value again, under the key of the row's owner now."""
        deferred = self.get_deferred_fields()
        names = [
            f.name
            for f in self._meta.local_concrete_fields
            if isinstance(f, EncryptedField) and f.attname not in deferred
        ]
        if names:
            self.save(update_fields=names)
