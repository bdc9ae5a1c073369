"""The screening through its pages: answers saved per step, resume, stop, contradictions, result."""

import pytest
from django.urls import reverse

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.cases.models import Case
from ostoja.identification.codes import Recommendation, ScreeningStatus
from ostoja.identification.models import Interpreter, Screening, ScreeningAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for):
    c = client_for(Role.CASE_MANAGER)
    c.cookies["ostoja_language"] = "en"
    return c


# The safety and health check and the consent, as recorded before the first question.
READY = {"safe_to_talk": "yes", "in_pain": "no", "needs_doctor": "no", "consent": "on", "age_doubt": "adult"}


def interpreter() -> Interpreter:
    return Interpreter.objects.first() or Interpreter.objects.create(
        name="Olha", languages=["uk"], agreement_signed=True, added_by=User.objects.first()
    )


def start(client, case, **data):
    chosen = interpreter()
    page = client.get(reverse("identification:screening_start", args=[case.pk]))
    token = page.context["form"].initial["token"]
    payload = {"token": token, "kind": "labour", "language": "uk", "interpreter_used": "on"} | READY
    payload |= {"interpreter": chosen.pk, "interpreter_agreement": "on", "interpreter_relation": "no"} | data
    return client.post(reverse("identification:screening_start", args=[case.pk]), payload)


def test_start_shows_both_languages_and_saves_answers(client, case):
    response = start(client, case)
    screening = Screening.objects.get()
    assert response["Location"] == reverse("identification:screening_step", args=[screening.pk, 1])
    assert screening.indicator_list == "adult_labour" and screening.indicator_version

    page = client.get(response["Location"]).content.decode()
    assert "Deceived about the nature of the job" in page
    assert "Чи хтось обманув вас щодо роботи" in page
    assert 'lang="uk"' in page

    url = reverse("identification:screening_step", args=[screening.pk, 1])
    saved = client.post(
        url,
        {"q_dr_job": "yes", "q_dr_wages": "declined", "notes": "Calm, asked for a break.", "action": "pause"},
    )
    assert saved["Location"] == reverse("cases:case_detail", args=[case.pk])
    assert {a.code: a.answer for a in screening.answers.all()} == {"dr_job": "yes", "dr_wages": "declined"}
    answer = ScreeningAnswer.objects.get(code="dr_job")
    assert (answer.dimension, answer.weight) == ("deceptive_recruitment", "S")

    # Resume: the answers are there again.
    again = client.get(url)
    assert again.context["form"].initial["q_dr_job"] == "yes"
    assert "Calm, asked for a break." in again.content.decode()


def test_the_second_submit_of_the_start_form_makes_no_second_screening(client, case):
    page = client.get(reverse("identification:screening_start", args=[case.pk]))
    token = page.context["form"].initial["token"]
    data = {"token": token, "kind": "sexual", "language": "ro"} | READY
    client.post(reverse("identification:screening_start", args=[case.pk]), data)
    client.post(reverse("identification:screening_start", args=[case.pk]), data)
    assert Screening.objects.count() == 1


def test_full_run_to_a_presumed_victim(client, case):
    start(client, case)
    screening = Screening.objects.get()
    answers = {
        1: {"q_dr_job": "yes", "q_dr_wages": "yes"},
        4: {"q_ex_hours": "yes", "q_ex_pay": "yes"},
        5: {"q_cd_documents": "yes", "q_cd_isolation": "yes"},
    }
    for step in range(1, 7):
        url = reverse("identification:screening_step", args=[screening.pk, step])
        response = client.post(url, answers.get(step, {}) | {"action": "next"})
        assert response.status_code == 302
    assert response["Location"] == reverse("identification:screening_result", args=[screening.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Presumed victim of trafficking" in page
    assert "This is an aid, not a decision." in page
    assert "two strong indicators" in page
    client.post(reverse("identification:screening_complete", args=[screening.pk]))
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.COMPLETED
    assert screening.recommendation == Recommendation.PRESUMED_VICTIM
    # Finished: the step pages send back to the result and change nothing.
    late = client.post(reverse("identification:screening_step", args=[screening.pk, 1]), {"q_dr_job": "no"})
    assert late["Location"].endswith(reverse("identification:screening_result", args=[screening.pk]))
    assert screening.answers.get(code="dr_job").answer == "yes"
    timeline = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Screening completed" in timeline


def test_the_person_can_stop_and_nothing_is_lost(client, case):
    start(client, case)
    screening = Screening.objects.get()
    url = reverse("identification:screening_step", args=[screening.pk, 2])
    client.post(url, {"q_cr_violence": "yes", "notes": "Stopped: too painful.", "action": "stop"})
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.STOPPED
    assert screening.answers.get().code == "cr_violence"
    assert screening.notes == "Stopped: too painful."
    assert screening.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_contradictions_are_allowed_and_shown(client, case):
    start(client, case)
    screening = Screening.objects.get()
    client.post(
        reverse("identification:screening_step", args=[screening.pk, 4]), {"q_ex_pay": "no", "action": "next"}
    )
    client.post(
        reverse("identification:screening_step", args=[screening.pk, 5]),
        {"q_cd_withholding_wages": "yes", "action": "back"},
    )
    page = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "wages were withheld" in page
    assert client.get(reverse("identification:screening_step", args=[screening.pk, 5])).context[
        "contradictions"
    ]


def test_a_minor_gets_the_child_list_and_the_case_is_flagged(client, case_factory, person_factory):
    case = case_factory(person=person_factory(is_minor=True))
    page = client.get(reverse("identification:screening_start", args=[case.pk])).content.decode()
    assert "the means (coercion, abuse of vulnerability) are not required" in page
    start(client, case, kind="sexual")
    screening = Screening.objects.get()
    assert screening.minor and screening.indicator_list == "child_sexual"
    assert "minor" in Case.objects.get(pk=case.pk).risk_flags
    result = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "the child rule applies" in result


def test_reads_and_changes_are_audited_without_values(client, case):
    start(client, case)
    screening = Screening.objects.get()
    client.post(
        reverse("identification:screening_step", args=[screening.pk, 1]),
        {"q_dr_job": "yes", "notes": "very private", "action": "next"},
    )
    client.get(reverse("identification:screening_result", args=[screening.pk]))
    events = AuditEvent.objects.filter(object_type="screening")
    assert set(events.values_list("action", flat=True)) >= {"create", "update", "view"}
    assert "very private" not in str(list(events.values_list("details", flat=True)))


def test_notes_are_encrypted_at_rest(client, case):
    from django.db import connection

    start(client, case)
    screening = Screening.objects.get()
    client.post(
        reverse("identification:screening_step", args=[screening.pk, 1]),
        {"notes": "Trafficker named Bogdan", "action": "pause"},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM identification_screening")
        assert "Bogdan" not in cursor.fetchone()[0]
