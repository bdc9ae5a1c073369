"""No response shows a person's data without an audit row naming them, and every refusal is audited.

A sweep over every staff page that takes a record: each is requested by GET and by POST with bad
input (forms re-rendered with errors are where reads used to slip through) as each role. Whenever a
response with a body carries any of the person's protected values, the audit rows that request wrote
must name the person or one of their records; whenever the answer is 403, a DENY row must exist.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import Action, AuditEvent, AuditObject
from ostoja.hotline import meetings as meeting_services
from ostoja.hotline import services as hotline_services
from ostoja.hotline.models import CallEvent, Contact, Meeting, TelephonyToken
from ostoja.identification import services as identification_services
from ostoja.identification.codes import ExploitationKind, IdStatus
from ostoja.identification.models import IdentificationStatusChange
from ostoja.people.models import SafeContactProtocol
from ostoja.testing.access import login_verified
from ostoja.testing.routes import route_patterns
from ostoja.testing.support import support_records

pytestmark = pytest.mark.django_db

PHONE = "+48 601 777 431"
MARKERS = ("Гнатюк", "Hnatiuk", "601 777 431", "after 18:00 only", "Say you are from the pharmacy")
# Full access, the duty card, existence only (supervisors see as the team does, administrators as
# specialists outside the team do).
ROLES = (Role.CASE_MANAGER, Role.DUTY_WORKER, Role.SPECIALIST)
# Bad input for every form: too short, missing, or not what the field takes.
BAD_POST = {"reason": "short", "text": "", "given_name": "", "value": "", "decision": "", "version": "x"}


@pytest.fixture
def world(cast, case_factory, person_factory):
    person = person_factory(
        given="Марта", family="Гнатюк", given_latin="Marta", family_latin="Hnatiuk", phone=PHONE
    )
    case = case_factory(person=person)
    channel = person.channels.get()
    SafeContactProtocol.objects.update_or_create(
        person=person, defaults={"channel": channel, "when": "after 18:00 only",
                                 "if_someone_else_answers": "Say you are from the pharmacy"},
    )  # fmt: skip
    contact = hotline_services.contact_log(
        contact=Contact(channel="phone", summary="Called about a farm", person=person, case=case),
        created_by=cast[Role.CASE_MANAGER],
    )
    intervention = hotline_services.intervention_open(
        contact=contact, needs=["shelter"], opened_by=cast[Role.CASE_MANAGER], handler=None
    )
    call = CallEvent.objects.create(
        token=TelephonyToken.objects.create(name="pbx", token_hash="0" * 64),
        number=PHONE,
        occurred_at=timezone.now(),
        direction="inbound",
        match="matched",
        person=person,
    )
    meeting = meeting_services.meeting_schedule(
        meeting=Meeting(case=case, starts_at=timezone.now() + timedelta(days=2), place_kind="office",
                        purpose="Plan the return of documents"),
        staff=[], created_by=cast[Role.CASE_MANAGER],
    )  # fmt: skip
    screening = identification_services.screening_start(
        case=case, actor=cast[Role.CASE_MANAGER], kind=ExploitationKind.LABOUR, language="uk",
        interpreter_used=False, minor=False,
        safe_to_talk=True, in_pain=False, needs_doctor=False, consent=True,
    )  # fmt: skip
    change = identification_services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.SUSPECTED, grounds="Indicators"),
        actor=cast[Role.CASE_MANAGER],
    )
    referral_world = _referral_world(case, cast[Role.CASE_MANAGER], cast[Role.DUTY_WORKER])
    return {
        "person": person, "case": case, "contact": contact, "intervention": intervention, "call": call,
        "meeting": meeting, "screening": screening, "change": change, **referral_world,
        **support_records(case, cast[Role.CASE_MANAGER]), **_legal_world(case, cast[Role.CASE_MANAGER]),
        **_casefile_world(case, cast[Role.CASE_MANAGER]),
        **_later_world(person, case, contact, cast[Role.CASE_MANAGER]),
    }  # fmt: skip


def _later_world(person, case, contact, manager) -> dict:
    """A stay at a shelter, a translation asked for, the case on the retention review list and the
    person's own copy."""
    from ostoja.hotline.models import TranslationRequest
    from ostoja.retention.models import RetentionItem, SubjectCopy
    from ostoja.shelter import services as shelter
    from ostoja.shelter.models import Place, Placement

    place = Place(name="Safe flat T", kind="safe_flat", capacity=2)
    shelter.place_save(place=place, placers=[], address="ul. Tajna 9", expected_version=0)
    placement = shelter.placement_create(
        placement=Placement(case=case, place=place, kind="short_term", start_on=timezone.localdate()),
        actor=manager,
    )
    translation = TranslationRequest.objects.create(contact=contact, language="uk", asked_by=manager)
    item = RetentionItem.objects.create(
        kind="closed_case", object_id=case.pk, started_on=timezone.localdate(), due_on=timezone.localdate()
    )
    copy = SubjectCopy.objects.create(
        person=person, language="pl", ordered_by=manager, expires_at=timezone.now() + timedelta(days=1)
    )
    return {"placement": placement, "translation": translation, "retention_item": item, "subject_copy": copy}


def _legal_world(case, manager) -> dict:
    from ostoja.testing.support import legal_records

    return legal_records(case, manager)


def _casefile_world(case, manager) -> dict:
    """An attachment and a document to restore on the case."""
    from ostoja.casefiles import services as casefile_services
    from ostoja.casefiles.models import Attachment, DocumentRestoration

    attachment = casefile_services.attachment_file(
        attachment=Attachment(case=case, kind="letter", level="case", title="Letter"),
        file_type="pdf", data=b"%PDF-1.4\n", filename="letter.pdf", actor=manager,
    )  # fmt: skip
    document = casefile_services.document_save(
        document=DocumentRestoration(case=case, document="passport", country="UA"),
        actor=manager,
        expected_version=0,
    )
    return {"attachment": attachment, "document_to_restore": document}


def _referral_world(case, manager, duty) -> dict:
    """A consent, a referral and an incoming referral of the case (the directory is seeded)."""
    from ostoja.consent import services as consent_services
    from ostoja.consent.models import Consent
    from ostoja.partners.models import Organisation
    from ostoja.referrals import services as referral_services
    from ostoja.referrals.models import IncomingReferral, Referral

    berlin = Organisation.objects.get(name="Faire Mobilität", city="Berlin")
    consent = consent_services.consent_record(
        consent=Consent(case=case, scope="sharing", partner=berlin, purpose="labour_rights", items=["name"],
                        given_how="spoken", given_on=timezone.localdate()),
        actor=manager,
    )  # fmt: skip
    referral = referral_services.referral_draft(
        referral=Referral(
            case=case, partner=berlin, purpose="labour_rights", items=["name"], letter_language="de"
        ),
        actor=manager,
    )
    incoming = referral_services.incoming_receive(
        incoming=IncomingReferral(partner=berlin, referred_by="A counsellor"),
        contact=Contact(channel="email", summary="Referred by the advice centre."),
        actor=duty,
    )
    return {"consent": consent, "referral": referral, "incoming": incoming}


# Which record each route's argument names, by the route's path. A new route with an argument that
# is not listed here fails the sweep until someone says what it shows.
ARGUMENTS = [
    (r"^/people/<int:pk>/", "person"),
    (r"^/people/<int:person_pk>/", "person"),
    (r"^/cases/<int:pk>/", "case"),
    (r"^/hotline/contacts/<int:pk>/", "contact"),
    (r"^/hotline/interventions/<int:pk>/", "intervention"),
    (r"^/hotline/calls/<int:pk>/", "call"),
    (r"^/hotline/cases/<int:case_pk>/", "case"),
    (r"^/hotline/meetings/<int:pk>/", "meeting"),
    (r"^/identification/cases/<int:case_pk>/", "case"),
    (r"^/identification/screenings/<int:pk>/", "screening"),
    (r"^/identification/status/<int:pk>/", "change"),
    (r"^/consent/cases/<int:case_pk>/", "case"),
    (r"^/consent/<int:pk>/", "consent"),
    (r"^/referrals/cases/<int:case_pk>/", "case"),
    (r"^/referrals/incoming/<int:pk>/", "incoming"),
    (r"^/referrals/<int:pk>/", "referral"),
    (r"^/tasks/cases/<int:case_pk>/", "case"),
    (r"^/tasks/<int:pk>/", "task"),
    (r"^/assessments/cases/<int:case_pk>/", "case"),
    (r"^/assessments/needs/<int:pk>/", "needs"),
    (r"^/assessments/safety/<int:pk>/", "safety"),
    (r"^/plans/cases/<int:case_pk>/", "case"),
    (r"^/plans/<int:pk>/", "plan"),
    (r"^/services/cases/<int:case_pk>/", "case"),
    (r"^/services/deliveries/<int:pk>/", "delivery"),
    (r"^/legal/cases/<int:case_pk>/", "case"),
    (r"^/legal/proceedings/<int:pk>/", "proceeding"),
    (r"^/legal/hearings/<int:pk>/", "hearing"),
    (r"^/legal/matters/<int:pk>/", "legal_matter"),
    (r"^/casefiles/cases/<int:case_pk>/", "case"),
    (r"^/casefiles/attachments/<int:pk>/", "attachment"),
    (r"^/casefiles/documents/<int:pk>/", "document_to_restore"),
    (r"^/shelter/cases/<int:case_pk>/", "case"),
    (r"^/shelter/stays/<int:pk>/", "placement"),
    (r"^/hotline/translations/<int:pk>/", "translation"),
    (r"^/retention/people/<int:person_pk>/", "person"),
    (r"^/retention/copies/<int:pk>/", "subject_copy"),
    (r"^/retention/<int:pk>/", "retention_item"),
    (r"^/statistics/cases/<int:case_pk>/", "case"),
]
# Routes whose argument names no record of a person (shifts, swaps, calendar secrets, organisations of the
# directory, consultations for organisations), and apps
# that show no person at all (staff accounts, the audit log's ids, the public site and its editing).
NO_PERSON = (
    "/hotline/roster/",
    "/hotline/calendar/",
    "/partners/",
    "/referrals/consultations/",
    "/services/catalogue/",
    "/identification/interpreters/",
    "/shelter/places/",
)
NO_PERSON_APPS = ("accounts:", "audit:", "public:", "web:", "statistics:")
# Pages of those apps that do show a person (the ministry's questionnaire of a case).
PERSON_PAGES = ("/statistics/cases/",)


def _urls(world) -> list[tuple[str, str]]:
    urls = []
    for pattern, name in route_patterns():
        if "<" not in pattern or pattern.startswith(NO_PERSON) or "/api/" in pattern:
            continue
        if name.startswith(NO_PERSON_APPS) and not pattern.startswith(PERSON_PAGES):
            continue
        kind = next((kind for prefix, kind in ARGUMENTS if re.match(prefix, pattern)), None)
        assert kind is not None, f"{name} ({pattern}): say in ARGUMENTS which record it takes"
        url = re.sub(r"<int:step>", "1", pattern)
        url = re.sub(r"<int:\w+>", str(world[kind].pk), url)
        urls.append((name, url))
    # And the pages without an argument that show persons (lists, search, forms that link a person).
    urls += [
        (name, pattern)
        for pattern, name in route_patterns()
        if "<" not in pattern
        and "/api/" not in pattern
        and name.startswith(("cases:", "hotline:", "identification:", "tasks:"))
    ]
    return urls


def _rows_since(last_id: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=last_id).order_by("pk"))


def _names_someone_of(events: list[AuditEvent], world) -> bool:
    mine = {
        ("person", world["person"].pk), ("case", world["case"].pk), ("contact", world["contact"].pk),
        ("intervention", world["intervention"].pk), ("call_event", world["call"].pk),
        ("meeting", world["meeting"].pk), ("screening", world["screening"].pk),
        ("identification_status", world["change"].pk),
    }  # fmt: skip
    refs = set(AuditObject.objects.filter(event__in=events).values_list("object_type", "object_id"))
    return bool(refs & mine)


def test_every_response_showing_a_person_is_audited_and_every_refusal_too(cast, world):
    problems = []
    for role in ROLES:
        client = login_verified(Client(), cast[role])
        for name, url in _urls(world):
            for method in ("get", "post"):
                last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                response = getattr(client, method)(url, BAD_POST if method == "post" else {})
                if 300 <= response.status_code < 400 or response.status_code == 405:
                    continue
                events = _rows_since(last)
                body = response.content.decode(errors="replace")
                shown = [marker for marker in MARKERS if marker in body]
                where = f"{role} {method.upper()} {name} → {response.status_code}"
                if shown and not _names_someone_of(events, world):
                    problems.append(f"{where}: shows {shown} without an audit row")
                if response.status_code == 403 and not any(e.action == Action.DENY for e in events):
                    problems.append(f"{where}: refused without a DENY row")
    assert not problems, "\n".join(problems)


def test_failed_break_glass_request_shows_the_duty_card_only_with_an_audit_row(cast, world):
    """The reported case: a reason too short re-rendered the duty card, phone number included."""
    case = world["case"]
    client = login_verified(Client(), cast[Role.DUTY_WORKER])
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(reverse("cases:break_glass", args=[case.pk]), {"reason": "urgent"})
    assert response.status_code == 400
    assert "601 777 431" in response.content.decode()
    events = _rows_since(last)
    assert [(e.action, e.object_type) for e in events] == [(Action.VIEW, "case")]
    assert events[0].details["via"] == ["duty_on_shift", "staff"]
    assert set(events[0].refs.values_list("object_type", "object_id")) == {
        ("case", case.pk), ("person", case.person_id),
    }  # fmt: skip


def test_a_refusal_is_audited_although_the_request_rolls_back(cast, world):
    case = world["case"]
    client = login_verified(Client(), cast[Role.SPECIALIST])
    response = client.get(reverse("cases:case_edit", args=[case.pk]))
    assert response.status_code == 403
    denial = AuditEvent.objects.get(action=Action.DENY)
    assert denial.actor == cast[Role.SPECIALIST]
    assert denial.details == {"via": ["staff"], "needed": "change", "view": "cases:case_edit"}
    assert set(denial.refs.values_list("object_type", "object_id")) == {
        ("case", case.pk),
        ("person", case.person_id),
    }
    # A page refused by role alone names the page.
    response = login_verified(Client(), cast[Role.DUTY_WORKER]).get(reverse("identification:confirmations"))
    assert response.status_code == 403
    page = AuditEvent.objects.filter(action=Action.DENY).latest("pk")
    assert (page.object_type, page.details) == ("page", {"view": "identification:confirmations"})


def test_the_limited_view_is_audited_with_its_level(cast, world):
    case = world["case"]
    for role, via in [(Role.SPECIALIST, ["staff"]), (Role.DUTY_WORKER, ["duty_on_shift", "staff"])]:
        response = login_verified(Client(), cast[role]).get(reverse("cases:case_detail", args=[case.pk]))
        assert response.status_code == 200
        event = AuditEvent.objects.filter(actor=cast[role], action=Action.VIEW).latest("pk")
        assert event.details["via"] == via


def test_no_page_is_sent_when_its_deferred_audit_row_cannot_be_written(cast, world, monkeypatch):
    from ostoja.audit import services

    def broken(**kwargs):
        raise RuntimeError("audit storage unavailable")

    client = login_verified(Client(raise_request_exception=False), cast[Role.DUTY_WORKER])
    monkeypatch.setattr(services, "record", broken)
    response = client.post(reverse("cases:break_glass", args=[world["case"].pk]), {"reason": "urgent"})
    assert response.status_code == 500
    assert "601 777 431" not in response.content.decode()
