"""The case timeline: everything that happened on a case, newest first, a page at a time.

Each app that records something about a case adds its ``Source``s through its plug-in
(``plugin.timeline``, see ostoja/plugins.py); the timeline merges them. Bounds, so that a case with ten thousand entries costs what a case with ten costs:

* a **window**: entries before ``until`` (the page cursor) and, if the viewer chose a period, not
  before ``since``;
* a **limit per source**: each source loads at most one page (plus one row, to know there is more)
  in one query, with its encrypted columns left in the database;
* only the entries that make the page are then **decrypted**, in one more query per source.

Every entry carries its record's type and id, so the case's audit row names exactly the notes,
contacts and changes the page showed. Sources receive the viewer's access (``cases.access``) and
leave out what the viewer may not see (a confidential note of another discipline).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from ostoja import plugins
from ostoja.cases.access import Access
from ostoja.cases.codes import RiskFlag
from ostoja.cases.models import Case, Note
from ostoja.history.models import FieldChange
from ostoja.history.services import readable, readable_label

PAGE_SIZE = 25
# The choices of the items of a case's list fields, for reading their changes.
CASE_LISTS = {"risk_flags": RiskFlag.choices}


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str  # what the page calls it (a CSS class): "note", "contact", …
    title: str
    record_type: str  # the audit record type of what it shows: "note", "field_change", …
    record_id: int
    text: str = ""
    who: str = ""


@dataclass(frozen=True)
class Window:
    """Which entries a source returns: ``since <= at < until``, newest first, at most ``limit``."""

    until: datetime | None
    since: datetime | None
    limit: int

    def bound(self, records: QuerySet[Any], field: str) -> QuerySet[Any]:
        if self.until is not None:
            records = records.filter(**{f"{field}__lt": self.until})
        if self.since is not None:
            records = records.filter(**{f"{field}__gte": self.since})
        return records.order_by(f"-{field}", "-pk")[: self.limit]

    def pick(self, rows: Sequence[Any], field: str) -> list[Any]:
        """What ``bound`` returns, taken from rows already loaded (``case_rows``)."""
        picked = [
            row for row in rows
            if (at := getattr(row, field)) is not None
            and (self.until is None or at < self.until) and (self.since is None or at >= self.since)
        ]  # fmt: skip
        picked.sort(key=lambda row: (getattr(row, field), row.pk), reverse=True)
        return picked[: self.limit]


@dataclass(frozen=True)
class Source:
    """One kind of timeline entry, about records of ``record_type``.

    ``entries(case, access, window)`` returns entries without their text, from one query that leaves
    the encrypted columns unread. ``texts(ids)``, if given, returns the text of the entries that
    made the page, by record id, in one query.
    """

    record_type: str
    entries: Callable[[Case, Access, Window], list[Entry]]
    texts: Callable[[list[int]], dict[int, str]] | None = None


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    older: datetime | None  # the cursor of the next (older) page, None on the last page

    @property
    def refs(self) -> list[tuple[str, int]]:
        return sorted({(e.record_type, e.record_id) for e in self.entries})


# How many rows of one table a case may have for the case page to load them all at once.
SHARED_ROWS = 60


def case_rows(case: Case, key: str, records: QuerySet[Any]) -> list[Any] | None:
    """Every row of ``records`` (one table's rows of ``case``), loaded once per request of the case page.

    The case page's timeline and its sections read the same tables: the first to ask loads the rows
    (at most ``SHARED_ROWS``, without encrypted columns), and the others pick theirs from them. It
    returns None outside the case page (``case.loads`` unset) and when the case has more rows than
    that; the caller then reads its own bounded query, so a case with ten thousand rows costs one
    more query per such table, never more rows. ``key`` names the table and any filter of the
    viewer's access (a confidential level), so rows a viewer may not see are never loaded.
    """
    loads = getattr(case, "loads", None)
    if loads is None:
        return None
    if key not in loads:
        rows = list(plain_columns(records).order_by("-pk")[: SHARED_ROWS + 1])
        loads[key] = rows if len(rows) <= SHARED_ROWS else None
    return loads[key]


def newest(rows: Sequence[Any], *fields: str) -> list[Any]:
    """``rows`` ordered by ``fields`` (each descending, non-null), as ``order_by("-a", "-b")`` does."""
    return sorted(rows, key=lambda row: tuple(getattr(row, f) for f in fields), reverse=True)


def plain_columns(records: QuerySet[Any]) -> QuerySet[Any]:
    """``records`` without their encrypted columns: nothing is decrypted when they load."""
    from ostoja.vault.fields import EncryptedField

    model: type[Model] = records.model
    encrypted = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]
    return records.defer(*encrypted) if encrypted else records


def texts_of(model: type[Model], render: Callable[[Any], str]) -> Callable[[list[int]], dict[int, str]]:
    """A ``Source.texts`` loader: ``render(row)`` for each row of ``model`` the page shows."""

    def load(ids: list[int]) -> dict[int, str]:
        return {row.pk: render(row) for row in model._default_manager.filter(pk__in=ids)}

    return load


def _cut(merged: list[Entry], size: int) -> tuple[list[Entry], datetime | None]:
    """The newest ``size`` entries and the cursor of the next page.

    The next page starts strictly before the last entry shown, so a page never ends in the middle
    of entries that share one instant: those move whole to the next page.
    """
    if len(merged) <= size:
        return merged, None
    shown = merged[:size]
    if merged[size].at == shown[-1].at:
        kept = [e for e in shown if e.at != shown[-1].at]
        shown = kept or shown
    return shown, shown[-1].at


def page(
    case: Case,
    access: Access,
    *,
    sources: Sequence[Source] | None = None,
    until: datetime | None = None,
    since: datetime | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """One page of the timeline of ``case`` as ``access`` may see it."""
    sources = plugins.timeline_sources() if sources is None else sources
    window = Window(until=until, since=since, limit=size + 1)
    merged = sorted(
        (entry for source in sources for entry in source.entries(case, access, window)),
        key=lambda e: (e.at, e.record_type, e.record_id),
        reverse=True,
    )
    shown, older = _cut(merged, size)
    return Page(entries=_with_texts(shown, sources), older=older)


def _with_texts(entries: list[Entry], sources: Iterable[Source]) -> list[Entry]:
    loaders = {source.record_type: source.texts for source in sources if source.texts}
    ids: dict[str, list[int]] = {}
    for entry in entries:
        if entry.record_type in loaders:
            ids.setdefault(entry.record_type, []).append(entry.record_id)
    texts = {kind: loaders[kind](record_ids) for kind, record_ids in ids.items()}
    return [
        replace(e, text=texts[e.record_type].get(e.record_id, "")) if e.record_type in texts else e
        for e in entries
    ]


# --- The cases' own sources -------------------------------------------------------------------


def _opened(case: Case, access: Access, window: Window) -> list[Entry]:
    at = case.created_at
    if (window.until and at >= window.until) or (window.since and at < window.since):
        return []
    return [Entry(at, "opened", _("Case opened"), "case", case.pk, who=str(case.case_manager))]


def _notes(case: Case, access: Access, window: Window) -> list[Entry]:
    # A confidential note of another discipline is not even loaded.
    notes = case.notes.filter(Q(confidential_to="") | Q(confidential_to__in=access.readable_disciplines))
    rows = window.bound(plain_columns(notes.select_related("author")), "created_at")
    return [Entry(note.created_at, "note", _("Note"), "note", note.pk, who=str(note.author)) for note in rows]


def _changes(case: Case, access: Access, window: Window) -> list[Entry]:
    changes = FieldChange.objects.filter(object_type="case", object_id=case.pk).select_related("changed_by")
    return [
        Entry(
            change.changed_at, "change", _("%(field)s changed") % {"field": readable_label(change, [Case])},
            "field_change", change.pk, who=str(change.changed_by),
        )
        for change in window.bound(plain_columns(changes), "changed_at")
    ]  # fmt: skip


def _change_text(change: FieldChange) -> str:
    _label, old, new = readable(change, [Case], lists=CASE_LISTS)
    return f"{old or '—'} → {new or '—'}"


# The cases' own sources (its plug-in adds them).
SOURCES: list[Source] = [
    Source("case", _opened),
    Source("note", _notes, texts_of(Note, lambda note: note.text)),
    Source("field_change", _changes, texts_of(FieldChange, _change_text)),
]
