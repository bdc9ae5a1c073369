"""Safe accommodation in the person's own copy: each stay by kind and dates, never where.

The copy names neither the place nor its address (a copy handed over may be read by someone else);
every address of a place the person stayed at is given as a secret text, which the copy replaces
wherever it might occur (e.g. typed into a note).
"""

from __future__ import annotations

from typing import Any

from ostoja.plugins import SubjectRecord, SubjectSection
from ostoja.shelter.models import PlaceAddress, Placement


def _label(field: str) -> Any:
    return Placement._meta.get_field(field).verbose_name


def subject_data(person: Any) -> list[SubjectSection]:
    stays = Placement.objects.filter(case__person=person).select_related("case").order_by("start_on", "pk")
    records = [
        SubjectRecord(
            f"{Placement._meta.verbose_name} — {stay.case.number}",
            [
                (_label("kind"), stay.get_kind_display()),
                (_label("start_on"), stay.start_on),
                (_label("end_on"), stay.end_on),
                (_label("end_reason"), stay.get_end_reason_display() if stay.end_reason else ""),
            ],
            ("placement", stay.pk),
        )
        for stay in stays
    ]
    return [SubjectSection("shelter", Placement._meta.verbose_name_plural, records, order=58)]


def secret_places(person: Any) -> list[str]:
    places = Placement.objects.filter(case__person=person).values("place_id")
    return [row.address for row in PlaceAddress.objects.filter(place_id__in=places)]
