"""Demo places to stay (fictional names and addresses) and stays of a few open demo cases: one in a
shelter now, one crisis night, one that ended and was followed by a safe flat."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case
from ostoja.demo import staff
from ostoja.shelter import services
from ostoja.shelter.models import Place, Placement

# Fictional: no such streets; the demo shows that an address exists, is hidden and can be revealed.
PLACES = [
    ("Schronisko „Północ”", "shelter", 8, "ul. Przykładowa 1 (adres fikcyjny)\n00-001 Miasto Demo"),
    ("Mieszkanie chronione A", "safe_flat", 3, "ul. Zmyślona 7 m. 2 (adres fikcyjny)\n00-002 Miasto Demo"),
    (
        "Hostel partnerski „Wschód”",
        "partner_hostel",
        4,
        "al. Nieistniejąca 15 (adres fikcyjny)\n00-003 Miasto Demo",
    ),
]


def ensure_demo_shelter() -> list[str]:
    """Adds the places and stays once; later calls only report what is there."""
    if Place.objects.filter(name=PLACES[0][0]).exists():
        return [_summary(), "Demo places to stay were already loaded; nothing added."]
    demo_users = [u for u, *_ in staff.DEMO_STAFF]
    cases = list(
        Case.objects.filter(case_manager__username__in=demo_users).exclude(status__in=CLOSED_STATUSES)
        .select_related("case_manager", "person").order_by("pk")[:3]
    )  # fmt: skip
    today = timezone.localdate()
    with transaction.atomic():
        places = []
        for name, kind, capacity, address in PLACES:
            place = Place(name=name, kind=kind, capacity=capacity)
            services.place_save(place=place, placers=[], address=address, expected_version=0)
            places.append(place)
        shelter, flat, hostel = places
        stays = [
            (0, shelter, "short_term", today - timedelta(days=12), None, ""),
            (1, hostel, "crisis_night", today, today + timedelta(days=1), ""),
            (
                2,
                shelter,
                "crisis_night",
                today - timedelta(days=40),
                today - timedelta(days=39),
                "other_place",
            ),
            (2, flat, "long_term", today - timedelta(days=39), None, ""),
        ]
        for n, place, kind, start, end, reason in stays:
            if n >= len(cases):
                continue
            case = cases[n]
            services.placement_create(
                placement=Placement(
                    case=case, place=place, kind=kind, start_on=start, end_on=end, end_reason=reason
                ),
                actor=case.case_manager,
            )
    return [_summary()]


def _summary() -> str:
    return f"Demo places to stay: {Place.objects.count()}, stays: {Placement.objects.count()}."
