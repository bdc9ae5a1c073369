"""Finding persons by name (any script, any word order), phone, document number or birth date.

Every lookup goes through ``SearchToken``: the query is turned into blind-index tokens and matched
with indexed equality lookups. Nothing is decrypted to search, and nothing scans the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from ostoja.people.models import Person, SearchToken
from ostoja.vault import blind

_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$|^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")
_DOCUMENT_HINT = re.compile(r"\d")


@dataclass(frozen=True)
class Query:
    """What a search box string was understood as."""

    kind: str  # "name", "phone", "doc", "birth" or "" when empty
    token_groups: tuple[frozenset[str], ...]  # every group must match (one token of it)


def parse_date(text: str) -> date | None:
    match = _DATE.match(text)
    if not match:
        return None
    try:
        if match.group(1):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
    except ValueError:
        return None


def understand(text: str) -> list[Query]:
    """One search box for everything: a date, a phone number, a document number or a name."""
    text = (text or "").strip()
    if not text:
        return []
    born = parse_date(text)
    if born:
        return [Query("birth", (frozenset({blind.date_token(born)}),))]
    queries: list[Query] = []
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 6 and not re.search(r"[^\d\s+()./-]", text):
        phone = blind.phone_token(text)
        if phone:
            queries.append(Query("phone", (frozenset({phone}),)))
    if _DOCUMENT_HINT.search(text) and len(text.split()) == 1:
        document = blind.document_token(text)
        if document:
            queries.append(Query("doc", (frozenset({document}),)))
    if not queries or not digits:
        groups = tuple(frozenset(g) for g in blind.name_tokens(text, "query") if g)
        if groups:
            queries.append(Query("name", groups))
    return queries


def matching_person_ids(query: Query) -> QuerySet:
    """Ids of persons that match ``query``: one indexed sub-select per word, intersected.

    The words are intersected with ``INTERSECT`` rather than one ``IN`` per word: the database
    cannot know how many persons share a token (a common given name has thousands), and with one
    ``IN`` per word it may walk the candidates of one word and probe the others person by person.
    ``INTERSECT`` reads each word's tokens once from the index and intersects them in memory, so
    the cost follows the number of matching tokens whatever the planner estimates.
    """
    per_word = [
        SearchToken.objects.filter(kind=query.kind, token__in=sorted(group)).values("person_id")
        for group in query.token_groups
    ]
    if not per_word:
        return Person.objects.none().values_list("pk", flat=True)
    matching = per_word[0].intersection(*per_word[1:]) if len(per_word) > 1 else per_word[0]
    return Person.objects.active().filter(pk__in=matching).values_list("pk", flat=True)


def find_persons(text: str) -> QuerySet:
    """Persons matching the search box text, newest first (a QuerySet, to paginate)."""
    queries = understand(text)
    if not queries:
        return Person.objects.none()
    combined = None
    for query in queries:
        ids = matching_person_ids(query)
        combined = ids if combined is None else combined.union(ids)
    return Person.objects.active().filter(pk__in=list(combined[:500])).order_by("-created_at", "-pk")


def newest_matching_ids(*queries: Query, limit: int) -> list[int]:
    """The ids of persons matching every one of ``queries``, newest first, at most ``limit``.

    Read from the tokens alone — each word's tokens from the (kind, token, person) index,
    intersected, ordered by person id and cut at ``limit`` — so no plan can walk the persons table
    looking for matches (for a common name, ordering the persons by id and probing the matches
    walked it backwards). Persons merged into another are dropped by the caller (``active_ids``).
    """
    per_word = [
        SearchToken.objects.filter(kind=query.kind, token__in=sorted(group)).values_list(
            "person_id", flat=True
        )
        for query in queries
        for group in query.token_groups
    ]
    if not per_word:
        return []
    matching = per_word[0].intersection(*per_word[1:]) if len(per_word) > 1 else per_word[0]
    return list(matching.order_by("-person_id")[:limit])


def active_ids(ids: set[int]) -> set[int]:
    """Of ``ids``, the persons not merged into another (one look-up by primary key)."""
    if not ids:
        return set()
    return set(Person.objects.active().filter(pk__in=sorted(ids)).values_list("pk", flat=True))
