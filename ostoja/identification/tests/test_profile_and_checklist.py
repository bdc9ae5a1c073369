"""The exploitation profile (with countries and the minor's representative) and the quick checklist."""

import pytest
from django.db import connection
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case
from ostoja.identification.models import ChecklistRecord, ExploitationProfile, Representative

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["ostoja_language"] = "en"
    return client


def management(total=2, initial=0):
    return {"journey-TOTAL_FORMS": str(total), "journey-INITIAL_FORMS": str(initial)}


def test_profile_with_ctdc_codes_and_countries(client_for, case):
    client = english(client_for(Role.CASE_MANAGER))
    url = reverse("identification:profile_edit", args=[case.pk])
    assert "Exploitation of surrogacy" in client.get(url).content.decode()
    data = management() | {
        "version": "0", "forms": ["isForcedLabour", "surrogacy"], "labour_types": ["typeOfLabourConstruction"],
        "sector": "F", "means_of_control": ["meansOfControlWithholdsDocuments", "meansOfControlDebtBondage"],
        "recruitment_method": "online_advert", "online_platform": "facebook", "recruitment_place": "Dworzec w Łodzi",
        "recruiter_relations": ["recruiterRelationFriend"], "perpetrator_roles": ["recruiter", "exploiter"],
        "journey-0-stage": "recruitment", "journey-0-country": "ua", "journey-0-date_from": "2025-03-01",
        "journey-1-stage": "exploitation", "journey-1-country": "PL", "journey-1-date_from": "2025-03-10",
        "journey-1-date_to": "2025-09-30",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = ExploitationProfile.objects.get(case=case)
    assert profile.forms == ["isForcedLabour", "surrogacy"]
    assert [(j.stage, j.country) for j in profile.journey.all()] == [
        ("recruitment", "UA"),
        ("exploitation", "PL"),
    ]
    assert "minor" not in Case.objects.get(pk=case.pk).risk_flags
    with connection.cursor() as cursor:
        cursor.execute("SELECT recruitment_place FROM identification_exploitationprofile")
        assert "Łodzi" not in cursor.fetchone()[0]
    overview = client.get(reverse("identification:case_overview", args=[case.pk])).content.decode()
    assert "Forced labour or services, Exploitation of surrogacy" in overview

    # A stale version is refused and the input is kept.
    stale = client.post(url, data | {"version": "0", "sector": "A"})
    assert stale.status_code == 400
    assert "Someone else saved this profile" in stale.content.decode()
    assert ExploitationProfile.objects.get(case=case).sector == "F"


def test_bad_country_and_dates_are_shown_next_to_the_fields(client_for, case):
    client = english(client_for(Role.CASE_MANAGER))
    url = reverse("identification:profile_edit", args=[case.pk])
    data = management() | {
        "journey-0-stage": "transit", "journey-0-country": "QQ",
        "journey-1-stage": "exploitation", "journey-1-country": "DE", "journey-1-date_from": "2025-05-01",
        "journey-1-date_to": "2025-04-01",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Not a known country code." in body and "The end date is before the start date." in body
    assert 'value="QQ"' in body
    assert not ExploitationProfile.objects.exists()


def test_minor_at_the_time_flags_the_case_and_asks_for_a_representative(client_for, case):
    client = english(client_for(Role.CASE_MANAGER))
    url = reverse("identification:profile_edit", args=[case.pk])
    assert "Guardian or representative" not in client.get(url).content.decode()
    response = client.post(
        url, management() | {"version": "0", "minor_at_time": "on", "forms": ["isSexualExploit"]}
    )
    assert response["Location"] == url
    assert "minor" in Case.objects.get(pk=case.pk).risk_flags
    page = client.get(url).content.decode()
    assert "Guardian or representative of the minor" in page
    done = client.post(url, management() | {
        "version": "1", "minor_at_time": "on", "forms": ["isSexualExploit"],
        "rep-name": "Maria Nowak", "rep-relation": "curator", "rep-contact": "Sąd Rejonowy, wydział rodzinny",
    })  # fmt: skip
    assert done.status_code == 302
    assert Representative.objects.get(case=case).name == "Maria Nowak"
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact FROM identification_representative")
        assert "Nowak" not in " ".join(cursor.fetchone())


def test_checklist_stores_nothing_by_default(client_for):
    client = english(client_for(Role.DUTY_WORKER))
    response = client.post(
        reverse("identification:checklist"), {"ilo": ["ilo_documents", "ilo_debt"], "unodc": ["un_fear"]}
    )
    body = response.content.decode()
    assert "2 ILO indicators of forced labour" in body and "1 UNODC indicator" in body
    assert "Identity documents kept by someone else" in body
    assert not ChecklistRecord.objects.exists()


def test_checklist_attaches_only_to_a_case_with_full_access(client_for, case, cast):
    duty = english(client_for(Role.DUTY_WORKER))
    refused = duty.post(
        reverse("identification:checklist"), {"ilo": ["ilo_debt"], "case_number": case.number}
    )
    assert refused.status_code == 400
    assert "only to a case you work on" in refused.content.decode()
    assert not ChecklistRecord.objects.exists()

    manager = english(client_for(Role.CASE_MANAGER))
    ok = manager.post(reverse("identification:checklist"), {"ilo": ["ilo_debt"], "case_number": case.number})
    assert ok.status_code == 200
    record = ChecklistRecord.objects.get()
    assert (
        record.case == case and record.items == ["ilo_debt"] and record.recorded_by == cast[Role.CASE_MANAGER]
    )
    assert (
        "Indicator checklist: 1 ticked"
        in manager.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    )
