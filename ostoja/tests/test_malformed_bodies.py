"""No request body, however malformed, gives a 5xx on any route.

Every route the project serves receives the same malformed POST bodies — JSON, plain text, XML,
octet-stream, no content type, a truncated multipart body, a huge field, invalid UTF-8, duplicated
keys — as a member of staff holding every role (so that every staff view is reached), as an
anonymous visitor (the public site, the sign-in steps) and, for the telephony API, with its bearer
token. Path arguments point at real records, so that the views get past their lookups to the
parsing of the body.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.hotline import codes, roster
from ostoja.hotline import services as hotline_services
from ostoja.hotline.meetings import meeting_schedule
from ostoja.hotline.models import CallEvent, Contact, Meeting, TelephonyToken
from ostoja.hotline.telephony import token_create
from ostoja.identification import services as id_services
from ostoja.identification.models import IdentificationStatusChange, Interpreter
from ostoja.partners.models import Organisation
from ostoja.statistics.models import FunderReport, ReportCategory, ReportStatus
from ostoja.testing.access import login_verified
from ostoja.testing.routes import _walk
from ostoja.testing.support import legal_records, support_records

pytestmark = pytest.mark.django_db

BOUNDARY = "----ostoja-boundary"
HUGE = "x" * (1024 * 1024)
FIELD_NAMES = (
    "text",
    "summary",
    "q",
    "title",
    "body",
    "reason",
    "note",
    "notes",
    "token",
    "version",
    "outcome_note",
)

MALFORMED: dict[str, tuple[str, bytes]] = {
    "json": ("application/json", b'{"text": "x", "token": 1, "version": [], "nested": {"a": null}}'),
    "text": ("text/plain", b"just some words\nand a second line"),
    "xml": ("application/xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "e">]><a>&e;</a>'),
    "octet-stream": ("application/octet-stream", bytes(range(256)) * 4),
    "no content type": ("", b"text=a&summary=b&token=c"),
    "truncated multipart": (
        f"multipart/form-data; boundary={BOUNDARY}",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="text"\r\n\r\nunfinished'.encode(),
    ),
    "multipart without boundary": ("multipart/form-data", b"--x\r\n\r\n"),
    "huge field": (
        "application/x-www-form-urlencoded",
        "&".join(f"{name}={HUGE[:200_000]}" for name in FIELD_NAMES).encode(),
    ),
    "body over the size limit": ("application/x-www-form-urlencoded", f"text={HUGE * 3}".encode()),
    "invalid utf-8": (
        "application/x-www-form-urlencoded; charset=utf-8",
        b"text=%FF%FE%00&summary=\xff\xfe\xfd&q=\xc3\x28&title=\xed\xa0\x80&version=\xff",
    ),
    "unknown charset": ("application/x-www-form-urlencoded; charset=no-such-charset", b"text=a"),
    "duplicated keys": (
        "application/x-www-form-urlencoded",
        b"token=a&token=b&version=1&version=2&text=one&text=two&q=a&q=b&outcome=safe&outcome=other",
    ),
}


@pytest.fixture
def world(make_staff, cast, case_factory):
    """One record of every kind a route can point at, and the staff member who may reach them all."""
    everyone = make_staff("everyone", *Role.values)
    case = case_factory(members=[everyone])
    person = case.person
    contact = hotline_services.contact_from_web_report(language="en", text="Help", reporter_kind="person")
    urgent = hotline_services.contact_log(
        contact=Contact(channel="phone", urgency="urgent", summary="Urgent"),
        created_by=cast[Role.DUTY_WORKER],
    )
    intervention = hotline_services.intervention_open(
        contact=urgent, needs=[], opened_by=cast[Role.DUTY_WORKER]
    )
    secret = token_create(name="pbx", service_user=None)
    call = CallEvent.objects.create(
        token=TelephonyToken.objects.get(name="pbx"), number="+48601234567", occurred_at=timezone.now(),
        direction=codes.CallDirection.INBOUND, match=codes.CallMatch.NO_MATCH,
    )  # fmt: skip
    start = timezone.now() + timedelta(days=3)
    shift = roster.shift_add(
        user=everyone, kind=codes.ShiftKind.DUTY, starts_at=start, ends_at=start + timedelta(hours=8),
        created_by=everyone,
    )  # fmt: skip
    swap = roster.swap_offer(shift=shift, offered_by=everyone, offered_to=cast[Role.DUTY_WORKER])
    meeting = meeting_schedule(
        meeting=Meeting(case=case, starts_at=start, place_kind="office", purpose="Plan"), staff=[], created_by=everyone
    )  # fmt: skip
    screening = id_services.screening_start(
        case=case,
        actor=everyone,
        kind="labour",
        language="uk",
        interpreter_used=False,
        minor=False,
        safe_to_talk=True,
        in_pain=False,
        needs_doctor=False,
        consent=True,
    )
    change = id_services.status_request(
        change=IdentificationStatusChange(case=case, status="suspected"), actor=cast[Role.CASE_MANAGER]
    )
    grant = audit.break_glass_start(
        request=_request_of(cast[Role.SPECIALIST]), object_type="case", object_id=case.pk,
        reason="The person called from an unknown number and the team is away",
    )  # fmt: skip
    partner = Organisation.objects.create(
        name="Fairwork", kind="ngo", country="NL", public=True, public_group="workers_abroad"
    )
    interpreter = Interpreter.objects.create(name="Olha", languages=["uk"], added_by=everyone)
    report = FunderReport.objects.create(
        year=2025, requested_by=everyone, status=ReportStatus.DONE, xlsx=b"PK", pdf=b"%PDF"
    )
    feed_secret = roster.feed_create(user=everyone)
    referrals = _referral_records(case, everyone)
    support = support_records(case, everyone)
    legal = legal_records(case, everyone)
    later = _later_records(case, contact, everyone)
    return {
        "everyone": everyone,
        "api_secret": secret,
        "args": {
            "accounts:": {"pk": cast[Role.SPECIALIST].pk},
            "audit:": {"pk": grant.pk},
            "cases:person": {"pk": person.pk},
            "cases:protocol": {"pk": person.pk},
            "cases:channel": {"pk": person.pk},
            "cases:photo": {"pk": person.pk},
            "cases:document": {"pk": person.pk},
            "cases:": {"pk": case.pk, "person_pk": person.pk},
            "hotline:contact": {"pk": contact.pk},
            "hotline:intervention_open": {"pk": contact.pk},
            "hotline:call": {"pk": call.pk},
            "hotline:shift": {"pk": shift.pk},
            "hotline:swap_offer": {"pk": shift.pk},
            "hotline:swap_decide": {"pk": swap.pk},
            "hotline:feed": {"secret": feed_secret},
            "hotline:meeting": {"pk": meeting.pk, "case_pk": case.pk},
            "hotline:": {"pk": intervention.pk},
            "identification:screening": {"pk": screening.pk, "case_pk": case.pk, "step": 1},
            "identification:status_review": {"pk": change.pk},
            "identification:interpreter": {"pk": interpreter.pk},
            "identification:": {"case_pk": case.pk},
            "tasks:": {"pk": support["task"].pk, "case_pk": case.pk},
            "assessments:needs": {"pk": support["needs"].pk, "case_pk": case.pk},
            "assessments:safety": {"pk": support["safety"].pk, "case_pk": case.pk},
            "plans:": {"pk": support["plan"].pk, "case_pk": case.pk},
            "services:service": {"pk": support["service"].pk},
            "services:": {"pk": support["delivery"].pk, "case_pk": case.pk},
            "legal:proceeding": {"pk": legal["proceeding"].pk},
            "legal:hearing_new": {"pk": legal["proceeding"].pk},
            "legal:hearing": {"pk": legal["hearing"].pk},
            "legal:matter_edit": {"pk": legal["legal_matter"].pk},
            "legal:": {"case_pk": case.pk},
            "shelter:place_edit": {"pk": later["placement"].place_id},
            "shelter:": {"pk": later["placement"].pk, "case_pk": case.pk},
            "casefiles:attachment_download": {"pk": later["attachment"].pk},
            "casefiles:": {"pk": later["document"].pk, "case_pk": case.pk},
            "hotline:translation_done": {"pk": later["translation"].pk},
            "retention:copies": {"person_pk": person.pk},
            "retention:copy": {"pk": later["subject_copy"].pk},
            "retention:": {"pk": later["retention_item"].pk},
            "public:admin_partner": {"pk": partner.pk},
            "partners:": {"pk": referrals["organisation"].pk},
            "consent:consent_withdraw": {"pk": referrals["consent"].pk},
            "consent:": {"case_pk": case.pk},
            "referrals:consultation": {"pk": referrals["consultation"].pk},
            "referrals:incoming": {"pk": referrals["incoming"].pk},
            "referrals:referral_new": {"case_pk": case.pk},
            "referrals:": {"pk": referrals["referral"].pk},
            "statistics:category": {"pk": ReportCategory.objects.order_by("pk").first().pk},
            "statistics:": {"pk": report.pk, "kind": "xlsx"},
            "statistics:case_questionnaire": {"case_pk": case.pk},
            "public:": {"lang": "en", "key": "about", "pk": 1},
        },
    }


def _referral_records(case, actor) -> dict:
    from ostoja.consent import services as consent_services
    from ostoja.consent.models import Consent
    from ostoja.partners.models import Organisation
    from ostoja.referrals import services as referral_services
    from ostoja.referrals.models import Consultation, IncomingReferral, Referral

    organisation = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    consent = consent_services.consent_record(
        consent=Consent(case=case, scope="sharing", partner=organisation, purpose="labour_rights", items=["name"],
                        given_how="spoken", given_on=timezone.localdate()),
        actor=actor,
    )  # fmt: skip
    referral = referral_services.referral_draft(
        referral=Referral(case=case, partner=organisation, purpose="labour_rights", items=["name"], letter_language="de"),
        actor=actor,
    )  # fmt: skip
    incoming = referral_services.incoming_receive(
        incoming=IncomingReferral(partner=organisation, referred_by="A counsellor"),
        contact=Contact(channel="email", summary="Referred."), actor=actor,
    )  # fmt: skip
    consultation = Consultation.objects.create(
        organisation=organisation, asked_by="A nurse", held_on=timezone.localdate(), topic="support", question="Q",
        advice="A", minutes=10, recorded_by=actor,
    )  # fmt: skip
    return {"organisation": organisation, "consent": consent, "referral": referral, "incoming": incoming,
            "consultation": consultation}  # fmt: skip


def _later_records(case, contact, actor) -> dict:
    """A stay, an attachment, a document to restore, a translation, a review item and a person's copy."""
    import datetime as dt

    from ostoja.casefiles import services as casefile_services
    from ostoja.casefiles.models import Attachment, DocumentRestoration
    from ostoja.hotline.models import TranslationRequest
    from ostoja.retention.models import RetentionItem, SubjectCopy
    from ostoja.shelter import services as shelter
    from ostoja.shelter.models import Place, Placement

    place = Place(name="Safe flat M", kind="safe_flat", capacity=2)
    shelter.place_save(place=place, placers=[], address="ul. Tajna 5", expected_version=0)
    today = timezone.localdate()
    return {
        "placement": shelter.placement_create(
            placement=Placement(case=case, place=place, kind="short_term", start_on=today), actor=actor
        ),
        "attachment": casefile_services.attachment_file(
            attachment=Attachment(case=case, kind="letter", level="case", title="Letter"),
            file_type="pdf", data=b"%PDF-1.4\n", filename="letter.pdf", actor=actor,
        ),
        "document": casefile_services.document_save(
            document=DocumentRestoration(case=case, document="passport", country="UA"), actor=actor,
            expected_version=0,
        ),
        "translation": TranslationRequest.objects.create(contact=contact, language="uk", asked_by=actor),
        "retention_item": RetentionItem.objects.create(kind="closed_case", object_id=case.pk, started_on=today,
                                                       due_on=today),
        "subject_copy": SubjectCopy.objects.create(person=case.person, language="pl", ordered_by=actor,
                                                   expires_at=timezone.now() + dt.timedelta(days=1)),
    }  # fmt: skip


def _request_of(user):
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = user
    return request


def _urls(world) -> list[tuple[str, str]]:
    urls = []
    for pattern, name in _walk(get_resolver().url_patterns):
        wanted = set(re.findall(r"<(?:\w+:)?(\w+)>", pattern))
        prefix = max((p for p in world["args"] if name.startswith(p) and wanted <= set(world["args"][p])), key=len,
                     default=None)  # fmt: skip
        assert prefix is not None or not wanted, f"no sample arguments for {name}"
        kwargs = world["args"].get(prefix, {})
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m, kwargs=kwargs: str(kwargs[m.group(1)]), pattern)
        urls.append((name, "/" + url.lstrip("^/").rstrip("$")))
    return urls


def test_no_malformed_body_gives_a_server_error(world):
    failures, statuses = [], {}
    urls = _urls(world)
    assert len(urls) > 80
    clients = {
        "staff": login_verified(Client(raise_request_exception=False), world["everyone"]),
        "anonymous": Client(raise_request_exception=False),
        "api": Client(
            raise_request_exception=False, headers={"Authorization": f"Bearer {world['api_secret']}"}
        ),
    }
    for name, url in urls:
        for label, (content_type, body) in MALFORMED.items():
            for principal, client in clients.items():
                if principal == "api" and ":api:" not in name:
                    continue
                response = client.generic("POST", url, body, content_type=content_type)
                statuses[name, label, principal] = response.status_code
                if response.status_code >= 500:
                    failures.append(f"{principal} POST {url} ({name}) with {label}: {response.status_code}")
                if name == "accounts:logout" and principal == "staff":
                    login_verified(client, world["everyone"])
    assert not failures, "\n".join(failures)
    # The staff member did reach the views: a body that is not a form gets the form back with its errors.
    for label in ("json", "text", "xml", "octet-stream", "no content type"):
        assert statuses["hotline:contact_new", label, "staff"] == 200
        assert statuses["cases:person_register", label, "staff"] == 200
        assert statuses["cases:note_add", label, "staff"] == 400
    assert statuses["hotline:api:post_call_event", "json", "api"] == 422
