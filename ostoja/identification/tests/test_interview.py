"""The screening as an interview: safety and consent first, the age rule, the wording, what is kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import InterpreterRelation, Language, MinorBasis, ScreeningStatus
from ostoja.identification.models import ExploitationProfile, Interpreter, Screening

pytestmark = pytest.mark.django_db

READY = {"safe_to_talk": "yes", "in_pain": "no", "needs_doctor": "no", "consent": "on"}


@pytest.fixture
def client(client_for):
    c = client_for(Role.CASE_MANAGER)
    c.cookies["ostoja_language"] = "en"
    return c


def start_url(case):
    return reverse("identification:screening_start", args=[case.pk])


def post_start(client, case, **data):
    token = client.get(start_url(case)).context["form"].initial["token"]
    payload = {"token": token, "kind": "labour", "language": "uk", "age_doubt": "adult"} | READY | data
    return client.post(start_url(case), payload)


# --- Safety, health and consent before the first question ------------------------------------------


def test_the_start_page_reads_the_check_and_the_consent_in_the_persons_language(client, case):
    page = client.get(start_url(case)).content.decode()
    assert "Before the first question" in page
    switched = client.post(start_url(case), {"language": "uk", "action": "language", "kind": "sexual"})
    text = switched.content.decode()
    assert switched.status_code == 200 and not switched.context["form"].errors
    assert "Ми не передаємо їх поліції автоматично" in text  # the police do not get the answers
    assert "Чи можете ви зараз безпечно говорити?" in text
    assert 'lang="uk"' in text
    assert switched.context["form"]["kind"].value() == "sexual"  # nothing typed is lost
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"safe_to_talk": "no"}, "safe_to_talk"),
        ({"needs_doctor": "yes"}, "needs_doctor"),
    ],
)
def test_no_question_before_safety_and_consent(client, case, change, field):
    response = post_start(client, case, **change)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Screening.objects.exists()


def test_a_missing_safety_answer_is_asked_for(client, case):
    response = post_start(client, case, in_pain="")
    assert response.context["form"].errors["in_pain"]
    assert not Screening.objects.exists()


def test_consent_and_the_check_are_recorded_with_the_screening(client, case):
    post_start(client, case, in_pain="yes")
    screening = Screening.objects.get()
    assert (
        screening.consent_at and screening.safe_to_talk and screening.in_pain and not screening.needs_doctor
    )
    result = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "consent recorded" in result and "the person was in pain" in result


def test_the_service_refuses_a_screening_without_consent(case, cast):
    with pytest.raises(ValidationError) as error:
        services.screening_start(
            case=case, actor=cast[Role.CASE_MANAGER], kind="labour", language="pl", interpreter_used=False,
            minor=False, safe_to_talk=True, in_pain=False, needs_doctor=False, consent=False,
        )  # fmt: skip
    assert "consent" in error.value.message_dict
    assert not Screening.objects.exists()


# --- Minor status -----------------------------------------------------------------------------------


def years_ago(years: int, days: int = 0) -> datetime.date:
    """The day ``years`` before today (28 February for a 29 February), ``days`` earlier still.

    Called inside the test, never at collection: a date made at import would differ between the
    processes that collect the suite around midnight."""
    today = timezone.localdate()
    try:
        then = today.replace(year=today.year - years)
    except ValueError:  # 29 February, and the year then had none
        then = today.replace(year=today.year - years, day=28)
    return then - datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("fields", "minor", "basis"),
    [
        ({"date_of_birth": (16, 0)}, True, MinorBasis.DATE_OF_BIRTH),
        ({"date_of_birth": (18, 1)}, False, MinorBasis.ADULT),
        ({"estimated_age": 15}, True, MinorBasis.ESTIMATED_AGE),
        ({"estimated_age": 19}, True, MinorBasis.PRESUMED),  # the estimate leaves the age uncertain
        ({"estimated_age": 30}, False, MinorBasis.ADULT),
        ({"is_minor": True}, True, MinorBasis.MARKED),
        ({}, None, ""),
    ],
)
def test_minor_status_from_the_record(case_factory, person_factory, fields, minor, basis):
    if "date_of_birth" in fields:
        fields = {**fields, "date_of_birth": years_ago(*fields["date_of_birth"])}
    case = case_factory(person=person_factory(**fields))
    assert services.minor_status(case) == (minor, basis)


def test_a_minor_at_the_time_of_exploitation_is_a_minor(case_factory, person_factory, cast):
    case = case_factory(person=person_factory(estimated_age=30))
    ExploitationProfile.objects.create(case=case, minor_at_time=True, updated_by=cast[Role.CASE_MANAGER])
    assert services.minor_status(case) == (True, MinorBasis.AT_TIME)


def test_unknown_age_asks_and_not_sure_presumes_a_minor(client, case_factory, person_factory):
    case = case_factory(person=person_factory())
    page = client.get(start_url(case))
    assert "age_doubt" in page.context["form"].fields
    assert "gives no date of birth or estimated age" in page.content.decode()
    assert post_start(client, case, age_doubt="").context["form"].errors["age_doubt"]
    post_start(client, case, kind="sexual", age_doubt="minor")
    screening = Screening.objects.get()
    assert screening.minor and screening.minor_basis == MinorBasis.PRESUMED
    assert screening.indicator_list == "child_sexual"


def test_an_uncertain_estimate_cannot_be_turned_into_an_adult(client, case_factory, person_factory):
    case = case_factory(person=person_factory(estimated_age=19))
    form = client.get(start_url(case)).context["form"]
    assert "age_doubt" not in form.fields and "minor" not in form.fields
    post_start(client, case)
    screening = Screening.objects.get()
    assert screening.minor and screening.indicator_list == "child_labour"
    page = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "presumed a minor until the age is assessed" in page


# --- Wording, weights and what is kept --------------------------------------------------------------


def test_sexual_screening_asks_in_its_own_words_and_sexual_violence_apart(client, case):
    post_start(client, case, kind="sexual")
    screening = Screening.objects.get()
    step4 = client.get(reverse("identification:screening_step", args=[screening.pk, 4])).content.decode()
    assert "Чи змушували вас приймати клієнтів дуже довго або без вихідних?" in step4
    assert "Чи праця тривала" not in step4
    step5 = client.get(reverse("identification:screening_step", args=[screening.pk, 5])).content.decode()
    assert "Sexual violence against the person" in step5
    assert "The person may skip it" in step5
    assert "Physical violence against the person" in step5


def test_weights_are_spelled_out_and_unconfirmed_ones_marked_provisional(client, case):
    post_start(client, case, kind="sexual")
    screening = Screening.objects.get()
    page = client.get(reverse("identification:screening_step", args=[screening.pk, 5])).content.decode()
    assert "strong indicator" in page and "medium indicator" in page
    assert "provisional weight" in page and 'id="provisional-note"' in page
    assert ">S<" not in page and ">M<" not in page and ">W<" not in page
    assert "not yet checked against the publication" in page
    assert "not reviewed by a native speaker" in page


def test_the_contradiction_view_is_gone_once_the_screening_is_finished(client, case):
    post_start(client, case)
    screening = Screening.objects.get()
    step = lambda n: reverse("identification:screening_step", args=[screening.pk, n])  # noqa: E731
    client.post(step(4), {"q_ex_pay": "no", "action": "next"})
    client.post(step(5), {"q_cd_withholding_wages": "yes", "action": "next"})
    result_url = reverse("identification:screening_result", args=[screening.pk])
    assert client.get(result_url).context["contradictions"]
    services.screening_finish(screening=screening, status=ScreeningStatus.COMPLETED)
    after = client.get(result_url)
    assert after.context["contradictions"] == []
    assert "wages were withheld" not in after.content.decode()


def test_the_result_names_the_path_that_fired(client, case_factory, person_factory):
    case = case_factory(person=person_factory(date_of_birth=years_ago(16)))
    post_start(client, case)
    screening = Screening.objects.get()
    services.screening_save(
        screening=screening,
        answers={"ex_hours": "yes", "ex_pay": "yes", "ex_education": "yes"},
        notes="",
        step=4,
    )
    page = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "Presumed victim of trafficking" in page
    assert "Child rule: a minor, exploitation positive" in page
    assert 'id="coverage"' in page


def test_no_yes_at_all_is_reported_with_the_caution(client, case):
    post_start(client, case)
    screening = Screening.objects.get()
    services.screening_save(
        screening=screening, answers={"dr_job": "no", "dr_wages": "unknown"}, notes="", step=1
    )
    page = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "No indicators reported" in page
    assert "denial at first contact is common" in page
    assert "1 “don't know”" in page


# --- The interpreter as a record --------------------------------------------------------------------


@pytest.fixture
def olha(cast):
    return services.interpreter_add(
        interpreter=Interpreter(name="Olha Bondar", languages=["uk", "ru"], agreement_signed=True),
        actor=cast[Role.SUPERVISOR],
    )


def test_an_interpreter_present_must_be_named_from_the_list_and_asked_about(client, case, olha):
    response = post_start(client, case, interpreter_used="on")
    errors = response.context["form"].errors
    assert errors["interpreter"] and errors["interpreter_relation"]
    assert not Screening.objects.exists()
    post_start(
        client, case, interpreter_used="on", interpreter=olha.pk, interpreter_agreement="on",
        interpreter_relation=InterpreterRelation.SAME_COMMUNITY,
    )  # fmt: skip
    screening = Screening.objects.get()
    assert screening.interpreter == olha and screening.interpreter_language == "uk"
    assert (
        screening.interpreter_agreement
        and screening.interpreter_relation == InterpreterRelation.SAME_COMMUNITY
    )
    page = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "Olha Bondar" in page and 'id="interpreter-warning"' in page


def test_a_retired_interpreter_is_not_offered(client, case, olha):
    services.interpreter_set_active(interpreter=olha, active=False)
    form = client.get(start_url(case)).context["form"]
    assert str(olha.pk) not in [str(value) for value, _ in form.fields["interpreter"].choices]
    response = post_start(client, case, interpreter_used="on", interpreter=olha.pk, interpreter_relation="no")
    assert response.context["form"].errors["interpreter"]


def test_a_supervisor_keeps_the_list(client_for):
    supervisor = client_for(Role.SUPERVISOR)
    supervisor.cookies["ostoja_language"] = "en"
    url = reverse("identification:interpreters")
    token = supervisor.get(url).context["form"].initial["token"]
    refused = supervisor.post(url, {"token": token, "name": "", "languages": ["ka"]})
    assert refused.status_code == 400 and refused.context["form"].errors["name"]
    supervisor.post(
        url, {"token": token, "name": "Nino Beridze", "languages": ["ka", "ru"], "agreement_signed": "on"}
    )
    added = Interpreter.objects.get()
    assert added.name == "Nino Beridze" and added.languages == ["ka", "ru"] and added.active
    supervisor.post(reverse("identification:interpreter_availability", args=[added.pk]), {"active": "0"})
    assert not Interpreter.objects.get().active
    assert "Nino Beridze" in supervisor.get(url).content.decode()


# --- Corrections after the screening ---------------------------------------------------------------


def test_an_answer_is_corrected_later_with_a_reason_and_the_earlier_one_is_kept(client, case):
    post_start(client, case)
    screening = Screening.objects.get()
    services.screening_save(screening=screening, answers={"ex_hours": "no"}, notes="", step=4)
    services.screening_finish(screening=screening, status=ScreeningStatus.COMPLETED)
    url = reverse("identification:screening_correct", args=[screening.pk])
    token = client.get(url).context["form"].initial["token"]
    refused = client.post(url, {"token": token, "code": "ex_hours", "answer": "yes", "reason": ""})
    assert refused.status_code == 400 and refused.context["form"].errors["reason"]
    assert screening.answers.get(code="ex_hours").answer == "no"
    client.post(
        url, {"token": token, "code": "ex_hours", "answer": "yes", "reason": "Said more the next day."}
    )
    assert screening.answers.get(code="ex_hours").answer == "yes"
    correction = screening.corrections.get()
    assert (correction.previous, correction.answer, correction.reason) == (
        "no",
        "yes",
        "Said more the next day.",
    )
    page = client.get(reverse("identification:screening_result", args=[screening.pk])).content.decode()
    assert "Said more the next day." in page and "No → Yes" in page


def test_a_correction_works_the_recommendation_out_again(case, cast, screening_factory):
    screening = screening_factory(case, answers={"ex_hours": "yes", "ex_pay": "yes"})
    services.screening_finish(screening=screening, status=ScreeningStatus.COMPLETED)
    assert Screening.objects.get().recommendation == "further_assessment"
    services.answer_correct(
        screening=screening,
        code="ex_hours",
        answer="declined",
        reason="Misheard",
        actor=cast[Role.CASE_MANAGER],
    )
    services.answer_correct(
        screening=screening,
        code="ex_pay",
        answer="",
        reason="Not asked after all",
        actor=cast[Role.CASE_MANAGER],
    )
    assert Screening.objects.get().recommendation == "no_indicators_reported"
    with pytest.raises(ValidationError):
        services.answer_correct(
            screening=screening, code="ex_pay", answer="", reason="Again", actor=cast[Role.CASE_MANAGER]
        )


def test_an_open_screening_is_not_corrected_but_changed_on_its_page(client, case):
    post_start(client, case)
    screening = Screening.objects.get()
    response = client.get(reverse("identification:screening_correct", args=[screening.pk]))
    assert response.status_code == 302 and "/step/" in response["Location"]


def test_the_person_can_be_screened_in_each_language_the_file_covers(client, case):
    from ostoja.identification import indicators

    covered = indicators.load().languages
    offered = [code for code, _ in client.get(start_url(case)).context["form"].fields["language"].choices]
    assert offered and set(offered) == set(covered)
    assert set(covered) == set(Language.values)  # all 15 languages of the public site
    post_start(client, case, language="fr", kind="sexual")
    screening = Screening.objects.get()
    page = client.get(reverse("identification:screening_step", args=[screening.pk, 1])).content.decode()
    assert "vous a menti sur ce que vous alliez faire là-bas, où ou pour qui" in page
    assert 'lang="fr" dir="ltr"' in page


def test_arabic_is_shown_right_to_left_and_unreviewed_wording_is_flagged(client, case):
    post_start(client, case, language="ar")
    screening = Screening.objects.get()
    page = client.get(reverse("identification:screening_step", args=[screening.pk, 1])).content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert 'id="language-unreviewed"' in page


def test_the_review_record_of_the_lists_is_shown_where_screenings_are_listed(client, case):
    page = client.get(reverse("identification:case_overview", args=[case.pk])).content.decode()
    assert 'id="indicator-file"' in page and "not yet checked against the publication" in page
