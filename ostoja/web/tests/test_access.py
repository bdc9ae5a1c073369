"""Every URL of the staff shell × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import STAFF
from ostoja.testing.access import ANONYMOUS, ASSIGNED, BREAK_GLASS, OUTSIDER, Route, routes_test

pytestmark = pytest.mark.django_db

SIGNED_IN = [*STAFF, BREAK_GLASS, ASSIGNED, OUTSIDER]

ROUTES = [
    # The dashboard shows each role its sections; an account without a role gets an empty one.
    Route("web:dashboard", SIGNED_IN),
    Route("web:healthz", [*SIGNED_IN, ANONYMOUS], public=True),
]

test_route_access = routes_test(ROUTES)
