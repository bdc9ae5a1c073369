"""Every legal-matters URL × every principal (the route matrix): reading needs VIEW on the case,
recording and changing need CHANGE, as for assessments and the support plan."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.legal import services
from ostoja.legal.models import Hearing, Matter, Proceeding
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

RECORD = [Role.CASE_MANAGER, Role.SUPERVISOR]  # the case manager, the team, supervision
VIEW = [*RECORD, ASSIGNED, BREAK_GLASS]


def _case(get):
    return [get("case").pk]


def _proceeding_record(get) -> Proceeding:
    case = get("case")
    return services.proceeding_save(
        proceeding=Proceeding(case=case, role="witness", authority="police", stage="investigation"),
        expected_version=0, actor=case.case_manager,
    )  # fmt: skip


def _proceeding(get):
    return [_proceeding_record(get).pk]


def _hearing(get):
    hearing = services.hearing_save(
        hearing=Hearing(proceeding=_proceeding_record(get), held_on=timezone.localdate() + timedelta(days=30)),
        expected_version=0, actor=get("case").case_manager,
    )  # fmt: skip
    return [hearing.pk]


def _matter(get):
    case = get("case")
    matter = services.matter_save(
        matter=Matter(case=case, kind="alimony", status="preparing"),
        expected_version=0,
        actor=case.case_manager,
    )
    return [matter.pk]


ROUTES = [
    Route("legal:overview", VIEW, _case),
    Route("legal:proceeding_new", RECORD, _case),
    Route("legal:proceeding_edit", RECORD, _proceeding),
    Route("legal:hearing_new", RECORD, _proceeding),
    Route("legal:hearing_edit", RECORD, _hearing),
    Route("legal:decision_new", RECORD, _case),
    Route("legal:residence_new", RECORD, _case),
    Route("legal:matter_new", RECORD, _case),
    Route("legal:matter_edit", RECORD, _matter),
]

test_route_access = routes_test(ROUTES)

# A form sent by someone without CHANGE is refused before anything is read or stored.
SENT = [
    Route("legal:residence_new", RECORD, _case, method="post", data={"kind": "permit"}, allowed_status=400),
    Route(
        "legal:proceeding_edit",
        RECORD,
        _proceeding,
        method="post",
        data={"stage": "trial"},
        allowed_status=400,
    ),
]

test_sent_forms_access = routes_test(SENT)
