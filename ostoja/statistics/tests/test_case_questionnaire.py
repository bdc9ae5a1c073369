"""The case manager's review of the ministry's questionnaire: the form, who may open it, and the
completed answers in the questionnaire, its workbook and its counts; the age group in the statistics."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.people.models import Person
from ostoja.statistics import figures, questionnaire
from ostoja.statistics.forms import Kind, Period
from ostoja.statistics.models import QuestionnaireAnswers
from ostoja.testing.access import ASSIGNED, BREAK_GLASS

pytestmark = pytest.mark.django_db

COMPLETE = {
    "version": "0", "age_band": "18-20", "marital_status": "married", "recruitment_country": "UA",
    "recruitment_occupation": "unemployed", "recruiter_citizenship": "ZZ", "offer": "work",
    "destination_proposed": "DE", "transport": "road", "exploitation_country": "PL", "release": "police",
    "residence_status": "legal", "testified": "yes", "reviewed": "on",
}  # fmt: skip


def _url(case):
    return reverse("statistics:case_questionnaire", args=[case.pk])


def _everything():
    return Period(Kind.ALL, None, timezone.localdate())


@pytest.fixture
def no_threshold(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 0  # every value shown: one case is enough to read it


def test_the_case_manager_completes_and_confirms_the_questionnaire(case, client_for):
    client = client_for(Role.CASE_MANAGER)
    page = client.get(_url(case))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Stan cywilny" in text and 'name="marital_status"' in text and "Nie przejrzano jeszcze" in text
    response = client.post(_url(case), COMPLETE)
    assert response.status_code == 302
    answers = QuestionnaireAnswers.objects.get(case=case)
    assert (answers.marital_status, answers.destination_proposed, answers.testified) == (
        "married",
        "DE",
        "yes",
    )
    assert (
        answers.reviewed_by == case.case_manager and answers.reviewed_at is not None and answers.version == 1
    )
    assert AuditEvent.objects.filter(
        action="update",
        object_type="questionnaire",
        refs__object_type="questionnaire",
        refs__object_id=answers.pk,
    ).exists()
    again = client.get(_url(case)).content.decode()
    assert "Niemcy" in again and "w związku małżeńskim" in again.lower()  # words, not codes
    assert 'value="DE" selected' in again
    case_page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert _url(case) in case_page


def test_confirming_an_incomplete_questionnaire_keeps_the_answers_and_says_what_is_missing(case, client_for):
    client = client_for(Role.CASE_MANAGER)
    data = {**COMPLETE, "testified": "", "marital_status": "bogus"}
    response = client.post(_url(case), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="id_testified_error"' in text and 'id="id_marital_status_error"' in text
    assert 'value="DE" selected' in text and 'value="police" selected' in text  # what was chosen is kept
    assert not QuestionnaireAnswers.objects.filter(case=case).exists()  # nothing half-written


def test_saving_without_the_confirmation_clears_the_mark(case, client_for):
    client = client_for(Role.CASE_MANAGER)
    client.post(_url(case), COMPLETE)
    data = {**COMPLETE, "version": "1", "testified": "pending"}
    del data["reviewed"]
    assert client.post(_url(case), data).status_code == 302
    answers = QuestionnaireAnswers.objects.get(case=case)
    assert answers.testified == "pending" and answers.reviewed_at is None and answers.reviewed_by is None


def test_an_unchanged_form_creates_nothing(case, client_for):
    response = client_for(Role.CASE_MANAGER).post(_url(case), {"version": "0"})
    assert response.status_code == 302
    assert not QuestionnaireAnswers.objects.filter(case=case).exists()


def test_a_save_over_a_newer_version_keeps_the_answers_and_shows_the_saved_ones(case, client_for, cast):
    client = client_for(Role.CASE_MANAGER)
    client.post(_url(case), COMPLETE)
    client_for(Role.SUPERVISOR).post(_url(case), {**COMPLETE, "version": "1", "destination_proposed": "FR"})
    stale = client.post(_url(case), {**COMPLETE, "version": "1", "destination_proposed": "IT"})
    assert stale.status_code == 400
    text = stale.content.decode()
    assert "Francja" in text and 'value="IT" selected' in text
    assert QuestionnaireAnswers.objects.get(case=case).destination_proposed == "FR"


def test_only_those_who_may_change_the_case_open_it_and_each_look_is_audited(case, client_for, cast):
    for principal in (ASSIGNED, BREAK_GLASS, Role.DUTY_WORKER, Role.SPECIALIST):
        assert client_for(principal).get(_url(case)).status_code == 403
        assert client_for(principal).post(_url(case), COMPLETE).status_code == 403
    assert not QuestionnaireAnswers.objects.exists()
    client_for(Role.SUPERVISOR).get(_url(case))
    assert AuditEvent.objects.filter(
        action="view",
        object_type="case",
        refs__object_type="case",
        refs__object_id=case.pk,
        actor=cast[Role.SUPERVISOR],
        details__form="questionnaire",
    ).exists()


def test_the_page_reads_a_fixed_number_of_queries(case, client_for, django_assert_max_num_queries):
    client = client_for(Role.CASE_MANAGER)
    client.post(_url(case), COMPLETE)
    with django_assert_max_num_queries(
        20
    ):  # 19: sign-in, the case and its audit row, a handful for the values
        assert client.get(_url(case)).status_code == 200


def test_the_questionnaire_and_its_workbook_use_the_completed_answers(case, case_factory, no_threshold):
    QuestionnaireAnswers.objects.create(case=case, marital_status="married", destination_proposed="DE",
                                        testified="yes", age_band="9-17", reviewed_at=timezone.now())  # fmt: skip
    case_factory()  # a second beneficiary, not reviewed
    with translation.override("en"):
        found = questionnaire.collect(_everything())
    completed = [row for row in found.rows if row.get("marital_status")]
    assert len(completed) == 1
    assert completed[0]["marital_status"] == ["Married"] and completed[0]["destination_proposed"] == [
        "Germany"
    ]
    assert completed[0]["age"] == ["9–17 years"]  # the person has no age of their own: the completed band
    assert dict(found.counts["testified"]) == {"Testified": "1"}
    assert found.reviewed == 1 and found.review_counts == ("1", "1")
    book = load_workbook(io.BytesIO(questionnaire.xlsx(_everything())))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert "Niemcy" in [r[9] for r in rows[1:]]
    about = [r for r in book["Zmienne"].iter_rows(values_only=True) if r and r[0]]
    assert ("Ankiety przejrzane przez opiekuna sprawy", "1") in [tuple(r[:2]) for r in about]


def test_the_review_counts_shown_to_supervisors_hide_small_cells(case, settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 10
    QuestionnaireAnswers.objects.create(case=case, reviewed_at=timezone.now())
    found = questionnaire.collect(_everything())
    assert found.reviewed == 1 and found.review_counts == ("<11", "0")  # zero says nobody: shown


def test_the_age_group_of_the_person_is_counted_and_wins_over_a_completed_one(case, no_threshold):
    person = Person.objects.get(pk=case.person_id)
    person.estimated_age = 17
    person.save(update_fields=["estimated_age"])
    QuestionnaireAnswers.objects.create(case=case, age_band="30-38")
    with translation.override("en"):
        found = questionnaire.collect(_everything())
        assert found.rows[0]["age"] == ["9–17 years"]
        tables = {t.key: t for t in figures.compute(_everything()).tables}
    ages = {code: n for code, _label, n in tables["age"].rows}
    assert ages["9-17"] == 1 and ages[""] == 0
    majority = {code: n for code, _label, n in tables["majority"].rows}
    assert majority["minor"] == 1 and majority["adult"] == 0


def test_the_statistics_page_shows_the_review_counts(case, client_for, no_threshold):
    QuestionnaireAnswers.objects.create(case=case, reviewed_at=timezone.now())
    page = client_for(Role.SUPERVISOR).get(reverse("statistics:questionnaire"), {"period": "all"})
    text = page.content.decode()
    assert 'id="questionnaire-reviews"' in text and "Przejrzane przez opiekuna" in text


def test_a_version_of_a_questionnaire_never_saved_is_a_conflict_not_an_error(case, client_for):
    response = client_for(Role.CASE_MANAGER).post(_url(case), {**COMPLETE, "version": "2"})
    assert response.status_code == 400 and 'value="DE" selected' in response.content.decode()
    assert not QuestionnaireAnswers.objects.filter(case=case).exists()


def test_the_persons_own_copy_holds_the_completed_answers_and_the_age_group(case, cast):
    from ostoja.retention import sar

    person = Person.objects.get(pk=case.person_id)
    person.estimated_age = 40
    person.save(update_fields=["estimated_age"])
    QuestionnaireAnswers.objects.create(
        case=case,
        marital_status="widowed",
        destination_proposed="DE",
        reviewed_by=cast[Role.CASE_MANAGER],
        reviewed_at=timezone.now(),
    )
    text = sar.build(person, "en").as_json()
    assert "Widowed" in text and "Germany" in text and "39–47 years" in text
    assert cast[Role.CASE_MANAGER].get_full_name() not in text  # staff by role, as in the rest of the copy
