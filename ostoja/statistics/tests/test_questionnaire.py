"""The ministry's anonymous questionnaire: derived from complete example cases, without personal data,
the variables the system does not hold marked as such, rare values hidden."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from ostoja.accounts.roles import Role
from ostoja.assessments.codes import NeedDomain
from ostoja.assessments.models import Need, NeedsAssessment
from ostoja.audit.models import AuditEvent
from ostoja.hotline.models import Contact
from ostoja.identification.models import ExploitationProfile
from ostoja.identification.profile_codes import MeansOfControl, RecruiterRelation, RecruitmentMethod
from ostoja.people.codes import Gender
from ostoja.referrals import services as referrals
from ostoja.referrals.models import IncomingReferral
from ostoja.services.models import Delivery, Service
from ostoja.statistics import questionnaire
from ostoja.statistics.forms import Kind, Period
from ostoja.statistics.models import ReportCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 2  # values shared by 3 or more are shown
    return 2


@pytest.fixture
def beneficiaries(case_factory, person_factory, cast, small_threshold):
    """Three complete example cases alike, a fourth with a second, rare citizenship."""
    manager = cast[Role.CASE_MANAGER]
    today = timezone.localdate()
    cases = []
    for n in range(4):
        citizenships = ["UA", "VN"] if n == 3 else ["UA"]
        case = case_factory(
            person=person_factory(family_latin=f"Kovalenko{n}", gender="feminine", citizenships=citizenships)
        )
        ExploitationProfile.objects.create(
            case=case, forms=["isForcedLabour"], means_of_control=[MeansOfControl.values[0]],
            recruitment_method=RecruitmentMethod.values[0], recruiter_relations=[RecruiterRelation.values[0]],
            updated_by=manager,
        )  # fmt: skip
        assessment = NeedsAssessment.objects.create(
            case=case, kind="initial", mode="phone", assessed_on=today, created_by=manager
        )
        Need.objects.create(assessment=assessment, domain="legal", severity=3)
        Need.objects.create(assessment=assessment, domain="money", severity=0)  # no need: not listed
        incoming = referrals.incoming_receive(
            incoming=IncomingReferral(organisation_name="Straż Graniczna", referred_by="Officer on duty"),
            contact=Contact(channel="email", summary="A woman at the border crossing."),
            actor=cast[Role.DUTY_WORKER],
        )
        IncomingReferral.objects.filter(pk=incoming.pk).update(case=case)
        Delivery.objects.create(
            case=case,
            service=Service.objects.get(code="legal_residence"),
            delivered_on=today,
            recorded_by=manager,
        )
        cases.append(case)
    return cases


def _everything():
    return Period(Kind.ALL, None, timezone.localdate())


def test_the_questionnaire_is_derived_from_the_cases(beneficiaries):
    with translation.override("en"):
        found = questionnaire.collect(_everything())
        assert found.beneficiaries == 4 and len(found.rows) == 4
        row = found.rows[0]
        assert row["sex"] == [str(Gender("feminine").label)]
        assert row["age"] == ["adult"]
        assert row["recruitment_method"] == [str(RecruitmentMethod.choices[0][1])]
        assert row["recruiter_relation"] == [str(RecruiterRelation.choices[0][1])]
        assert row["control_methods"] == [str(MeansOfControl.choices[0][1])]
        expected = [c.label() for c in ReportCategory.objects.all() if "isForcedLabour" in c.profile_codes]
        assert expected and row["exploitation_purpose"] == expected
        assert row["needs_after"] == [str(NeedDomain.LEGAL.label)]
        assert row["informed_by"] == ["An organisation not in the directory"]
        assert row["support"] == ["Legal consultation: residence law (the centre)"]
        not_held = {v.code for v in questionnaire.VARIABLES if not v.derived}
        assert {
            "marital_status",
            "offer",
            "transport",
            "release",
            "residence_status",
            "testified",
        } <= not_held
        assert len(questionnaire.VARIABLES) == 20


def test_a_rare_value_is_hidden_in_the_rows_and_the_counts(beneficiaries):
    with translation.override("en"):
        found = questionnaire.collect(_everything())
    citizenships = sorted(tuple(r["citizenship"]) for r in found.rows)
    assert citizenships == [("Ukraine",), ("Ukraine",), ("Ukraine",), ("Ukraine", "<3")]
    assert ("Vietnam", "1") not in found.counts["citizenship"]
    assert dict(found.counts["citizenship"])["Ukraine"] == "4"
    assert found.filled["support"] == "4" and found.beneficiaries_shown == "4"


def test_a_small_period_shows_no_count(case_factory, small_threshold):
    case_factory()
    found = questionnaire.collect(_everything())
    assert found.beneficiaries_shown == "<3" and found.filled["sex"] in {"0", "<3"}


def test_the_workbook_has_no_personal_data_and_marks_what_is_not_held(beneficiaries):
    book = load_workbook(io.BytesIO(questionnaire.xlsx(_everything())))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Ofiara zidentyfikowana / potencjalna" and rows[0][4] == "4. Stan cywilny"
    assert len(rows) == 5 and all(r[4] is None for r in rows[1:])  # marital status: not held
    assert rows[1][2] == "dorosły"
    everything = " ".join(
        str(v) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True) for v in r
    )
    for case in beneficiaries:
        assert case.number not in everything
    assert "Kovalenko" not in everything and "Коваленко" not in everything
    variables = list(book["Zmienne"].iter_rows(values_only=True))
    assert tuple(str(v) for v in variables[5][:3]) == ("4", "Stan cywilny", "nie")


def test_the_page_and_the_download_are_for_supervisors_and_audited(beneficiaries, client_for):
    url = reverse("statistics:questionnaire")
    assert client_for(Role.CASE_MANAGER).get(url).status_code == 403
    client = client_for(Role.SUPERVISOR)
    page = client.get(url, {"period": "all"}).content.decode()
    assert "Stan cywilny" in page and "Nie jest jeszcze zapisywane w systemie" in page
    download = client.get(url, {"period": "all", "download": "xlsx"})
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEvent.objects.filter(
        action="export", object_type="statistics", details__questionnaire=True
    ).exists()
    refused = client.get(url, {"period": "custom", "start": "2026-05-01", "end": "2026-04-01"})
    assert refused.status_code == 400


def test_the_queries_do_not_grow_with_the_cases(beneficiaries, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        questionnaire.collect(_everything())
