"""Every services URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.services.catalogue import install
from ostoja.services.models import Delivery, Service
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

RECORD = [Role.CASE_MANAGER, Role.SUPERVISOR, ASSIGNED]
VIEW = [*RECORD, BREAK_GLASS]


def _case(get):
    return [get("case").pk]


def _delivery(get):
    case = get("case")
    install(Service)
    delivery = Delivery.objects.create(
        case=case,
        service=Service.objects.first(),
        delivered_on=timezone.localdate(),
        recorded_by=case.case_manager,
    )
    return [delivery.pk]


def _service(get):
    install(Service)
    return [Service.objects.first().pk]


ROUTES = [
    Route("services:deliveries", VIEW, _case),
    Route("services:delivery_new", RECORD, _case),
    Route("services:delivery", VIEW, _delivery),
    Route("services:catalogue", [Role.ADMINISTRATOR]),
    Route("services:service_new", [Role.ADMINISTRATOR]),
    Route("services:service_edit", [Role.ADMINISTRATOR], _service),
]

test_route_access = routes_test(ROUTES)
