"""Erasing a person for ever (GDPR art. 17), and erasing one value or one record at their request.

**The one function** :func:`erase_person` does, in one transaction:

1. refuses, with the reasons in words, while any app says the person may not be erased now (the
   ``erasure_blockers`` of ``ostoja/plugins.py``: an open case here, ongoing proceedings in the app
   that keeps them);
2. blanks every encrypted value of every row that belongs to the person (``vault_owner`` of each
   model; records merged into the person too) — the rows themselves stay, with the plain codes and
   dates that statistics count (gender, minor, citizenship, the case's kind, phase and dates, the
   exploitation profile's codes), so every figure counted before counts the same after;
3. removes the person's search tokens (blind indexes) and the codes no statistic reads (languages);
4. marks the person erased and writes one audit row (who, when, the reason; counts only);
5. once the transaction has committed, destroys the person's data keys in the person key store
   (``ostoja/vault/personkeys.py``): every copy of the person's data made before — a backup, a copy of
   the database file, an exported file — is from then on ciphertext under a key that exists nowhere.

If the process stops between the commit and step 5, the housekeeping job :func:`destroy_erased_keys`
destroys the keys; it also does so over a person key store brought back from a copy.

The audit log is not touched: it holds ids, codes and counts, never values, and its hash chain
covers the stored rows, so it verifies after an erasure as before.

:func:`erase_part` erases one encrypted value (a field) or one record (a note, a document, the
photo) of a person at their request, with the reason in the audit log; the field's earlier values in
the field history are blanked too. That reaches the database, not older copies, which the person's
key still opens: for those only erasing the person helps.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja import plugins
from ostoja.audit import services as audit
from ostoja.cases.models import Case
from ostoja.history.models import FieldChange
from ostoja.people.models import Person, SearchToken
from ostoja.people.services import refresh_search_tokens
from ostoja.vault import personkeys
from ostoja.vault.blank import blank_rows
from ostoja.vault.fields import EncryptedField, SealedModel

__all__ = [
    "ErasureRefused",
    "blockers",
    "destroy_erased_keys",
    "erasable_fields",
    "erase_part",
    "erase_person",
]

# The person's plain values that no statistic reads: cleared (gender, minor and citizenships stay).
CLEARED = {"languages": [], "preferred_language": "", "needs_interpreter": False}


class ErasureRefused(Exception):
    """The erasure was not done; ``reasons`` say why, in words for the staff member."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def blockers(person: Person) -> list[str]:
    """Why ``person`` may not be erased now, in words (empty: nothing stands in the way)."""
    if person.erased_at is not None:
        return [_("This person has already been erased.")]
    return [str(reason) for reason in plugins.erasure_blockers(person)]


def open_cases_block(person: Person) -> list[str]:
    """The cases app's blocker: a case still open (it is closed first, with its closing checks)."""
    numbers = list(Case.objects.filter(person__in=_family(person)).open().values_list("number", flat=True))
    if not numbers:
        return []
    return [_("Case %(numbers)s is still open: close it first.") % {"numbers": ", ".join(sorted(numbers))}]


def _family(person: Person) -> list[int]:
    """The person and every record merged into them (and into those), whose data is theirs."""
    ids = [person.pk]
    frontier = [person.pk]
    while frontier:
        frontier = list(Person._base_manager.filter(merged_into__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def _sealed_models() -> list[type[SealedModel]]:
    found = [m for m in apps.get_models() if issubclass(m, SealedModel) and m is not Person]
    return sorted(found, key=lambda m: m._meta.label)


def erase_person(person: Person, actor, reason: str) -> int:
    """Erases ``person`` for ever (see the module's docstring); returns how many values were blanked.

    Raises :class:`ErasureRefused` with the reasons, and changes nothing, when it may not be done.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ErasureRefused([_("Give the reason for the erasure.")])
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        refusals = blockers(person)
        if refusals:
            raise ErasureRefused(refusals)
        ids = _family(person)
        persons = Person._base_manager.filter(pk__in=ids)
        key_ids = [key for key in persons.values_list("data_key", flat=True) if key]
        blanked = 0
        for model in _sealed_models():
            rows = model.vault_rows_of(persons)
            if rows is not None:
                blanked += blank_rows(model._base_manager.filter(rows))
        blanked += blank_rows(persons)
        SearchToken.objects.filter(person__in=ids).delete()
        persons.update(erased_at=timezone.now(), **CLEARED)
        audit.record(
            actor=actor,
            action="erase",
            object_type="person",
            object_ids=ids,
            reason=reason,
            details={"values": blanked, "keys": len(key_ids)},
        )
        transaction.on_commit(lambda: _destroy(key_ids))
    return blanked


def _destroy(key_ids: list[str]) -> int:
    return sum(personkeys.destroy(key_id) for key_id in key_ids)


def destroy_erased_keys() -> int:
    """Housekeeping: destroys the keys of erased persons still in the store; returns how many."""
    keys = (
        Person._base_manager.filter(erased_at__isnull=False)
        .exclude(data_key="")
        .values_list("data_key", flat=True)
    )
    return _destroy([key for key in keys if not personkeys.is_erased(key)])


def erasable_fields(record: models.Model) -> list[EncryptedField]:
    """The encrypted fields of ``record`` that can be erased one by one."""
    return [f for f in record._meta.local_concrete_fields if isinstance(f, EncryptedField) and f.editable]


def _belongs_to(record: SealedModel, ids: list[int]) -> bool:
    if isinstance(record, Person):
        return record.pk in ids
    rows = type(record).vault_rows_of(Person._base_manager.filter(pk__in=ids))
    return rows is not None and type(record)._base_manager.filter(rows, pk=record.pk).exists()


def erase_part(person: Person, record: SealedModel, actor, reason: str, *, field: str | None = None) -> None:
    """Erases one value (``field`` of ``record``) or, without ``field``, the whole ``record`` of ``person``.

    ``record`` must belong to the person (the person themself for one of their own fields). Refused
    (nothing changed) without a reason, for an erased person, a record of someone else, a field that
    is not an erasable encrypted value, or the person record as a whole (that is :func:`erase_person`).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ErasureRefused([_("Give the reason for the erasure.")])
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.erased_at is not None:
            raise ErasureRefused([_("This person has already been erased.")])
        ids = _family(person)
        if not _belongs_to(record, ids):
            raise ErasureRefused([_("This record does not belong to this person.")])
        model = type(record)
        if field is None:
            if isinstance(record, Person):
                raise ErasureRefused([_("To erase the whole person, use the erasure of the person.")])
            model._base_manager.filter(pk=record.pk).delete()
        else:
            if field not in {f.name for f in erasable_fields(record)}:
                raise ErasureRefused([_("This value cannot be erased on its own.")])
            blank_rows(model._base_manager.filter(pk=record.pk), [field])
            history = FieldChange.vault_rows_of(Person._base_manager.filter(pk__in=ids))
            blank_rows(FieldChange.objects.filter(history, field=field))
        refresh_search_tokens(person=Person.objects.get(pk=person.pk))
        audit.record(
            actor=actor,
            action="erase",
            object_type="person",
            object_ids=[person.pk],
            reason=reason,
            details={"record": model._meta.label_lower, "id": record.pk, "field": field or ""},
        )
