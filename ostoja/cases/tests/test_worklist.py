"""My cases as a worklist, the supervisor's workload view, and the high-risk flag where a case appears."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.assessments import services as assessments
from ostoja.assessments.models import SafetyAssessment
from ostoja.cases.codes import CaseKind
from ostoja.hotline.models import Contact
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind

pytestmark = pytest.mark.django_db

KIND = str(CaseKind.SUPPORT.label)  # in the staff language of the tests


def _high_risk(case, actor):
    return assessments.safety_save(
        assessment=SafetyAssessment(
            case=case, assessed_on=timezone.localdate(), review_on=timezone.localdate() + timedelta(days=7),
            threats=[{"at_risk": "person", "threat": "trafficker_contact", "severity": 3, "likelihood": 3}],
        ),
        actor=actor,
    )  # fmt: skip


def _busy_case(case_factory, person_factory, manager, n):
    case = case_factory(person=person_factory(given=f"Ольга{n}", given_latin=f"Olha{n}"), manager=manager)
    tasks.task_create(
        case=case, owner=manager, kind=TaskKind.FOLLOW_UP, due_on=timezone.localdate() + timedelta(days=2)
    )
    tasks.task_create(
        case=case, owner=manager, kind=TaskKind.OTHER, due_on=timezone.localdate() + timedelta(days=9)
    )
    Contact.objects.create(case=case, person=case.person, channel="phone", summary="Call", created_by=manager)
    _high_risk(case, manager)
    return case


def test_the_worklist_shows_name_risk_last_contact_next_step_and_no_kind(
    case_factory, person_factory, cast, client_for
):
    manager = cast[Role.CASE_MANAGER]
    case = _busy_case(case_factory, person_factory, manager, 1)
    calm = case_factory(person=person_factory(given="Анна", given_latin="Anna"), manager=manager)
    response = client_for(Role.CASE_MANAGER).get(reverse("cases:case_list"))
    rows = {row["case"].pk: row for row in response.context["rows"]}
    assert [str(f.label) for f in rows[case.pk]["flags"]] == ["Wysokie ryzyko"]
    assert str(rows[case.pk]["next_step"]) == "Kontynuacja po kontakcie" and rows[case.pk]["open_tasks"] == 2
    assert rows[case.pk]["last_contact"] is not None
    assert rows[calm.pk]["flags"] == [] and "next_step" not in rows[calm.pk]
    page = response.content.decode()
    assert "Olha1" in page or "Ольга1" in page
    assert "Wysokie ryzyko" in page and KIND not in page  # the kind column is gone
    # Filtered to high risk only.
    flagged = client_for(Role.CASE_MANAGER).get(reverse("cases:case_list"), {"flagged": "1"})
    assert [row["case"].pk for row in flagged.context["rows"]] == [case.pk]


def test_the_worklist_costs_the_same_for_many_cases(case_factory, person_factory, cast, client_for):
    manager = cast[Role.CASE_MANAGER]
    client = client_for(Role.CASE_MANAGER)
    _busy_case(case_factory, person_factory, manager, 0)
    client.get(reverse("cases:case_list"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("cases:case_list")).status_code == 200
    for n in range(1, 8):
        _busy_case(case_factory, person_factory, manager, n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("cases:case_list"))
    assert len(response.context["rows"]) == 8
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_the_workload_view_counts_per_case_manager(
    case_factory, person_factory, cast, client_for, make_staff
):
    manager = cast[Role.CASE_MANAGER]
    other = make_staff("second_manager", Role.CASE_MANAGER)
    _busy_case(case_factory, person_factory, manager, 1)
    case_factory(manager=manager)
    case_factory(manager=other)
    tasks.task_create(
        case=case_factory(manager=other),
        owner=other,
        kind=TaskKind.OTHER,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    client = client_for(Role.SUPERVISOR)
    response = client.get(reverse("cases:workload"))
    labels = [str(c.label) for c in response.context["columns"]]
    counts = {row["user"]: dict(zip(labels, row["counts"], strict=True)) for row in response.context["rows"]}
    assert counts[manager] == {"Otwarte sprawy": 2, "Sprawy wysokiego ryzyka": 1, "Zaległe zadania": 0}
    assert counts[other] == {"Otwarte sprawy": 2, "Sprawy wysokiego ryzyka": 0, "Zaległe zadania": 1}
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cases:workload"))
    for n in range(4):
        case_factory(manager=make_staff(f"manager_{n}", Role.CASE_MANAGER))
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("cases:workload"))
    assert len(more) == len(few)


def test_the_high_risk_flag_is_on_the_duty_card_and_the_case(case, cast, client_for):
    _high_risk(case, cast[Role.CASE_MANAGER])
    duty = client_for(Role.DUTY_WORKER).get(reverse("cases:case_detail", args=[case.pk]))
    assert "cases/duty_card.html" in [t.name for t in duty.templates]
    assert "Wysokie ryzyko" in duty.content.decode()
    assert (
        "Wysokie ryzyko"
        in client_for(Role.CASE_MANAGER).get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    )
    # Someone who may only know the case exists learns nothing of its risk.
    assert (
        "Wysokie ryzyko"
        not in client_for(Role.ADMINISTRATOR)
        .get(reverse("cases:case_detail", args=[case.pk]))
        .content.decode()
    )


def test_the_dashboard_names_the_person_and_the_risk(case_factory, person_factory, cast, client_for):
    case = _busy_case(case_factory, person_factory, cast[Role.CASE_MANAGER], 3)
    page = client_for(Role.CASE_MANAGER).get(reverse("web:dashboard")).content.decode()
    assert case.number in page and str(case.person) in page
    assert "Wysokie ryzyko" in page and "Kontynuacja po kontakcie" in page
    # Labels keep their capitals: a phase names Poland ("Polsce", never "polsce").
    assert "Cudzoziemiec w Polsce (otwarta)" in page and "w polsce" not in page
