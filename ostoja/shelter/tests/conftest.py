import datetime as dt

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.shelter import services
from ostoja.shelter.models import Place, Placement

ADDRESS = "ul. Tajna 13 m. 4, 02-999 Zielonka"


@pytest.fixture
def place(db):
    place = Place(name="Safe flat A", kind="safe_flat", capacity=2)
    services.place_save(place=place, placers=[], address=ADDRESS, expected_version=0)
    return place


@pytest.fixture
def make_placement(cast):
    def make(case, place, *, start=None, end=None, kind="short_term", reason=None, actor=None) -> Placement:
        return services.placement_create(
            placement=Placement(
                case=case, place=place, kind=kind, start_on=start or timezone.localdate() - dt.timedelta(days=2),
                end_on=end, end_reason=("planned" if end else "") if reason is None else reason,
            ),
            actor=actor or cast[Role.CASE_MANAGER],
        )  # fmt: skip

    return make


@pytest.fixture
def placement(case, place, make_placement):
    """The test case's person staying at ``place`` tonight."""
    return make_placement(case, place)


@pytest.fixture
def client_for(cast):
    """A signed-in client reading the pages in English (the staff's other language; Polish is the default)."""
    from django.test import Client

    from ostoja.testing.access import login_verified

    def make(principal: str) -> Client:
        client = login_verified(Client(), cast[principal])
        client.cookies["ostoja_language"] = "en"
        return client

    return make
