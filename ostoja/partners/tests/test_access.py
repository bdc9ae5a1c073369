"""Every partner-directory URL × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import Role
from ostoja.partners.models import Organisation
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

EVERY_ROLE = [*Role.values, BREAK_GLASS, ASSIGNED]
EDITORS = [Role.ADMINISTRATOR, Role.SUPERVISOR]


def _organisation(get):
    return [Organisation.objects.order_by("pk").first().pk]


ROUTES = [
    Route("partners:directory", EVERY_ROLE),
    Route("partners:organisation", EVERY_ROLE, _organisation),
    Route("partners:organisation_new", EDITORS),
    Route("partners:organisation_edit", EDITORS, _organisation),
]

test_route_access = routes_test(ROUTES)
