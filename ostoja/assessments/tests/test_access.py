"""Every assessments URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.assessments import services
from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

RECORD = [Role.CASE_MANAGER, Role.SUPERVISOR]  # the case manager, the team, supervision
VIEW = [*RECORD, ASSIGNED, BREAK_GLASS]


def _case(get):
    return [get("case").pk]


def _needs(get):
    case = get("case")
    assessment = services.needs_save(
        assessment=NeedsAssessment(case=case, kind="initial", mode="phone", assessed_on=timezone.localdate()),
        needs=[], actor=case.case_manager,
    )  # fmt: skip
    return [assessment.pk]


def _safety(get):
    case = get("case")
    assessment = services.safety_save(
        assessment=SafetyAssessment(
            case=case, assessed_on=timezone.localdate(), review_on=timezone.localdate(),
            threats=[{"at_risk": "person", "threat": "debt", "severity": 3, "likelihood": 3}],
        ),
        actor=case.case_manager,
    )  # fmt: skip
    return [assessment.pk]


ROUTES = [
    Route("assessments:needs_new", RECORD, _case),
    Route("assessments:needs", VIEW, _needs),
    Route("assessments:safety_new", RECORD, _case),
    Route("assessments:safety", VIEW, _safety),
]

test_route_access = routes_test(ROUTES)
