"""Every audit URL × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import Role
from ostoja.audit.models import BreakGlassGrant
from ostoja.testing.access import BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db


def _holders_grant(get):
    get("case")  # the test case, for which the cast's break-glass holder has a grant
    return [BreakGlassGrant.objects.get(user=get("cast")[BREAK_GLASS]).pk]


ROUTES = [
    Route("audit:log", [Role.ADMINISTRATOR, Role.SUPERVISOR]),
    # The holder ends their own grant, a supervisor anyone's; for everyone else it does not exist.
    Route(
        "audit:break_glass_end",
        [Role.SUPERVISOR, BREAK_GLASS],
        _holders_grant,
        method="post",
        allowed_status=302,
        denied_status=404,
    ),
    # A supervisor reviews a colleague's grant; for everyone else it does not exist.
    Route(
        "audit:break_glass_review",
        [Role.SUPERVISOR],
        _holders_grant,
        method="post",
        allowed_status=302,
        denied_status=404,
    ),
]

test_route_access = routes_test(ROUTES)
