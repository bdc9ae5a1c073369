"""Recording needs and safety assessments through their pages: bad input refused, nothing lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.assessments import services
from ostoja.assessments.codes import NeedDomain, RiskLevel
from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.cases.codes import Phase
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task

pytestmark = pytest.mark.django_db


def _needs_data(client, case, **changes):
    form = client.get(reverse("assessments:needs_new", args=[case.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if not (k.endswith("_declined") and not v)}
    data["assessed_on"] = timezone.localdate().isoformat()
    data.update(changes)
    return data


def test_an_initial_assessment_by_phone_before_return_then_a_full_one_shows_what_changed(
    case_factory, client_for
):
    case = case_factory(phase=Phase.BEFORE_RETURN)
    client = client_for(Role.CASE_MANAGER)
    first = _needs_data(
        client, case, accommodation_severity="4", accommodation_words="Nie mam gdzie spać.",
        legal_severity="2", legal_declined="on",
    )  # fmt: skip
    assert first["kind"] == "initial" and first["mode"] == "phone" and first["before_return"] is True
    assert client.post(reverse("assessments:needs_new", args=[case.pk]), first).status_code == 302
    initial = NeedsAssessment.objects.get()
    assert initial.before_return and initial.previous is None
    words = initial.needs.get(domain=NeedDomain.ACCOMMODATION).words
    assert words == "Nie mam gdzie spać."
    assert initial.needs.get(domain=NeedDomain.LEGAL).declined

    second = _needs_data(client, case, accommodation_severity="1")
    assert second["kind"] == "full"
    assert second["accommodation_words"] == "Nie mam gdzie spać."  # starts from the previous one
    assert client.post(reverse("assessments:needs_new", args=[case.pk]), second).status_code == 302
    full = NeedsAssessment.objects.exclude(pk=initial.pk).get()
    assert full.previous == initial
    assert services.changes(full)[NeedDomain.ACCOMMODATION] == -3
    page = client.get(reverse("assessments:needs", args=[full.pk])).content.decode()
    assert "lepiej" in page and "accommodation" not in page  # words, not codes


def _safety_data(client, case, rows, **changes):
    data = {
        "token": client.get(reverse("assessments:safety_new", args=[case.pk])).context["form"]["token"].value(),
        "assessed_on": timezone.localdate().isoformat(),
        "review_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "person_actions": "Keeps the phone off at night.", "code_word": "Słonecznik",
        "threat-TOTAL_FORMS": str(len(rows)), "threat-INITIAL_FORMS": "0",
    }  # fmt: skip
    for n, row in enumerate(rows):
        data.update({f"threat-{n}-{k}": v for k, v in row.items()})
    data.update(changes)
    return data


def test_a_high_risk_safety_assessment_flags_the_case(case_factory, client_for):
    case = case_factory()
    client = client_for(Role.CASE_MANAGER)
    rows = [{"at_risk": "person", "threat": "trafficker_contact", "severity": "3", "likelihood": "2"}]
    response = client.post(
        reverse("assessments:safety_new", args=[case.pk]), _safety_data(client, case, rows)
    )
    assert response.status_code == 302
    assessment = SafetyAssessment.objects.get()
    assert assessment.risk_level == RiskLevel.HIGH and assessment.code_word == "Słonecznik"
    assert [str(f.label) for f in plugins.case_flags([case.pk])[case.pk]] == ["Wysokie ryzyko"]
    page = client.get(reverse("assessments:safety", args=[assessment.pk])).content.decode()
    assert "Macierz ryzyka" in page and "Wysokie ryzyko" in page
    # A later, lower assessment replaces the flag.
    rows = [{"at_risk": "person", "threat": "debt", "severity": "1", "likelihood": "1"}]
    client.post(reverse("assessments:safety_new", args=[case.pk]), _safety_data(client, case, rows))
    assert plugins.case_flags([case.pk]) == {}
    assert SafetyAssessment.objects.filter(current=True).get().risk_level == RiskLevel.LOW


def test_a_threat_without_its_ratings_is_refused_and_kept(case_factory, client_for):
    case = case_factory()
    client = client_for(Role.CASE_MANAGER)
    rows = [{"at_risk": "children", "threat": "family_threats", "severity": "3", "likelihood": ""}]
    response = client.post(
        reverse("assessments:safety_new", args=[case.pk]), _safety_data(client, case, rows)
    )
    assert response.status_code == 400
    threat = response.context["threats"].forms[0]
    assert "likelihood" in threat.errors
    assert threat["threat"].value() == "family_threats"
    assert response.context["form"]["code_word"].value() == "Słonecznik"
    assert not SafetyAssessment.objects.exists()
    # No threat at all is refused too, and a review date in the past.
    response = client.post(
        reverse("assessments:safety_new", args=[case.pk]),
        _safety_data(client, case, [], review_on=(timezone.localdate() - timedelta(days=1)).isoformat()),
    )
    assert response.context["threats"].non_form_errors()
    assert "review_on" in response.context["form"].errors


def test_an_overdue_review_becomes_one_task_for_the_case_manager(case_factory, cast):
    case = case_factory()
    assessment = services.safety_save(
        assessment=SafetyAssessment(
            case=case, assessed_on=timezone.localdate(), review_on=timezone.localdate() + timedelta(days=1),
            threats=[{"at_risk": "person", "threat": "debt", "severity": 2, "likelihood": 2}],
        ),
        actor=cast[Role.CASE_MANAGER],
    )  # fmt: skip
    assert services.overdue_reviews_to_tasks() == 0
    SafetyAssessment.objects.filter(pk=assessment.pk).update(
        review_on=timezone.localdate() - timedelta(days=2)
    )
    assert services.overdue_reviews_to_tasks() == 1
    assert services.overdue_reviews_to_tasks() == 0  # once, however often the job runs
    task = Task.objects.get()
    assert (task.kind, task.owner, task.case, task.status) == (
        TaskKind.SAFETY_REVIEW,
        cast[Role.CASE_MANAGER],
        case,
        TaskStatus.OPEN,
    )
