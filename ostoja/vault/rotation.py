"""Key rotation: re-encrypt every stored value that is not under the current key.

Rotation goes model by model over every installed model with encrypted fields, in batches of rows
ordered by primary key. Each batch is one transaction that locks its rows (``SELECT ... FOR UPDATE``
on PostgreSQL; SQLite takes its write lock when the transaction begins), reads the stored tokens as
raw text, opens those sealed with an old key and writes them back sealed with the current key
through ``QuerySet.update()``. No model is instantiated or saved, so no signal fires, no timestamp
or version changes and no audit entry is written: the plaintext is the same before and after.

Values already under the current key are left untouched, so an interrupted run is simply started
again. A value that cannot be opened stops the run with :class:`~ostoja.vault.crypto.DecryptionError`
naming the row and field; the batch it was in is rolled back and earlier batches stay done. Each value
is opened and sealed again for its own row (the primary key is part of its associated data), so
rotation keeps every value where it was; a value still in the legacy format stops the run too
(``ostoja migrate`` rewraps those).

Values sealed under a person's own key (``v3``) are not re-encrypted: rotation rewraps the persons'
keys in the person key store instead (:func:`ostoja.vault.personkeys.rewrap_all`), one small file per
person, so rotating costs the same whatever the amount of data about each person.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, router, transaction
from django.db.models import ExpressionWrapper, F, TextField, Value

from ostoja.vault.crypto import (
    PERSONAL_VERSION,
    DecryptionError,
    current_key_id,
    decrypt,
    encrypt,
    key_id_of,
    version_of,
)
from ostoja.vault.fields import EncryptedField

__all__ = [
    "ModelRotation",
    "encrypted_fields",
    "encrypted_models",
    "rotate_all",
    "rotate_each",
    "rotate_model",
]

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class ModelRotation:
    """What rotation did (or, in a dry run, would do) to one model's table."""

    label: str
    values: int
    rows: int


def encrypted_fields(model: type[models.Model]) -> list[EncryptedField]:
    """The encrypted fields stored in this model's own table (inherited ones belong to the parent)."""
    return [field for field in model._meta.local_concrete_fields if isinstance(field, EncryptedField)]


def encrypted_models() -> list[type[models.Model]]:
    """Every installed model whose own table holds encrypted fields, in a stable order."""
    found = [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and encrypted_fields(model)
    ]
    return sorted(found, key=lambda model: model._meta.label)


def rotate_model(
    model: type[models.Model], *, batch_size: int = DEFAULT_BATCH_SIZE, dry_run: bool = False
) -> ModelRotation:
    """Re-encrypt one model's stale values; a dry run opens them (proving the keys) and writes nothing."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1.")
    fields = encrypted_fields(model)
    database = router.db_for_write(model)
    manager = model._base_manager.db_manager(database)
    current = current_key_id()
    # Read the columns as plain text: the fields' own converters would decrypt them.
    raw = {
        f"vault_raw_{i}": ExpressionWrapper(F(field.attname), output_field=TextField())
        for i, field in enumerate(fields)
    }
    values = rows = 0
    last_pk: Any = None
    while True:
        batch_scope = contextlib.nullcontext() if dry_run else transaction.atomic(using=database)
        with batch_scope:
            queryset = manager.annotate(**raw).order_by("pk")
            if last_pk is not None:
                queryset = queryset.filter(pk__gt=last_pk)
            if not dry_run:
                queryset = queryset.select_for_update()
            batch = list(queryset.values_list("pk", *raw)[:batch_size])
            if not batch:
                break
            for pk, *tokens in batch:
                changes = {}
                for field, token in zip(fields, tokens, strict=True):
                    if token is None or key_id_of(token) == current or version_of(token) == PERSONAL_VERSION:
                        continue  # a person's values are under their own key: only that key is rewrapped
                    changes[field.attname] = _reseal(model, pk, field, token, dry_run=dry_run)
                if changes:
                    values += len(changes)
                    rows += 1
                    if not dry_run:
                        manager.filter(pk=pk).update(**changes)
            last_pk = batch[-1][0]
    return ModelRotation(label=model._meta.label, values=values, rows=rows)


def _reseal(model: type[models.Model], pk: Any, field: EncryptedField, token: str, *, dry_run: bool) -> Value:
    try:
        plaintext = decrypt(token, aad=field.aad_for(pk))
    except DecryptionError as exc:
        raise DecryptionError(f"{model._meta.label} pk={pk} field {field.name}: {exc}") from exc
    # Written as a raw text value: through the field it would be sealed a second time.
    return Value(None if dry_run else encrypt(plaintext, aad=field.aad_for(pk)), output_field=TextField())


def rotate_each(*, batch_size: int = DEFAULT_BATCH_SIZE, dry_run: bool = False) -> Iterator[ModelRotation]:
    """Rotate model after model, yielding each result as soon as that model is done."""
    for model in encrypted_models():
        yield rotate_model(model, batch_size=batch_size, dry_run=dry_run)


def rotate_all(batch_size: int = DEFAULT_BATCH_SIZE, dry_run: bool = False) -> dict[str, int]:
    """Rotate every model; returns values re-encrypted (or due, in a dry run) per model label."""
    return {result.label: result.values for result in rotate_each(batch_size=batch_size, dry_run=dry_run)}
