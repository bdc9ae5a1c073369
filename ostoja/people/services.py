"""Rules about persons: registering, keeping search tokens true, finding duplicates, merging."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from ostoja import versions
from ostoja.people.models import (
    ContactChannel,
    IdentityDocument,
    Person,
    PersonPhoto,
    SafeContactProtocol,
    SearchToken,
)
from ostoja.people.search import Query, active_ids, newest_matching_ids
from ostoja.vault import blind


def tokens_for(person: Person) -> set[tuple[str, str]]:
    """Every (kind, token) the person should be findable by."""
    tokens: set[tuple[str, str]] = set()
    for name in person.name_variants():
        for group in blind.name_tokens(name, "record"):
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
    same name *and* birth date, then the same name, then the same birth date. Each step reads the
    newest matching ids from the search tokens alone, capped (``search.newest_matching_ids``), and
    one look-up by id drops merged persons: the plans do not depend on the statistics.
    """
    names_queries = [
        Query("name", groups)
        for groups in (tuple(frozenset(g) for g in blind.name_tokens(n, "query") if g) for n in names)
        if groups
    ]
    birth = Query("birth", (frozenset({blind.date_token(date_of_birth)}),)) if date_of_birth else None
    phone_tokens = {t for t in (blind.phone_token(p) for p in phones) if t}
    phone = Query("phone", (frozenset(phone_tokens),)) if phone_tokens else None

    # Twice the limit, so that merged persons among the newest matches do not leave a step short.
    cap = 2 * limit
    steps: list[tuple[list[int], tuple[str, ...]]] = []
    if phone is not None:
        steps.append((newest_matching_ids(phone, limit=cap), ("phone",)))
    for name in names_queries:
        if birth is not None:
            steps.append((newest_matching_ids(name, birth, limit=cap), ("name", "birth")))
        if phone is not None:
            steps.append((newest_matching_ids(name, phone, limit=cap), ("name", "phone")))
    for name in names_queries:
        steps.append((newest_matching_ids(name, limit=cap), ("name",)))
    if birth is not None:
        steps.append((newest_matching_ids(birth, limit=cap), ("birth",)))
        if phone is not None:
            steps.append((newest_matching_ids(birth, phone, limit=cap), ("birth", "phone")))
    active = active_ids({pk for ids, _ in steps for pk in ids})

    found: dict[int, DuplicateCandidate] = {}
    for ids, reasons in steps:
        for pk in [pk for pk in ids if pk in active][:limit]:
            if pk != exclude_id and (pk in found or len(found) < limit):
                found.setdefault(pk, DuplicateCandidate(pk)).reasons.update(reasons)
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


@transaction.atomic
def person_update(*, person: Person, expected_version: int, fields: list[str]) -> Person:
    """Saves ``fields`` only if nobody saved the person since ``expected_version`` was read."""
    versions.claim(person, expected_version)
    person.save(update_fields=[*fields, "updated_at"])
    refresh_search_tokens(person=person)
    return person


@transaction.atomic
def protocol_update(*, protocol: SafeContactProtocol, expected_version: int) -> SafeContactProtocol:
    """Saves the protocol only if nobody saved it since ``expected_version`` was shown."""
    versions.claim(protocol, expected_version)
    protocol.save()
    return protocol


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
