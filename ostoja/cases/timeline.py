"""The case timeline: everything that happened on a case, in order.

Each app that records something about a case adds a source here (``register``); the timeline
merges them. Sources return plain entries, already limited to what the viewer may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from ostoja.cases.models import Case


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str
    title: str
    text: str = ""
    who: str = ""


SOURCES: list[Callable[[Case], list[Entry]]] = []


def register(source: Callable[[Case], list[Entry]]) -> Callable[[Case], list[Entry]]:
    SOURCES.append(source)
    return source


def timeline(case: Case, limit: int = 200) -> list[Entry]:
    entries = [entry for source in SOURCES for entry in source(case)]
    return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]


@register
def _opened(case: Case) -> list[Entry]:
    return [Entry(case.created_at, "opened", _("Case opened"), who=str(case.case_manager))]


@register
def _notes(case: Case) -> list[Entry]:
    return [
        Entry(note.created_at, "note", _("Note"), note.text, str(note.author))
        for note in case.notes.select_related("author")[:200]
    ]


@register
def _changes(case: Case) -> list[Entry]:
    from ostoja.history.services import history_of

    return [
        Entry(
            change.changed_at, "change",
            _("%(field)s changed") % {"field": change.label},
            f"{change.old_value or '—'} → {change.new_value or '—'}",
            str(change.changed_by),
        )
        for change in history_of(object_type="case", object_id=case.pk)[:200]
    ]  # fmt: skip
