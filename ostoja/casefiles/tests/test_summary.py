"""The printable case summary: what each viewer may read, for a chosen purpose, audited, without addresses."""

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.casefiles import services, summary
from ostoja.casefiles.codes import FileType, Level
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.cases.access import case_access
from ostoja.identification.models import ExploitationProfile
from ostoja.partners.models import Organisation
from ostoja.people.models import ContactChannel
from ostoja.referrals.models import Referral
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, OUTSIDER, login_verified

pytestmark = pytest.mark.django_db

ADDRESS = "ul. Tajna 7, 00-950 Warszawa"


@pytest.fixture
def full_case(case, cast):
    manager = cast[Role.CASE_MANAGER]
    ContactChannel.objects.create(person=case.person, kind="postal", value=ADDRESS, safety="safe")
    ExploitationProfile.objects.create(
        case=case,
        forms=["isForcedLabour"],
        means_of_control=["meansOfControlDebtBondage"],
        updated_by=manager,
    )
    partner = Organisation.objects.create(name="Klinika Prawa Pracy", kind="ngo", country="PL")
    Referral.objects.create(
        case=case, partner=partner, purpose="legal", letter_language="pl", created_by=manager
    )
    services.document_save(
        document=DocumentRestoration(case=case, document="passport", country="UA", status="applied",
                                     authority="Konsulat", applied_where=ADDRESS),
        actor=manager, expected_version=0,
    )  # fmt: skip
    services.attachment_file(
        attachment=Attachment(case=case, kind="medical", level=Level.TEAM, title="Zaświadczenie"),
        file_type=FileType.PDF, data=b"%PDF-1.4\n", filename="z.pdf", actor=manager,
    )  # fmt: skip
    from ostoja.testing.support import legal_records

    legal_records(case, manager)
    from ostoja.shelter import services as shelter
    from ostoja.shelter.models import Place, Placement

    place = Place(name="Safe flat S", kind="safe_flat", capacity=2)
    shelter.place_save(place=place, placers=[], address="ul. Schronienia 3", expected_version=0)
    shelter.placement_create(
        placement=Placement(case=case, place=place, kind="short_term", start_on=timezone.localdate()),
        actor=manager,
    )
    return case


def _html(case, user) -> str:
    with translation.override("en"):
        built = summary.build(case, case_access(user, case), "case_conference")
        return summary.summary_html(built, "Case conference", str(user))


def test_every_app_below_adds_its_section_through_the_hook():
    keys = {section.key for section in plugins.summary_sections()}
    assert {
        "identification",
        "assessments",
        "plan",
        "services",
        "referrals",
        "legal",
        "documents",
        "attachments",
    } <= keys


def test_the_case_manager_reads_every_section_and_never_an_address(full_case, cast):
    html = _html(full_case, cast[Role.CASE_MANAGER])
    for expected in ("Olena", full_case.number, "Forced labour", "Debt bondage", "Klinika Prawa Pracy",
                     "Passport", "Medical certificate", "<h2>Referrals</h2>", "Legal help",
                     "<h2>Legal position</h2>", "Preparatory proceedings"):  # fmt: skip
        assert expected in html, expected
    assert ADDRESS not in html and "Tajna" not in html and "Schronienia" not in html


def test_an_assigned_specialist_reads_less(full_case, cast):
    html = _html(full_case, cast[ASSIGNED])
    assert "Olena" in html and "Passport" in html and "Medical certificate" in html
    # The exploitation profile and the referrals section are for those who may change the case.
    for hidden in ("Forced labour", "Debt bondage", "<h2>Referrals</h2>", "Legal help"):
        assert hidden not in html, hidden
    assert "Tajna" not in html


def test_the_summary_is_a_pdf_for_a_purpose_audited_as_an_export_naming_what_it_printed(full_case, cast):
    url = reverse("casefiles:summary", args=[full_case.pk])
    client = login_verified(Client(), cast[Role.CASE_MANAGER])
    refused = client.post(url, {"purpose": ""})
    assert refused.status_code == 400 and "purpose" in refused.context["form"].errors
    assert not AuditEvent.objects.filter(action="export").exists()
    response = client.post(url, {"purpose": "handover"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        response["Content-Disposition"].startswith("attachment;") and "no-store" in response["Cache-Control"]
    )
    event = AuditEvent.objects.get(action="export", object_type="case")
    assert event.details["purpose"] == "handover"
    refs = {(r.object_type, r.object_id) for r in event.refs.all()}
    referral = Referral.objects.get()
    assert {("case", full_case.pk), ("person", full_case.person_id), ("referral", referral.pk)} <= refs
    assert ("exploitation_profile", ExploitationProfile.objects.get().pk) in refs

    specialist = login_verified(Client(), cast[ASSIGNED])
    assert specialist.post(url, {"purpose": "case_conference"}).status_code == 200
    theirs = AuditEvent.objects.filter(action="export", actor=cast[ASSIGNED]).get()
    assert ("exploitation_profile", ExploitationProfile.objects.get().pk) not in {
        (r.object_type, r.object_id) for r in theirs.refs.all()
    }


@pytest.mark.parametrize("principal", [BREAK_GLASS, Role.DUTY_WORKER, Role.ADMINISTRATOR, OUTSIDER])
def test_the_summary_is_not_printed_without_being_on_the_team(full_case, cast, principal):
    client = login_verified(Client(), cast[principal])
    response = client.post(reverse("casefiles:summary", args=[full_case.pk]), {"purpose": "handover"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(Q(action="export")).exists()
    assert timezone.now()
