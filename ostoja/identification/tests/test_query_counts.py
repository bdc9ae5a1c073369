"""Pages take a bounded number of queries however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import IdStatus
from ostoja.identification.models import IdentificationStatusChange

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def ask(case, actor):
    services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.PRELIMINARY, grounds="g"), actor=actor
    )


def test_confirmations_and_dashboard_do_not_grow(client_for, case_factory, person_factory, cast):
    client = client_for(Role.SUPERVISOR)
    ask(case_factory(), cast[Role.CASE_MANAGER])
    few = {url: count(client, url) for url in (reverse("identification:confirmations"), "/")}
    for _ in range(15):
        ask(case_factory(person=person_factory()), cast[Role.CASE_MANAGER])
    for url, before in few.items():
        assert count(client, url) <= before, url


def test_case_pages_do_not_grow_with_screenings_and_changes(client_for, case, cast, screening_factory):
    client = client_for(Role.CASE_MANAGER)
    urls = [
        reverse("cases:case_detail", args=[case.pk]),
        reverse("identification:case_overview", args=[case.pk]),
        reverse("identification:status_change", args=[case.pk]),
    ]
    screening_factory(case, answers={"dr_job": "yes"})
    services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.SUSPECTED), actor=cast[Role.CASE_MANAGER]
    )
    few = {url: count(client, url) for url in urls}
    for _ in range(15):
        s = screening_factory(case, answers={"dr_job": "yes", "ex_hours": "yes"})
        services.screening_finish(screening=s, status="completed")
    for url, before in few.items():
        assert count(client, url) <= before, url


def test_screening_result_does_not_grow_with_answers(client_for, case, screening_factory):
    client = client_for(Role.CASE_MANAGER)
    few_answers = screening_factory(case, answers={"dr_job": "yes"})
    many_answers = screening_factory(
        case,
        answers=dict.fromkeys(("dr_job", "dr_wages", "ex_hours", "ex_pay", "cd_debt", "cd_documents"), "yes"),
    )
    assert count(client, reverse("identification:screening_result", args=[many_answers.pk])) <= count(
        client, reverse("identification:screening_result", args=[few_answers.pk])
    )


def test_interpreters_and_the_start_form_do_not_grow_with_the_list(client_for, case, cast):
    from ostoja.identification.models import Interpreter

    def add(n):
        for i in range(n):
            services.interpreter_add(
                interpreter=Interpreter(name=f"Interpreter {i}", languages=["uk"]),
                actor=cast[Role.SUPERVISOR],
            )

    supervisor = client_for(Role.SUPERVISOR)
    manager = client_for(Role.CASE_MANAGER)
    add(1)
    lists = count(supervisor, reverse("identification:interpreters"))
    start = count(manager, reverse("identification:screening_start", args=[case.pk]))
    add(15)
    assert count(supervisor, reverse("identification:interpreters")) <= lists
    assert count(manager, reverse("identification:screening_start", args=[case.pk])) <= start


def test_result_and_correction_do_not_grow_with_corrections(client_for, case, cast, screening_factory):
    client = client_for(Role.CASE_MANAGER)
    screening = screening_factory(case, answers={"dr_job": "yes"})
    services.screening_finish(screening=screening, status="completed")
    urls = [
        reverse("identification:screening_result", args=[screening.pk]),
        reverse("identification:screening_correct", args=[screening.pk]),
    ]
    answers = ["yes", "no"]
    services.answer_correct(
        screening=screening, code="dr_job", answer="no", reason="r", actor=cast[Role.CASE_MANAGER]
    )
    few = {url: count(client, url) for url in urls}
    for n in range(10):
        services.answer_correct(
            screening=screening,
            code="dr_job",
            answer=answers[n % 2],
            reason=f"r{n}",
            actor=cast[Role.CASE_MANAGER],
        )
    for url, before in few.items():
        assert count(client, url) <= before, url
