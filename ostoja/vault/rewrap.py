"""Data migrations for encrypted values: rewrapping to the row-bound format, and sealing plain columns.

Each app with encrypted fields has a migration running :func:`rewrap_app` (and :func:`unwrap_app` to
go back). It reads every token as raw text, opens the ``v1`` ones with the column's associated data
and seals them again as ``v2`` for their row (column and primary key), in batches of rows ordered by
primary key, each batch one transaction, writing raw text through ``QuerySet.update()``: no model
method, signal, timestamp or version is touched. Values already in ``v2`` are left alone, so an
interrupted migration is simply run again. The key stays what it was: the current key seals, and
``ostoja rotate-keys`` keeps working on the result.

:func:`seal_plain` turns a column that was stored in plain text (now an encrypted field, after an
``AlterField`` to text) into tokens of its row; :func:`unseal_plain` is its reverse.

:func:`to_person_keys` moves the values about each person under that person's own key
(:mod:`ostoja.vault.personkeys`); :func:`from_person_keys` moves them back under the key ring.

These functions take the historical models of a migration (``apps.get_model``); the fields on them
are the real encrypted fields, so the associated data is the same as at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Case, ExpressionWrapper, F, OuterRef, Subquery, TextField, Value, When

from ostoja.vault import personkeys
from ostoja.vault.crypto import (
    FORMAT_VERSION,
    LEGACY_VERSION,
    PERSONAL_VERSION,
    DecryptionError,
    decrypt,
    encrypt,
    version_of,
)
from ostoja.vault.fields import EncryptedField

__all__ = [
    "from_person_keys",
    "rewrap_app",
    "rewrap_model",
    "seal_plain",
    "to_person_keys",
    "unseal_plain",
    "unwrap_app",
]

BATCH_SIZE = 500


def _rewrite(
    model: type[models.Model],
    fields: list[EncryptedField],
    using: str,
    change: Callable[[EncryptedField, Any, str], str | None],
) -> int:
    """Applies ``change(field, pk, stored text)`` to every non-null value; returns how many changed."""
    raw = {
        f"vault_raw_{i}": ExpressionWrapper(F(field.attname), output_field=TextField())
        for i, field in enumerate(fields)
    }
    manager = model._base_manager.db_manager(using)
    changed = 0
    last_pk = None
    while True:
        with transaction.atomic(using=using):
            queryset = manager.annotate(**raw).order_by("pk")
            if last_pk is not None:
                queryset = queryset.filter(pk__gt=last_pk)
            batch = list(queryset.values_list("pk", *raw)[:BATCH_SIZE])
            if not batch:
                return changed
            for pk, *texts in batch:
                updates = {}
                for field, text in zip(fields, texts, strict=True):
                    if text is None:
                        continue
                    try:
                        new = change(field, pk, text)
                    except DecryptionError as exc:
                        raise DecryptionError(
                            f"{model._meta.label} pk={pk} field {field.name}: {exc}"
                        ) from exc
                    if new is not None and new != text:
                        updates[field.attname] = Value(new, output_field=TextField())
                if updates:
                    manager.filter(pk=pk).update(**updates)
                    changed += len(updates)
            last_pk = batch[-1][0]


def _encrypted_fields(model: type[models.Model]) -> list[EncryptedField]:
    return [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedField)]


def _upgrade(field: EncryptedField, pk: Any, token: str) -> str | None:
    if version_of(token) != LEGACY_VERSION:
        return None
    plaintext = decrypt(token, aad=field.aad, versions=(LEGACY_VERSION,))
    return encrypt(plaintext, aad=field.aad_for(pk))


def _downgrade(field: EncryptedField, pk: Any, token: str) -> str | None:
    if version_of(token) != FORMAT_VERSION:
        return None
    plaintext = decrypt(token, aad=field.aad_for(pk))
    return encrypt(plaintext, aad=field.aad, version=LEGACY_VERSION)


def rewrap_model(model: type[models.Model], using: str = "default") -> int:
    """Rewraps one model's ``v1`` values as row-bound ``v2`` values; returns how many."""
    fields = _encrypted_fields(model)
    return _rewrite(model, fields, using, _upgrade) if fields else 0


def _models_of(apps: Any, app_label: str, names: Iterable[str] | None) -> list[type[models.Model]]:
    config = apps.get_app_config(app_label)
    chosen = config.get_models() if names is None else [config.get_model(name) for name in names]
    return sorted(chosen, key=lambda m: m._meta.label)


def rewrap_app(app_label: str, model_names: Iterable[str] | None = None) -> Callable[[Any, Any], None]:
    """A RunPython function rewrapping every encrypted value of ``app_label`` (or of some models)."""
    names = None if model_names is None else tuple(model_names)

    def run(apps: Any, schema_editor: Any) -> None:
        for model in _models_of(apps, app_label, names):
            rewrap_model(model, schema_editor.connection.alias)

    return run


def unwrap_app(app_label: str, model_names: Iterable[str] | None = None) -> Callable[[Any, Any], None]:
    """The reverse of :func:`rewrap_app`: back to column-only ``v1`` values."""
    names = None if model_names is None else tuple(model_names)

    def run(apps: Any, schema_editor: Any) -> None:
        for model in _models_of(apps, app_label, names):
            fields = _encrypted_fields(model)
            if fields:
                _rewrite(model, fields, schema_editor.connection.alias, _downgrade)

    return run


def seal_plain(app_label: str, model_name: str, field_names: Iterable[str]) -> Callable[[Any, Any], None]:
    """A RunPython function sealing the plain text left in columns that became encrypted fields."""
    names = tuple(field_names)

    def seal(field: EncryptedField, pk: Any, text: str) -> str | None:
        if text.startswith((f"{FORMAT_VERSION}:", f"{LEGACY_VERSION}:", f"{PERSONAL_VERSION}:")):
            try:
                version_of(text)
            except DecryptionError:
                pass
            else:
                return None  # already sealed (a migration run twice)
        value = field.from_bytes(text.encode("utf-8"))
        return encrypt(field.to_bytes(value), aad=field.aad_for(pk))

    def run(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        fields = [model._meta.get_field(name) for name in names]
        _rewrite(model, fields, schema_editor.connection.alias, seal)

    return run


def unseal_plain(app_label: str, model_name: str, field_names: Iterable[str]) -> Callable[[Any, Any], None]:
    """The reverse of :func:`seal_plain`: the plain text the column held before, for its old type."""
    names = tuple(field_names)

    def unseal(field: EncryptedField, pk: Any, token: str) -> str | None:
        return decrypt(token, aad=field.aad_for(pk)).decode("utf-8")

    def run(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        fields = [model._meta.get_field(name) for name in names]
        _rewrite(model, fields, schema_editor.connection.alias, unseal)

    return run


def _owner_columns(apps: Any, label: str, paths: tuple[str, ...]) -> dict[str, Any]:
    """Annotations giving, per row, the data key id and erasure time of the person it belongs to."""
    if label == "history.fieldchange":
        # A field change names its record by type and id: a person's, or a case's (of a person).
        person = apps.get_model("people", "Person")._base_manager
        case = apps.get_model("cases", "Case")._base_manager
        by_type: dict[str, Any] = {}
        for column in ("data_key", "erased_at"):
            by_person = person.filter(pk=OuterRef("object_id")).values(column)[:1]
            by_case = case.filter(pk=OuterRef("object_id")).values(f"person__{column}")[:1]
            by_type[f"vault_owner_{column}"] = Case(
                When(object_type="person", then=Subquery(by_person)),
                When(object_type="case", then=Subquery(by_case)),
                default=None,
            )
        return {f"{name}_0": value for name, value in by_type.items()}
    columns = {}
    for i, path in enumerate(paths):
        prefix = f"{path.replace('.', '__')}__" if path else ""
        columns[f"vault_owner_data_key_{i}"] = F(f"{prefix}data_key")
        columns[f"vault_owner_erased_at_{i}"] = F(f"{prefix}erased_at")
    return columns


def _to_person_keys(apps: Any, using: str, owners: dict[str, tuple[str, ...]], *, back: bool) -> int:
    person_model = apps.get_model("people", "Person")
    if not back:
        # Every person not erased gets a key of their own (a migration run again keeps the ones made).
        for pk in (
            person_model._base_manager.db_manager(using)
            .filter(data_key="", erased_at__isnull=True)
            .values_list("pk", flat=True)
        ):
            person_model._base_manager.db_manager(using).filter(pk=pk).update(data_key=personkeys.create())
    changed = 0
    for label, paths in owners.items():
        model = apps.get_model(label)
        fields = _encrypted_fields(model)
        # Going back needs no owner: each token names the key that opens it.
        owner_columns = {} if back else _owner_columns(apps, model._meta.label_lower, paths)
        raw = {
            f"vault_raw_{i}": ExpressionWrapper(F(field.attname), output_field=TextField())
            for i, field in enumerate(fields)
        }
        manager = model._base_manager.db_manager(using)
        last_pk = None
        while True:
            with transaction.atomic(using=using):
                queryset = manager.annotate(**owner_columns, **raw).order_by("pk")
                if last_pk is not None:
                    queryset = queryset.filter(pk__gt=last_pk)
                batch = list(queryset.values_list("pk", *owner_columns, *raw)[:BATCH_SIZE])
                if not batch:
                    break
                for pk, *values in batch:
                    owner_values, texts = values[: len(owner_columns)], values[len(owner_columns) :]
                    pairs = list(zip(owner_values[0::2], owner_values[1::2], strict=True))
                    key_id = next((kid for kid, erased in pairs if kid and erased is None), None)
                    updates = {}
                    for field, text in zip(fields, texts, strict=True):
                        if text is None:
                            continue
                        personal = version_of(text) == PERSONAL_VERSION
                        if back and personal:
                            plaintext = decrypt(text, aad=field.aad_for(pk), personal_key=personkeys.load)
                            updates[field.attname] = Value(
                                encrypt(plaintext, aad=field.aad_for(pk)), TextField()
                            )
                        elif not back and not personal and key_id:
                            plaintext = decrypt(text, aad=field.aad_for(pk))
                            sealed = encrypt(
                                plaintext, aad=field.aad_for(pk), personal=(key_id, personkeys.load(key_id))
                            )
                            updates[field.attname] = Value(sealed, TextField())
                    if updates:
                        manager.filter(pk=pk).update(**updates)
                        changed += len(updates)
                last_pk = batch[-1][0]
    return changed


def to_person_keys(owners: dict[str, tuple[str, ...]]) -> Callable[[Any, Any], None]:
    """A RunPython function sealing each person's values under the person's own key.

    ``owners`` maps a model label to the paths from a row to its person (``""``: the person itself),
    frozen in the migration as the models were then. Values already under a person's key are left
    alone, so an interrupted migration is simply run again.
    """

    def run(apps: Any, schema_editor: Any) -> None:
        _to_person_keys(apps, schema_editor.connection.alias, owners, back=False)

    return run


def from_person_keys(owners: dict[str, tuple[str, ...]]) -> Callable[[Any, Any], None]:
    """The reverse of :func:`to_person_keys`: back under the key ring."""

    def run(apps: Any, schema_editor: Any) -> None:
        _to_person_keys(apps, schema_editor.connection.alias, owners, back=True)

    return run
