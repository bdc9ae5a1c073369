"""Every identification URL × every principal (the route matrix)."""

import pytest
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import IdStatus
from ostoja.identification.models import IdentificationStatusChange, Interpreter
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, login_verified, routes_test

pytestmark = pytest.mark.django_db

CHANGE = [Role.CASE_MANAGER, Role.SUPERVISOR]  # record screenings, decisions, the profile
VIEW = [*CHANGE, ASSIGNED, BREAK_GLASS]  # read them
CHECKLIST = [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR, BREAK_GLASS, ASSIGNED]


def _case(get):
    return [get("case").pk]


def _screening(get, *rest):
    return [get("screening_factory")(get("case")).pk, *rest]


def _finished_screening(get):
    screening = get("screening_factory")(get("case"))
    services.screening_finish(screening=screening, status="completed")
    return [screening.pk]


def _pending_change(get):
    services.status_request(
        change=IdentificationStatusChange(case=get("case"), status=IdStatus.PRELIMINARY, grounds="g"),
        actor=get("cast")[Role.CASE_MANAGER],
    )
    return [IdentificationStatusChange.objects.get().pk]


def _interpreter(get):
    return [
        Interpreter.objects.create(name="Olha", languages=["uk"], added_by=get("cast")[Role.SUPERVISOR]).pk
    ]


STAFF_ROLES = [*Role.values, BREAK_GLASS, ASSIGNED]

ROUTES = [
    Route("identification:case_overview", VIEW, _case),
    Route("identification:status_change", CHANGE, _case),
    Route("identification:profile_edit", CHANGE, _case),
    Route("identification:screening_start", CHANGE, _case),
    Route("identification:screening_result", VIEW, _screening),
    Route("identification:screening_step", CHANGE, lambda get: _screening(get, 1)),
    Route("identification:screening_complete", CHANGE, _screening, method="post", allowed_status=302),
    Route("identification:screening_correct", CHANGE, _finished_screening),
    Route("identification:confirmations", [Role.SUPERVISOR]),
    Route(
        "identification:status_review",
        [Role.SUPERVISOR],
        _pending_change,
        method="post",
        data=lambda get: {f"c{IdentificationStatusChange.objects.get().pk}-decision": "reject"},
        allowed_status=400,
    ),
    Route("identification:checklist", CHECKLIST),
    Route("identification:interpreters", list(STAFF_ROLES)),
    Route(
        "identification:interpreter_availability",
        [Role.SUPERVISOR],
        _interpreter,
        method="post",
        data=lambda get: {"active": "0"},
        allowed_status=302,
    ),
]

test_route_access = routes_test(ROUTES)


@pytest.mark.parametrize("name", ["status_change", "profile_edit", "screening_start"])
def test_posting_needs_change_too(name, cast, case):
    from ostoja.testing.access import assert_access

    assert_access(
        reverse(f"identification:{name}", args=[case.pk]), cast=cast, allowed=CHANGE, method="post",
        allowed_status={200, 302, 400},
    )  # fmt: skip


def test_a_colleague_outside_the_team_is_refused(case, make_staff, screening_factory):
    other = make_staff("other_manager", Role.CASE_MANAGER)
    screening = screening_factory(case)
    client = login_verified(Client(), other)
    for url in (
        reverse("identification:case_overview", args=[case.pk]),
        reverse("identification:screening_result", args=[screening.pk]),
        reverse("identification:screening_step", args=[screening.pk, 1]),
    ):
        assert client.get(url).status_code == 403


def test_the_checklist_attaches_only_to_a_case_the_user_may_change(cast, case, client_for):
    from ostoja.identification.models import ChecklistRecord

    data = {"ilo": ["ilo_debt"], "case_number": case.number}
    for principal in (BREAK_GLASS, ASSIGNED, Role.SPECIALIST, Role.DUTY_WORKER):
        response = client_for(principal).post(reverse("identification:checklist"), data)
        assert "case_number" in response.context["form"].errors, principal
    assert not ChecklistRecord.objects.exists()
    assert client_for(Role.CASE_MANAGER).post(reverse("identification:checklist"), data).status_code == 200
    assert ChecklistRecord.objects.filter(case=case).count() == 1


@pytest.mark.parametrize("principal", [Role.SUPERVISOR, Role.CASE_MANAGER])
def test_unknown_ids_are_404(principal, client_for):
    client = client_for(principal)
    for name, args in [
        ("case_overview", [987654]),
        ("status_change", [987654]),
        ("profile_edit", [987654]),
        ("screening_start", [987654]),
        ("screening_result", [987654]),
        ("screening_step", [987654, 1]),
    ]:
        assert client.get(reverse(f"identification:{name}", args=args)).status_code == 404, name


def test_only_a_supervisor_adds_to_the_interpreters_list(cast):
    from ostoja.testing.access import assert_access

    assert_access(
        reverse("identification:interpreters"), cast=cast, allowed=[Role.SUPERVISOR], method="post",
        allowed_status={200, 302, 400},
    )  # fmt: skip
