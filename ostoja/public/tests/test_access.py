"""Every URL of the public site and its staff side × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import STAFF, Role
from ostoja.partners.models import Organisation
from ostoja.public.services import library_document_add
from ostoja.public.tests.test_library_and_leaflets import tiny_pdf
from ostoja.testing.access import ANONYMOUS, ASSIGNED, BREAK_GLASS, OUTSIDER, Route, routes_test

pytestmark = pytest.mark.django_db

EVERYBODY = [*STAFF, BREAK_GLASS, ASSIGNED, OUTSIDER, ANONYMOUS]
EDITORS = [Role.SUPERVISOR, Role.ADMINISTRATOR]


def _document(get):
    return [library_document_add(request=None, data=tiny_pdf(), title="Doc", language="pl").pk]


def _public(name, *args):
    """A page of the public site: the same answer for everybody, signed in or not."""
    return Route(f"public:{name}", EVERYBODY, lambda get: args, public=True)


ROUTES = [
    _public("favicon"),
    _public("languages"),
    _public("neutral"),
    _public("home", "uk"),
    _public("help", "uk"),
    _public("rights", "uk"),
    _public("contact", "uk"),
    _public("react", "uk"),
    _public("report", "uk"),
    _public("report_sent", "uk"),
    _public("abroad", "uk"),
    _public("downloads", "uk"),
    _public("leaflet", "pl"),
    _public("safety", "uk"),
    Route("public:document", EVERYBODY, _document, public=True),
    Route("public:admin_home", EDITORS),
    Route("public:admin_text_edit", EDITORS, lambda get: ["uk", "rights"]),
    Route("public:admin_contact", EDITORS),
    Route("public:admin_partner", EDITORS, lambda get: [Organisation.objects.shown_publicly().first().pk]),
    Route("public:admin_library", EDITORS),
    # The first editor removes it; for the next it no longer exists.
    Route("public:admin_library_delete", EDITORS, _document, method="post", allowed_status={302, 404}),
]

test_route_access = routes_test(ROUTES)
