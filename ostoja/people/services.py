"""Rules about persons: registering, keeping search tokens true, finding duplicates, merging."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import F

from ostoja.people.models import (
    ContactChannel,
    IdentityDocument,
    Person,
    PersonPhoto,
    SafeContactProtocol,
    SearchToken,
)
from ostoja.people.search import Query, matching_person_ids
from ostoja.vault import blind


def tokens_for(person: Person) -> set[tuple[str, str]]:
    """Every (kind, token) the person should be findable by."""
    tokens: set[tuple[str, str]] = set()
    for name in person.name_variants():
        for group in blind.name_tokens(name):
            tokens.update((SearchToken.Kind.NAME, token) for token in group)
    if person.date_of_birth:
        tokens.add((SearchToken.Kind.BIRTH, blind.date_token(person.date_of_birth)))
    for channel in person.channels.all():
        if channel.kind == "phone" or channel.kind == "messenger":
            phone = blind.phone_token(channel.value)
            if phone:
                tokens.add((SearchToken.Kind.PHONE, phone))
    for document in person.documents.all():
        token = blind.document_token(document.number) if document.number else None
        if token:
            tokens.add((SearchToken.Kind.DOCUMENT, token))
    return tokens


def refresh_search_tokens(*, person: Person) -> None:
    wanted = tokens_for(person)
    existing = set(SearchToken.objects.filter(person=person).values_list("kind", "token"))
    stale = existing - wanted
    if stale:
        for kind, token in stale:
            SearchToken.objects.filter(person=person, kind=kind, token=token).delete()
    SearchToken.objects.bulk_create(
        [SearchToken(person=person, kind=kind, token=token) for kind, token in wanted - existing]
    )


@dataclass
class DuplicateCandidate:
    person_id: int
    reasons: set[str] = field(default_factory=set)


def possible_duplicates(
    *,
    names: list[str],
    date_of_birth: date | None = None,
    phones: list[str] = (),
    exclude_id: int | None = None,
    limit: int = 40,
) -> list[DuplicateCandidate]:
    """Existing persons that match by full name (any script, any order), birth date or phone.

    In a national register a common full name is shared by dozens of persons and a birth date by
    more, so the strongest matches are fetched first and separately: the same phone, then the
    same name *and* birth date, then the same name, then the same birth date; each step is an
    indexed lookup capped at ``limit``.
    """
    name_sets = [
        matching_person_ids(Query("name", groups))
        for groups in (tuple(frozenset(g) for g in blind.name_tokens(n) if g) for n in names)
        if groups
    ]
    birth = (
        matching_person_ids(Query("birth", (frozenset({blind.date_token(date_of_birth)}),)))
        if date_of_birth
        else None
    )
    phone_tokens = {t for t in (blind.phone_token(p) for p in phones) if t}
    phone = matching_person_ids(Query("phone", (frozenset(phone_tokens),))) if phone_tokens else None

    found: dict[int, DuplicateCandidate] = {}

    def add(ids, *reasons: str) -> None:
        for pk in ids:
            if pk != exclude_id and (pk in found or len(found) < limit):
                found.setdefault(pk, DuplicateCandidate(pk)).reasons.update(reasons)

    if phone is not None:
        add(phone[:limit], "phone")
    for ids in name_sets:
        if birth is not None:
            add(ids.filter(pk__in=birth)[:limit], "name", "birth")
        if phone is not None:
            add(ids.filter(pk__in=phone)[:limit], "name", "phone")
    for ids in name_sets:
        add(ids.order_by("-pk")[:limit], "name")
    if birth is not None:
        add(birth.order_by("-pk")[:limit], "birth")
        if phone is not None:
            add(birth.filter(pk__in=phone)[:limit], "birth", "phone")
    return sorted(found.values(), key=lambda c: (-len(c.reasons), -c.person_id))


@transaction.atomic
def person_register(
    *, person: Person, channels: list[ContactChannel] = (), documents: list[IdentityDocument] = ()
) -> Person:
    person.full_clean(exclude=["registered_by"])
    person.save()
    for channel in channels:
        channel.person = person
        channel.save()
    for document in documents:
        document.person = person
        document.save()
    SafeContactProtocol.objects.get_or_create(person=person)
    refresh_search_tokens(person=person)
    return person


class StaleVersion(Exception):
    """Someone else saved the record since the form was opened."""


@transaction.atomic
def person_update(*, person: Person, expected_version: int, fields: list[str]) -> Person:
    """Saves ``fields`` only if nobody saved the person since ``expected_version`` was read."""
    updated = Person.objects.filter(pk=person.pk, version=expected_version).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion
    person.version = expected_version + 1
    person.save(update_fields=[*fields, "updated_at"])
    refresh_search_tokens(person=person)
    return person


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person) -> Person:
    """Moves everything of ``duplicate`` onto ``keep``; the duplicate stays as a pointer (history kept)."""
    if keep.pk == duplicate.pk:
        raise ValueError("A person cannot be merged into itself.")
    ContactChannel.objects.filter(person=duplicate).update(person=keep)
    IdentityDocument.objects.filter(person=duplicate).update(person=keep)
    if not PersonPhoto.objects.filter(person=keep).exists():
        PersonPhoto.objects.filter(person=duplicate).update(person=keep)
    duplicate.cases.update(person=keep)
    names = set(keep.aliases or [])
    for variant in duplicate.name_variants():
        if variant not in keep.name_variants():
            names.add(variant)
    keep.aliases = sorted(names)
    if not keep.date_of_birth and duplicate.date_of_birth:
        keep.date_of_birth = duplicate.date_of_birth
    keep.citizenships = sorted(set(keep.citizenships) | set(duplicate.citizenships))
    keep.languages = sorted(set(keep.languages) | set(duplicate.languages))
    keep.version += 1
    keep.save()
    Person.objects.filter(merged_into=duplicate).update(merged_into=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    SearchToken.objects.filter(person=duplicate).delete()
    refresh_search_tokens(person=keep)
    return keep
