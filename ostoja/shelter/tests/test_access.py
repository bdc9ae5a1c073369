"""Every shelter URL × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import Role
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

PLACE = [Role.CASE_MANAGER, Role.SUPERVISOR]
VIEW = [*PLACE, ASSIGNED, BREAK_GLASS]
# The address: the case manager of a person staying there tonight, and supervision. Never the
# specialist on the team, nor a break-glass holder, nor a duty worker, nor an administrator.
REVEAL = [Role.CASE_MANAGER, Role.SUPERVISOR]


def _case(get):
    return [get("case").pk]


def _placement(get):
    return [get("placement").pk]


def _place(get):
    return [get("place").pk]


ROUTES = [
    Route("shelter:placements", VIEW, _case),
    Route("shelter:placement_new", PLACE, _case),
    Route("shelter:placement_edit", PLACE, _placement),
    Route("shelter:reveal", REVEAL, _placement),
    Route("shelter:occupancy", [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR]),
    Route("shelter:places", [Role.ADMINISTRATOR]),
    Route("shelter:place_new", [Role.ADMINISTRATOR]),
    Route("shelter:place_edit", [Role.ADMINISTRATOR], _place),
]

test_route_access = routes_test(ROUTES)
