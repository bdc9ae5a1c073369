"""Every tasks URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.roles import STAFF, Role
from ostoja.tasks import services
from ostoja.tasks.codes import TaskKind
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

SET = [Role.CASE_MANAGER, Role.SUPERVISOR, ASSIGNED]  # whoever records their work on the case
VIEW = [*SET, BREAK_GLASS]


def _case(get):
    return [get("case").pk]


def _task(get):
    case = get("case")
    task = services.task_create(
        case=case, owner=case.case_manager, kind=TaskKind.OTHER, due_on=timezone.localdate()
    )
    return [task.pk]


ROUTES = [
    Route("tasks:mine", [*STAFF, BREAK_GLASS, ASSIGNED]),
    Route("tasks:new", SET, _case),
    # Closing: the owner (the case manager) or whoever may change the case; others on the case are refused.
    Route("tasks:close", [Role.CASE_MANAGER, Role.SUPERVISOR], _task, method="post", allowed_status=302),
]

test_route_access = routes_test(ROUTES)
