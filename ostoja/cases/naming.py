"""Records named as people know them: by case number, by date, never by an internal id.

Each app lists the record types it names in its plug-in (``plugins.RecordKind``); the audit log
names the records of a page with one query per type. Only plain columns are read: a case number,
a date, a staff member's name. A person is named by their case, since the readers of these names
(the audit log's supervisors and administrators) need not be allowed to read the person's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from ostoja import dates
from ostoja.cases.models import Case, Note

Names = Callable[[list[int]], dict[int, str]]


def by_case(model: type[Model], text: Callable[[], str], path: str = "case__number") -> Names:
    """``text()`` % {"number": …} for each record of ``model``, from its case's number."""

    def names(ids: list[int]) -> dict[int, str]:
        rows = model._default_manager.filter(pk__in=ids).values_list("pk", path)
        return {pk: text() % {"number": number} for pk, number in rows if number}

    return names


def by_time(model: type[Model], field: str, text: Callable[[], str], case: str | None = None) -> Names:
    """``text()`` % {"when": …, "case": …} for each record, from a date or time of its own."""

    def names(ids: list[int]) -> dict[int, str]:
        columns = ["pk", field, *([case] if case else [])]
        found: dict[int, str] = {}
        for row in model._default_manager.filter(pk__in=ids).values_list(*columns):
            when = dates.show(row[1])
            name = text() % {"when": when}
            if case and row[2]:
                name = _("%(name)s, case %(number)s") % {"name": name, "number": row[2]}
            found[row[0]] = name
        return found

    return names


def by_field(model: type[Model], field: str, text: Callable[[], str]) -> Names:
    """``text()`` % {"value": …} for each record, from a plain column of its own (a report's year)."""

    def names(ids: list[int]) -> dict[int, str]:
        rows = model._default_manager.filter(pk__in=ids).values_list("pk", field)
        return {pk: text() % {"value": value} for pk, value in rows if value is not None}

    return names


def by_label(model: type[Model]) -> Names:
    """Each record of a catalogue the administrators keep (a service, a report category) by its own
    name in the reader's language (``str()`` of the record, which holds no personal data)."""

    def names(ids: list[int]) -> dict[int, str]:
        return {record.pk: str(record) for record in model._default_manager.filter(pk__in=ids)}

    return names


def cases(ids: list[int]) -> dict[int, str]:
    return dict(Case.objects.filter(pk__in=ids).values_list("pk", "number"))


def persons(ids: list[int]) -> dict[int, str]:
    found: dict[int, Any] = {}
    for person_id, number in (
        Case.objects.filter(person_id__in=ids).order_by("number").values_list("person_id", "number")
    ):
        found.setdefault(person_id, number)
    return {
        pk: (_("the person of case %(number)s") % {"number": found[pk]})
        if pk in found
        else _("a person without a case")
        for pk in ids
    }


def find_case(number: str) -> list[tuple[str, int]]:
    """The case with that number and its person (the audit log's search by case number)."""
    found = Case.objects.filter(number=number.strip()).values_list("pk", "person_id").first()
    return [("case", found[0]), ("person", found[1])] if found else []


def case_manager_of(pk: int):
    case = Case.objects.select_related("case_manager").filter(pk=pk).first()
    return case.case_manager if case else None


notes = by_case(Note, lambda: _("a note in case %(number)s"))
