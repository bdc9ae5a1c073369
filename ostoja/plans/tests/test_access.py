"""Every support plan URL × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import Role
from ostoja.plans import services
from ostoja.plans.models import Goal
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

EDIT = [Role.CASE_MANAGER, Role.SUPERVISOR]
VIEW = [*EDIT, ASSIGNED, BREAK_GLASS]


def _case(get):
    return [get("case").pk]


def _plan(get):
    case = get("case")
    return [services.plan_start(case=case, actor=case.case_manager).pk]


def _second(get):
    case = get("case")
    first = services.plan_start(case=case, actor=case.case_manager)
    Goal.objects.create(plan=first, domain="legal", goal="g")
    first.approved_at, first.approved_by = first.created_at, case.case_manager
    first.save()
    return [services.plan_start(case=case, actor=case.case_manager).pk]


ROUTES = [
    Route("plans:start", EDIT, _case, method="post", allowed_status=302),
    Route("plans:detail", VIEW, _plan),
    Route("plans:edit", EDIT, _plan),
    Route(
        "plans:approve", [Role.SUPERVISOR], _plan, method="post", data={"version": "1"}, allowed_status=400
    ),
    Route("plans:compare", VIEW, _second),
]

test_route_access = routes_test(ROUTES)
