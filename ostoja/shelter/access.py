"""Who may place a person, read a stay, see a place's occupancy and reveal a place's address.

A stay belongs to a case: reading it needs VIEW on the case, recording or changing one CHANGE (the
case manager, the team, supervision) and a place that lets the user place people there.

The address of a place is hidden from everyone who sees the case. It is revealed, for one response,
on an explicit request with a reason, to the case manager or a team member (not a specialist who
does only their own work, not a break-glass holder) of a case whose person stays there tonight, and
to a supervisor. ``reveal_address_for`` is the only reader of the address: it refuses (audited)
or writes the ``reveal`` audit row with the reason before it decrypts anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.access import Access, Perm, Reason, get_case_record_for
from ostoja.shelter.models import Place, PlaceAddress, Placement

PLACE = Perm.CHANGE
PLACES_ROLES = (Role.ADMINISTRATOR,)
OCCUPANCY_ROLES = (Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR)
# The reasons to be near a case that may reveal the address of the person's current place.
REVEALING = frozenset({Reason.CASE_MANAGER, Reason.TEAM})


def may_place_at(user: Any, place: Place) -> bool:
    """Whether the place lets ``user`` put people up there: by role or by name."""
    if not place.active:
        return False
    if user.has_role(*place.placing_roles):
        return True
    return place.placers.filter(pk=user.pk).exists()


def places_for(user: Any) -> list[Place]:
    """The places in use where ``user`` may place people (two queries)."""
    mine = set(Place.placers.through.objects.filter(user_id=user.pk).values_list("place_id", flat=True))
    return [p for p in Place.objects.filter(active=True) if p.pk in mine or user.has_role(*p.placing_roles)]


def may_reveal(access: Access, placement: Placement) -> bool:
    """Whether the holder of ``access`` on the stay's case may ask for the place's address."""
    if Reason.SUPERVISION in access.reasons:
        return True
    return bool(access.reasons & REVEALING) and placement.current(timezone.localdate())


def get_placement_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> Placement:
    return get_case_record_for(
        request, Placement.objects.select_related("place", "created_by"), pk, need, object_type="placement",
        details=details,
    )  # fmt: skip


class Revealed(str):
    """A revealed address: itself where a page shows it, hidden where a value is only described (a
    traceback's or a debugger's view of the variables, a context dict's repr)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'[hidden address]'"


def _refuse_unless_revealing(request: HttpRequest, placement: Placement) -> list[tuple[str, int]]:
    access = placement.case.access
    related = [("placement", placement.pk), ("case", placement.case_id), ("person", placement.case.person_id)]
    if not may_reveal(access, placement):
        audit.note_denied(
            request, object_type="place", object_ids=[placement.place_id], related=related,
            details={**access.audit_details(), "needed": "reveal_address"},
        )  # fmt: skip
        raise PermissionDenied
    return related


def get_placement_to_reveal(request: HttpRequest, pk: int) -> Placement:
    """The stay ``pk`` for the form that asks why the address is needed: only to those who may reveal it."""
    placement = get_placement_for(request, pk, Perm.VIEW, details={"form": "address"})
    _refuse_unless_revealing(request, placement)
    return placement


@sensitive_variables("stored")
def reveal_address_for(request: HttpRequest, pk: int, *, reason: str) -> tuple[Placement, Revealed]:
    """The stay ``pk`` and its place's address, for this response only.

    404 without such a stay, 403 without VIEW on its case or without the right to reveal (both
    refusals audited). Otherwise one ``reveal`` row — the place, the stay, the case, the person and
    the reason — is written before the address is read.
    """
    placement = get_placement_for(request, pk, Perm.VIEW, details={"form": "address"})
    related = _refuse_unless_revealing(request, placement)
    access = placement.case.access
    audit.record(
        request=request, action="reveal", object_type="place", object_ids=[placement.place_id], related=related,
        reason=reason, details={**access.audit_details(), "field": "address"},
    )  # fmt: skip
    stored = PlaceAddress.objects.filter(place_id=placement.place_id).first()
    return placement, Revealed(stored.address if stored is not None else "")
