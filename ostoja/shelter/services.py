"""Placing a person, changing or ending a stay, and keeping the places (with their secret address)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ostoja import dates, versions
from ostoja.cases import access
from ostoja.people.models import Person
from ostoja.shelter.access import PLACE, may_place_at
from ostoja.shelter.models import Place, PlaceAddress, Placement


def _first_full_night(
    place: Place, start: dt.date, end: dt.date | None, exclude: int | None
) -> dt.date | None:
    """The first night from ``start`` to ``end`` on which every bed of ``place`` is taken by others.

    The most people at once is reached on the first night or on a night someone else arrives, so
    only those nights are counted (one query for the stays that share any night).
    """
    others = Placement.objects.filter(place=place).overlapping(start, end)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    stays = list(others.values_list("start_on", "end_on"))
    nights = sorted({start, *(s for s, _e in stays if s > start and (end is None or s < end))})
    for night in nights:
        here = sum(1 for s, e in stays if s <= night and (e is None or e > night))
        if here >= place.capacity:
            return night
    return None


def _check(placement: Placement) -> None:
    """The rules of a stay, each refusal next to its field: dates in order, no two stays of one person
    on the same night, a bed free every night."""
    errors: dict[str, str] = {}
    if placement.end_on is not None and placement.end_on <= placement.start_on:
        errors["end_on"] = _("The day the person leaves must be after the first night.")
    if placement.end_on is not None and placement.end_on <= timezone.localdate() and not placement.end_reason:
        errors["end_reason"] = _("Say why the stay ended.")
    if placement.end_on is None and placement.end_reason:
        errors["end_reason"] = _(
            "A stay that goes on has no reason for ending; give the day the person left."
        )
    if errors:
        raise ValidationError(errors)
    same_person = Placement.objects.filter(case__person_id=placement.case.person_id).overlapping(
        placement.start_on, placement.end_on
    )
    if placement.pk is not None:
        same_person = same_person.exclude(pk=placement.pk)
    clash = same_person.select_related("case", "place").order_by("start_on").first()
    if clash is not None:
        errors["start_on"] = _(
            "The person already stays at %(place)s from %(start)s%(until)s (case %(case)s). Stays of one person "
            "cannot share a night: end that stay first or choose other dates."
        ) % {
            "place": clash.place.name, "start": dates.show(clash.start_on),
            "until": (" " + _("to %(end)s") % {"end": dates.show(clash.end_on)}) if clash.end_on else "",
            "case": clash.case.number,
        }  # fmt: skip
    full = _first_full_night(placement.place, placement.start_on, placement.end_on, placement.pk)
    if full is not None:
        errors["place"] = _(
            "%(place)s is full on the night of %(night)s: all %(capacity)s places are taken. Choose another place or "
            "other dates."
        ) % {"place": placement.place.name, "night": dates.show(full), "capacity": placement.place.capacity}
    if errors:
        raise ValidationError(errors)


def _lock(placement: Placement) -> None:
    """Two stays saved at once for one person, or for the last bed of a place, wait for each other."""
    Person.objects.select_for_update().filter(pk=placement.case.person_id).only("pk").first()
    Place.objects.select_for_update().filter(pk=placement.place_id).only("pk").first()


@transaction.atomic
def placement_create(*, placement: Placement, actor) -> Placement:
    """Records a stay: the actor may change the case and place people at the place; refused with the
    field at fault when the dates, the person's other stays or the beds do not allow it."""
    if not access.may(actor, placement.case, PLACE) or not may_place_at(actor, placement.place):
        raise PermissionDenied
    _lock(placement)
    _check(placement)
    placement.created_by = actor
    if placement.end_reason:
        placement.ended_at = timezone.now()
    placement.full_clean(exclude=["case", "place", "created_by"])
    placement.save()
    return placement


@transaction.atomic
def placement_update(*, placement: Placement, actor, expected_version: int | None) -> Placement:
    """Changes a stay (its dates, its kind, its end) under the same rules; version-checked."""
    if not access.may(actor, placement.case, PLACE):
        raise PermissionDenied
    _lock(placement)
    _check(placement)
    if placement.end_reason and placement.ended_at is None:
        placement.ended_at = timezone.now()
    elif not placement.end_reason:
        placement.ended_at = None
    placement.full_clean(exclude=["case", "place", "created_by"])
    versions.save(placement, expected_version)
    return placement


@sensitive_variables("address")
@transaction.atomic
def place_save(*, place: Place, placers, address: str, expected_version: int | None) -> list[str]:
    """Saves a place and, if ``address`` is given, replaces its address (an empty one keeps it).

    Returns the names of what changed for the audit row: ``address`` when it was replaced, never its value.
    """
    place.full_clean(exclude=["placers"])
    versions.save(place, expected_version)
    place.placers.set(placers)
    address = address.strip()
    if not address:
        return []
    stored = PlaceAddress.objects.select_for_update().filter(place=place).first() or PlaceAddress(place=place)
    stored.address = address
    stored.full_clean(exclude=["place"])
    stored.save()
    return ["address"]


def has_address(place_ids: list[int]) -> set[int]:
    """Of ``place_ids``, those with an address stored (nothing decrypted)."""
    return set(PlaceAddress.objects.filter(place_id__in=place_ids).values_list("place_id", flat=True))


def occupancy(day: dt.date) -> dict[int, int]:
    """People staying at each place on the night after ``day``: one grouped query."""
    from django.db.models import Count

    rows = Placement.objects.on_night(day).values_list("place_id").annotate(n=Count("pk")).order_by()
    return dict(rows)
