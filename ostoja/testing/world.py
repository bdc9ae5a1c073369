"""One of everything: a small, complete set of records for tests that must visit every page or form.

``build_world()`` makes staff in every role, a person with protocol, channels, documents and history,
a case with notes, a contact, a live intervention with an action, a web report waiting for triage,
a call from the telephone system, shifts with a swap on offer, a calendar feed, a meeting, a
screening, identification status changes, an exploitation profile with its journey, a quick
checklist, an open and a done task, two needs assessments, a safety assessment, two support plan versions, a service
delivered, a document to restore and an attachment, public texts, contact details, a partner, a library document, a break-glass grant and an
imported historical case with its counts, a file waiting to be imported, a funder's report and case exports.
Everything is made relative to the current time: freeze it (time_machine) around the call.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils import timezone
from PIL import Image

from ostoja.accounts.models import LoginFailure, RoleGrant, SentNotice, SignInPolicy, StaffSession, User
from ostoja.accounts.roles import Role
from ostoja.assessments import services as assessments
from ostoja.assessments.models import Need, NeedsAssessment, SafetyAssessment
from ostoja.audit import services as audit
from ostoja.audit.models import BreakGlassGrant
from ostoja.cases import services as case_services
from ostoja.cases.codes import ClosureReason, Phase, RiskFlag
from ostoja.cases.models import Case
from ostoja.history.services import record_changes, snapshot
from ostoja.hotline import codes, meetings, roster, services, telephony
from ostoja.hotline.models import CallEvent, Contact, Intervention, Meeting, Shift, TelephonyToken
from ostoja.identification import services as identification
from ostoja.identification.codes import ExploitationKind
from ostoja.identification.models import (
    ExploitationProfile,
    IdentificationStatusChange,
    Interpreter,
    JourneyCountry,
    Representative,
    Screening,
)
from ostoja.partners.models import Organisation as DirectoryEntry
from ostoja.people import photos
from ostoja.people import services as people_services
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, IdentityDocument, Person, PersonPhoto, SafeContactProtocol
from ostoja.plans import services as plan_services
from ostoja.plans.models import Goal, SupportPlan
from ostoja.public import library
from ostoja.public.models import (
    CentreContact,
    LibraryDocument,
    PartnerDescription,
    PublicText,
    ReportCounter,
    UsedReportToken,
)
from ostoja.services import services as service_services
from ostoja.services.catalogue import install as install_catalogue
from ostoja.services.models import Delivery, Service
from ostoja.statistics.imports import rebuild_tallies
from ostoja.statistics.models import (
    CaseExport,
    FunderReport,
    HistoricalCase,
    ImportRun,
    ImportStatus,
    ImportUpload,
    QuestionnaireAnswers,
    ReportCategory,
    ReportStatus,
)
from ostoja.tasks import services as task_services
from ostoja.tasks.codes import TaskKind
from ostoja.testing.fixtures import new_staff
from ostoja.web.models import FormSubmission, RateCounter, WorkerHeartbeat


def tiny_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"xref\n0 4\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    )


@dataclass
class World:
    everyone: User  # holds every role, handles the intervention, is on every shift list
    manager: User
    duty: User
    supervisor: User
    admin: User
    outsider: User
    person: Person
    case: Case
    closed_case: Case
    contact: Contact
    web_report: Contact
    intervention: Intervention
    call: CallEvent
    shift: Shift
    meeting: Meeting
    screening: Screening
    pending_status: IdentificationStatusChange
    profile: ExploitationProfile
    public_text: PublicText
    partner: DirectoryEntry  # an organisation of the partner directory shown on the public site
    document: LibraryDocument
    grant: BreakGlassGrant
    feed_secret: str
    needs: NeedsAssessment
    first_needs: NeedsAssessment
    safety: SafetyAssessment
    plan: SupportPlan  # the second version, a draft (the first is approved)
    service: Service
    delivery: Delivery
    extra: dict = field(default_factory=dict)


def build_world() -> World:
    now = timezone.now()
    today = timezone.localdate()
    everyone = new_staff("wszyscy", *Role.values, first_name="Ewa", last_name="Wszechstronna")
    manager = new_staff("opiekun", Role.CASE_MANAGER, first_name="Tomasz", last_name="Opiekun")
    duty = new_staff("dyzurna", Role.DUTY_WORKER, first_name="Dorota", last_name="Dyżurna")
    supervisor = new_staff("nadzor", Role.SUPERVISOR, first_name="Zofia", last_name="Nadzór")
    admin = new_staff("admin", Role.ADMINISTRATOR, first_name="Adam", last_name="Admin")
    specialist = new_staff("prawniczka", Role.SPECIALIST, first_name="Paula", last_name="Prawnik")
    outsider = new_staff("obcy", first_name="Olek", last_name="Obcy")
    for user in (everyone, manager, duty, supervisor, admin):
        user.last_login = now - dt.timedelta(hours=2)
        user.save(update_fields=["last_login"])

    # A person, with everything a person file shows.
    person = people_services.person_register(
        person=Person(
            given_name="Олена", family_name="Коваленко", given_name_latin="Olena", family_name_latin="Kovalenko",
            aliases=["Lena"], date_of_birth=dt.date(1998, 8, 12), citizenships=["UA"], languages=["uk", "ru"],
            preferred_language="uk", needs_interpreter=True, registered_by=manager,
        ),
        channels=[ContactChannel(kind=ChannelKind.PHONE, value="+48601234567", safety=Safety.SAFE,
                                 safe_hours="9-17", code_word="sunflower")],
    )  # fmt: skip
    IdentityDocument.objects.create(person=person, kind="passport", number="FA123456", issuing_country="UA")
    SafeContactProtocol.objects.update_or_create(
        person=person,
        defaults={"channel": person.channels.first(), "when": "Weekdays after 18:00", "messages": "no",
                  "if_someone_else_answers": "Say it is the pharmacy.", "other_instructions": "Speak Ukrainian."},
    )  # fmt: skip
    before = snapshot(person, ["estimated_age"])
    person.estimated_age = 28
    person.save(update_fields=["estimated_age"])
    record_changes(actor=manager, object_type="person", object_id=person.pk, instance=person, before=before)

    # A case with a team, notes and a change in its history.
    case = case_services.case_open(
        case=Case(
            person=person, case_manager=manager, phase=Phase.FOREIGNER_IN_POLAND, risk_flags=[RiskFlag.values[0]],
            opened_on=timezone.localdate() - dt.timedelta(days=40),
        ),
        members=[specialist, everyone],
    )  # fmt: skip
    case_services.note_add(
        case=case, author=manager, text="First meeting at the office; documents with the employer."
    )
    before = case_services.case_snapshot(case)
    case.phase = Phase.BEFORE_RETURN
    case_services.case_update(
        case=case, actor=manager, expected_version=case.version, before=before, members=None
    )

    # A second, closed case of the same person: a finished screening, a confirmed change, an authority's decision.
    closed = case_services.case_open(
        case=Case(person=person, case_manager=manager, phase=Phase.BEFORE_RETURN,
                  opened_on=timezone.localdate() - dt.timedelta(days=400)),
    )  # fmt: skip
    finished = identification.screening_start(
        case=closed,
        actor=manager,
        kind=ExploitationKind.SEXUAL,
        language="uk",
        interpreter_used=False,
        minor=False,
        safe_to_talk=True,
        in_pain=False,
        needs_doctor=False,
        consent=True,
    )
    identification.screening_finish(screening=finished, status="completed")
    identification.answer_correct(
        screening=finished, code="cd_forced_tasks", answer="yes", reason="Said more at the second meeting.",
        actor=manager,
    )  # fmt: skip
    preliminary = identification.status_request(
        change=IdentificationStatusChange(
            case=closed, status="preliminary", grounds="Delphi: strong indicators."
        ),
        actor=manager,
    )
    identification.status_review(change=preliminary, actor=supervisor, confirm=True)
    identification.status_request(
        change=IdentificationStatusChange(
            case=closed, status="identified", authority="border_guard", decided_on=timezone.localdate() - dt.timedelta(days=30),
            reference="SG-123/2026",
        ),
        actor=manager,
    )  # fmt: skip
    before = case_services.case_snapshot(closed)
    closed.status, closed.closure_reason = "closed", ClosureReason.values[0]
    case_services.case_update(case=closed, actor=manager, expected_version=closed.version, before=before)

    # The hotline: a contact on the case, an urgent one with a live intervention, a web report, a call.
    contact = services.contact_log(
        contact=Contact(channel=codes.Channel.PHONE, caller_kind=codes.CallerKind.PERSON, person=person, case=case,
                        summary="Asked about her passport.", received_at=now - dt.timedelta(hours=3)),
        created_by=duty,
    )  # fmt: skip
    urgent = services.contact_log(
        contact=Contact(channel=codes.Channel.PHONE, urgency=codes.Urgency.URGENT, person=person, case=case,
                        caller_kind=codes.CallerKind.PERSON, summary="Locked in a flat, needs shelter tonight.",
                        caller_country="DE", caller_city="Berlin", received_at=now - dt.timedelta(minutes=50)),
        created_by=duty,
    )  # fmt: skip
    intervention = services.intervention_open(contact=urgent, needs=["shelter"], opened_by=duty)
    Intervention.objects.filter(pk=intervention.pk).update(escalated_at=now - dt.timedelta(minutes=30))
    intervention = services.intervention_take(intervention_id=intervention.pk, user=everyone)
    services.intervention_add_action(
        intervention=intervention,
        by=everyone,
        text="Called the shelter in Berlin.",
        at=now - dt.timedelta(minutes=20),
    )
    done = services.intervention_open(
        contact=services.contact_log(
            contact=Contact(channel=codes.Channel.PHONE, urgency=codes.Urgency.URGENT, summary="Wrong address given.",
                            received_at=now - dt.timedelta(days=2)),
            created_by=duty,
        ),
        needs=["safety"], opened_by=duty, handler=duty,
    )  # fmt: skip
    services.intervention_close(
        intervention=done, outcome=codes.Outcome.values[0], note="Police found her.", by=duty
    )
    web_report = services.contact_from_web_report(
        language="uk", text="My cousin's passport was taken.", contact_details="cousin@example.org",
        reporter_kind="family", location="Poznań",
    )  # fmt: skip
    telephony.token_create(name="Stara centrala", service_user=duty)
    TelephonyToken.objects.update(
        revoked_at=now - dt.timedelta(days=3), last_used_at=now - dt.timedelta(days=4)
    )
    telephony.token_create(name="Centrala", service_user=duty)
    call = CallEvent.objects.create(
        token=TelephonyToken.objects.get(revoked_at__isnull=True), number="+48601234567", occurred_at=now - dt.timedelta(minutes=5),
        duration_seconds=120, direction=codes.CallDirection.INBOUND, match=codes.CallMatch.MATCHED, person=person,
    )  # fmt: skip

    # The roster: shifts now and tomorrow, a swap on offer, a private calendar feed.
    hour = now.replace(minute=0, second=0, microsecond=0)
    roster.shift_add(
        user=everyone, kind=codes.ShiftKind.DUTY, starts_at=hour - dt.timedelta(hours=2),
        ends_at=hour + dt.timedelta(hours=6), created_by=supervisor,
    )  # fmt: skip
    tomorrow = roster.shift_add(
        user=everyone, kind=codes.ShiftKind.DUTY, starts_at=hour + dt.timedelta(hours=22),
        ends_at=hour + dt.timedelta(hours=30), created_by=supervisor,
    )  # fmt: skip
    roster.shift_add(
        user=supervisor, kind=codes.ShiftKind.SUPERVISOR, starts_at=hour - dt.timedelta(hours=2),
        ends_at=hour + dt.timedelta(hours=6), created_by=supervisor,
    )  # fmt: skip
    declined = roster.swap_offer(shift=tomorrow, offered_by=everyone, offered_to=duty)
    roster.swap_decide(swap_id=declined.pk, user=duty, accept=False)
    roster.swap_offer(shift=tomorrow, offered_by=everyone, offered_to=duty)
    roster.feed_create(user=everyone)
    feed_secret = roster.feed_create(user=everyone)  # the first address is revoked

    # A meeting in two days, with everyone taking part.
    meeting = meetings.meeting_schedule(
        meeting=Meeting(case=case, starts_at=hour + dt.timedelta(days=2, hours=1), duration_minutes=90,
                        place_kind=codes.PlaceKind.OFFICE, place_note="Room 2", purpose="Plan the return of documents",
                        other_participants="Interpreter (agency)", interpreter_language="uk",
                        safety_check_done=True, safety_notes="Nobody followed her last time."),
        staff=[everyone, manager], created_by=manager,
    )  # fmt: skip

    # Identification: a screening with answers, a status, a change waiting, a profile, a checklist.
    interpreter = identification.interpreter_add(
        interpreter=Interpreter(name="Olha Bondar", languages=["uk", "ru"], agreement_signed=True),
        actor=everyone,
    )
    screening = identification.screening_start(
        case=case,
        actor=everyone,
        kind=ExploitationKind.LABOUR,
        language="uk",
        interpreter_used=True,
        minor=False,
        safe_to_talk=True,
        in_pain=False,
        needs_doctor=False,
        consent=True,
        interpreter=interpreter,
        interpreter_agreement=True,
        interpreter_relation="no",
    )
    first = identification.indicators.load().for_list(screening.indicator_list)[:3]
    identification.screening_save(
        screening=screening, answers={i.code: "yes" for i in first}, notes="Tired, wants a break.", step=1
    )
    identification.status_request(
        change=IdentificationStatusChange(case=case, status="suspected", screening=screening), actor=manager
    )
    pending = identification.status_request(
        change=IdentificationStatusChange(
            case=case, status="preliminary", grounds="Indicators of forced labour."
        ),
        actor=manager,
    )
    profile = identification.profile_save(
        profile=ExploitationProfile(
            case=case, forms=["isForcedLabour"], sector="A", means_of_control=["meansOfControlDebtBondage"],
            recruitment_method="job_offer", recruitment_place="Lviv", recruiter_relations=["recruiterRelationFriend"],
            perpetrator_roles=["recruiter"],
            minor_at_time=True,
        ),
        journey=[
            JourneyCountry(stage="recruitment", country="UA", date_from=today - dt.timedelta(days=620),
                           date_to=today - dt.timedelta(days=600)),
            JourneyCountry(stage="exploitation", country="PL", date_from=today - dt.timedelta(days=598)),
        ],
        actor=manager, expected_version=0,
    )  # fmt: skip
    identification.representative_save(
        representative=Representative(
            case=case, name="Iryna Kovalenko", relation="parent", contact="+380501234567"
        ),
        actor=manager,
    )
    checklist_codes = [item.code for item in identification.indicators.load().checklist[:2]]
    identification.checklist_attach(case=case, actor=duty, items=checklist_codes)

    # Support: tasks, a needs assessment and a later one, a safety assessment, two plan versions,
    # a service delivered.
    task_services.task_create(
        case=case, owner=manager, kind=TaskKind.FOLLOW_UP, due_on=today + dt.timedelta(days=3),
        details="Call back after the office visit.", created_by=manager,
    )  # fmt: skip
    done_task = task_services.task_create(case=case, owner=manager, kind=TaskKind.OTHER, due_on=today)
    task_services.task_close(task=done_task, actor=manager, status="done")
    first_needs = assessments.needs_save(
        assessment=NeedsAssessment(case=case, kind="initial", mode="phone", before_return=True,
                                   assessed_on=today - dt.timedelta(days=20)),
        needs=[Need(domain="accommodation", severity=4, words="Nowhere to sleep.")], actor=manager,
    )  # fmt: skip
    needs = assessments.needs_save(
        assessment=NeedsAssessment(case=case, kind="full", mode="in_person", assessed_on=today - dt.timedelta(days=5)),
        needs=[Need(domain="accommodation", severity=1, words="Shelter for now."),
               Need(domain="legal", severity=3, declined=True)],
        actor=manager,
    )  # fmt: skip
    safety = assessments.safety_save(
        assessment=SafetyAssessment(
            case=case, assessed_on=today - dt.timedelta(days=5), review_on=today + dt.timedelta(days=9),
            threats=[{"at_risk": "person", "threat": "trafficker_contact", "severity": 3, "likelihood": 2}],
            person_actions="Phone off at night.", code_word="Sunflower",
        ),
        actor=manager,
    )  # fmt: skip
    plan_v1 = plan_services.plan_start(case=case, actor=manager)
    plan_v1.agreed, plan_v1.agreement_words, plan_v1.agreement_language = True, "I agree.", "uk"
    plan_v1.review_on = today + dt.timedelta(days=60)
    plan_services.plan_save(
        plan=plan_v1, goals=[Goal(domain="accommodation", goal="Safe housing", due_on=today + dt.timedelta(days=30),
                                  owner=manager)],
        actor=manager, expected_version=plan_v1.version,
    )  # fmt: skip
    plan_services.plan_approve(plan=plan_v1, actor=supervisor, expected_version=plan_v1.version)
    plan = plan_services.plan_start(case=case, actor=manager)
    plan.interpreter, plan.review_on = "Interpreter (agency)", today + dt.timedelta(days=90)
    plan_services.plan_save(
        plan=plan, goals=[Goal(domain="legal", goal="Residence permit", partner="Legal clinic",
                               due_on=today + dt.timedelta(days=40))],
        actor=manager, expected_version=plan.version,
    )  # fmt: skip
    install_catalogue(Service)
    service = Service.objects.get(code="legal_residence")
    delivery = service_services.delivery_record(
        delivery=Delivery(case=case, service=service, delivered_on=today - dt.timedelta(days=1), delivered_by=manager,
                          minutes=45, cost="0", outcome="Application filed.", goal=plan_v1.goals.first()),
        actor=manager,
    )  # fmt: skip

    # The public site: texts, contact details, a partner, a library document.
    public_text, _new = PublicText.objects.update_or_create(
        language="pl", key="about",
        defaults={
            "title": "Pomoc dla ofiar handlu ludźmi", "body": "Pomagamy bezpłatnie.", "updated_by": admin,
            "reviewed_by": "Anna Nowak", "reviewed_on": dt.date(2026, 11, 20),
        },
    )  # fmt: skip
    PublicText.objects.update_or_create(
        language="en", key="about", defaults={"title": "Help for victims", "body": "We help for free."}
    )
    CentreContact.objects.update_or_create(
        pk=1, defaults={"phone": "+48 22 628 01 20", "email": "info@example.org", "postal_address": "Warszawa",
                        "confirmed": True, "updated_by": admin},
    )  # fmt: skip
    partner = DirectoryEntry.objects.create(
        name="Fairwork", kind="ngo", country="NL", city="Amsterdam", website="https://example.org",
        phone="+31 20 760 08 09", languages=["pl", "en"], public=True, public_group="workers_abroad",
    )  # fmt: skip
    PartnerDescription.objects.create(organisation=partner, language="pl", text="Porady dla pracowników.")
    # Stored directly: the upload checks are the library tests' business.
    data = tiny_pdf()
    document = LibraryDocument.objects.create(
        title="Poradnik",
        language="pl",
        stored_name=library.store(data),
        size=len(data),
        pages=1,
        uploaded_by=admin,
    )

    # Access records: a break-glass grant of an outsider, a session, a failed sign-in, counters.
    BreakGlassGrant.objects.create(
        user=outsider, object_type="case", object_id=closed.pk, reason="Caller asked about an old case at night.",
        started_at=now - dt.timedelta(days=1), expires_at=now - dt.timedelta(hours=23), ended_at=now - dt.timedelta(hours=23),
        end_reason="expired",
        # Reviewed by a supervisor the next morning, with what they found.
        reviewed_by=supervisor, reviewed_at=now - dt.timedelta(hours=20), review_comment="Justified: the team was away.",
    )  # fmt: skip
    grant = BreakGlassGrant.objects.create(
        user=outsider, object_type="case", object_id=case.pk, reason="Caller in danger, team unreachable tonight.",
        started_at=now - dt.timedelta(minutes=10), expires_at=now + dt.timedelta(minutes=50),
    )  # fmt: skip
    audit.record(
        actor=manager,
        action="view",
        object_type="case",
        object_ids=[case.pk],
        related=[("person", person.pk)],
    )
    ReportCounter.objects.create(day=timezone.localdate(), sender="0" * 64, count=1)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    PersonPhoto.objects.create(person=person, jpeg=photos.encode(buffer.getvalue()), uploaded_by=manager)
    RoleGrant.objects.create(
        user=specialist, role=Role.CASE_MANAGER, requested_by=admin, requested_at=now - dt.timedelta(days=3),
        status=RoleGrant.Status.GRANTED, decided_by=admin, decided_at=now - dt.timedelta(days=3),
    )  # fmt: skip
    RoleGrant.objects.create(
        user=duty, role=Role.SUPERVISOR, requested_by=admin, requested_at=now - dt.timedelta(hours=5),
        status=RoleGrant.Status.PENDING,
    )  # fmt: skip
    SignInPolicy.objects.update_or_create(
        pk=SignInPolicy.SINGLETON,
        defaults={"passkey_roles": [], "changed_at": now - dt.timedelta(days=7), "changed_by": admin},
    )
    UsedReportToken.objects.create(token_hash="0" * 64, expires_at=now + dt.timedelta(hours=1))
    StaffSession.objects.create(
        user=manager, session_key="world-session-0001", started_at=now - dt.timedelta(hours=1)
    )
    LoginFailure.objects.create(username="opiekun", address="192.0.2.1", at=now - dt.timedelta(minutes=3))
    FormSubmission.objects.create(token="world-token", result_url="/cases/")
    RateCounter.objects.create(key="world", window=1, count=1, expires_at=now + dt.timedelta(minutes=10))
    SentNotice.objects.create(
        key=f"break_glass:{grant.pk}", recipient=supervisor, sent_at=now - dt.timedelta(minutes=9)
    )
    WorkerHeartbeat.objects.create(
        worker_id="world-worker", host="localhost", pid=1, started_at=now - dt.timedelta(hours=1),
        seen_at=now - dt.timedelta(seconds=5), stopped_at=now - dt.timedelta(seconds=1),
    )  # fmt: skip
    # An imported file with one de-identified historical case, counted.
    run = ImportRun.objects.create(
        file_sha256="0" * 64, file_name="ctdc.csv", rows_total=2, next_row=3, imported=1, refused=1,
        refusals=[{"row": 2, "column": "gender", "reason": "„Robot” nie jest jedną z wartości CTDC"}],
        refusal_counts={"gender": 1}, status=ImportStatus.COMPLETE, finished_at=now - dt.timedelta(hours=3),
        started_by=supervisor,
    )  # fmt: skip
    # A file uploaded on the import page, waiting (encrypted) for the worker.
    waiting = ImportRun.objects.create(
        source="htcds", file_sha256="1" * 64, file_name="htcds.csv", rows_total=1, status=ImportStatus.QUEUED,
        started_by=supervisor,
    )  # fmt: skip
    ImportUpload.objects.create(run=waiting, content="cHJzX0ZpcnN0TmFtZQo=", year=today.year - 1)
    HistoricalCase.objects.create(
        run=run, row=1, year=today.year - 1, datasource="hotline", gender="feminine", majority="adult",
        citizenship="UA", country_of_exploitation="PL", forms="isForcedLabour",
    )  # fmt: skip
    rebuild_tallies()
    # Seeded by a migration, but a transactional test before this one may have emptied the table.
    ReportCategory.objects.get_or_create(
        list_name="exploitation", code="forced_labour",
        defaults={"label_pl": "Praca przymusowa", "label_en": "Forced labour", "profile_codes": ["isForcedLabour"]},
    )  # fmt: skip
    # The ministry's questionnaire of the case, partly completed by its case manager and marked reviewed.
    QuestionnaireAnswers.objects.create(
        case=case, marital_status="single", destination_proposed="DE", transport="road", testified="pending",
        updated_by=manager, reviewed_by=manager, reviewed_at=now - dt.timedelta(hours=1),
    )  # fmt: skip
    FunderReport.objects.create(
        year=today.year - 1, requested_by=supervisor, status=ReportStatus.DONE, progress=100,
        finished_at=now - dt.timedelta(hours=2), xlsx=b"PK", pdf=b"%PDF-1.7",
    )  # fmt: skip
    for downloaded in (None, now - dt.timedelta(minutes=30)):
        CaseExport.objects.create(
            created_by=everyone, purpose="Checking the files before an audit", fields=["number", "status"],
            status=ReportStatus.DONE, rows=1, content="" if downloaded else "YQ==",
            expires_at=now + dt.timedelta(hours=20), downloaded_at=downloaded,
        )  # fmt: skip

    # Referrals: a directory entry, a consent, a referral sent with a follow-up day, a consultation.
    from ostoja.consent import services as consent_services
    from ostoja.consent.models import Consent
    from ostoja.partners.models import Organisation
    from ostoja.referrals import services as referral_services
    from ostoja.referrals.models import Consultation, Referral

    organisation = Organisation.objects.create(
        name="Faire Mobilität", kind="trade_union", services=["labour_rights"], languages=["de", "pl"],
        country="DE", city="Berlin", website="https://www.faire-mobilitaet.de", public=True,
        public_group="workers_abroad",
    )  # fmt: skip
    consent = consent_services.consent_record(
        consent=Consent(case=case, scope="sharing", partner=organisation, purpose="labour_rights",
                        items=["name", "phone"], given_how="written", interpreter="Iryna", given_on=today),
        actor=manager,
    )  # fmt: skip
    referral = referral_services.referral_draft(
        referral=Referral(case=case, partner=organisation, purpose="labour_rights", items=["name"],
                          letter_language="de"),
        actor=manager,
    )  # fmt: skip
    referral_services.referral_advance(
        referral=referral,
        to="sent",
        actor=manager,
        expected_version=1,
        follow_up_on=today + dt.timedelta(days=3),
    )
    # A referral answered and completed; one due for follow-up today, reminded; one stopped by a withdrawal.
    done = referral_services.referral_draft(
        referral=Referral(case=case, partner=organisation, purpose="labour_rights", items=["name"], letter_language="pl"),
        actor=manager,
    )  # fmt: skip
    for version, step in enumerate(("sent", "accepted", "completed"), start=1):
        referral_services.referral_advance(
            referral=done, to=step, actor=manager, expected_version=version, feedback="Wages paid." if step == "completed" else ""
        )  # fmt: skip
    due = referral_services.referral_draft(
        referral=Referral(case=case, partner=organisation, purpose="labour_rights", items=["name"], letter_language="en"),
        actor=manager,
    )  # fmt: skip
    referral_services.referral_advance(
        referral=due, to="sent", actor=manager, expected_version=1, follow_up_on=today
    )
    referral_services.send_follow_up_reminders()
    withdrawn = consent_services.consent_record(
        consent=Consent(case=case, scope="sharing", partner=organisation, purpose="legal", items=["name"],
                        given_how="spoken", given_on=today),
        actor=manager,
    )  # fmt: skip
    referral_services.referral_draft(
        referral=Referral(case=case, partner=organisation, purpose="legal", items=["name"], letter_language="de"),
        actor=manager,
    )  # fmt: skip
    consent_services.consent_withdraw(consent=withdrawn, actor=manager, note="Said so on the phone.")
    consultation = Consultation.objects.create(
        organisation=organisation, asked_by="A counsellor", held_on=today, topic="labour", question="Wages?",
        advice="Contact the labour inspection.", minutes=25, follow_up="Call back in a week.", recorded_by=manager,
    )  # fmt: skip
    from ostoja.referrals.models import IncomingReferral

    incoming = referral_services.incoming_receive(
        incoming=IncomingReferral(partner=organisation, referred_by="A counsellor"),
        contact=Contact(channel="email", summary="A worker from Poland asks for help at home.", received_at=now),
        actor=duty,
    )  # fmt: skip
    accepted = referral_services.incoming_receive(
        incoming=IncomingReferral(organisation_name="Straż Graniczna", referred_by="Officer on duty"),
        contact=Contact(channel="phone", summary="A woman at the border crossing.", received_at=now),
        actor=duty,
    )  # fmt: skip
    referral_services.incoming_decide(incoming=accepted, actor=manager, case=case)
    # Safe accommodation: a place with its secret address, a stay that ended and one going on tonight.
    from ostoja.shelter import services as shelter_services
    from ostoja.shelter.models import Place, Placement

    place = Place(name="Safe flat A", kind="safe_flat", capacity=3)
    shelter_services.place_save(place=place, placers=[], address="ul. Tajna 1, Zielonka", expected_version=0)
    shelter_services.placement_create(
        placement=Placement(case=case, place=place, kind="crisis_night", start_on=today - dt.timedelta(days=9),
                            end_on=today - dt.timedelta(days=8), end_reason="other_place"),
        actor=manager,
    )  # fmt: skip
    placement = shelter_services.placement_create(
        placement=Placement(case=case, place=place, kind="short_term", start_on=today - dt.timedelta(days=8)),
        actor=manager,
    )
    extra = {
        "organisation": organisation, "consent": consent, "referral": referral, "consultation": consultation,
        "incoming": incoming, "incoming_accepted": accepted, "place": place, "placement": placement,
        **_legal(case, manager, today),
    }  # fmt: skip

    # The case file: a document to restore (dated) and an attachment for the case team.
    from ostoja.casefiles import services as casefile_services
    from ostoja.casefiles.models import Attachment, DocumentRestoration

    extra["document_to_restore"] = casefile_services.document_save(
        document=DocumentRestoration(
            case=case, document="passport", country="UA", authority="Consulate of Ukraine", status="received",
            applied_on=today - dt.timedelta(days=10), fee="120.00", paid_by="centre",
            expected_on=today - dt.timedelta(days=3), received_on=today - dt.timedelta(days=2),
        ),
        actor=manager, expected_version=0,
    )  # fmt: skip
    extra["attachment"] = casefile_services.attachment_file(
        attachment=Attachment(case=case, kind="medical", level="team", title="Medical certificate"),
        file_type="pdf", data=b"%PDF-1.4\n%%EOF\n", filename="certificate.pdf", actor=manager,
    )  # fmt: skip

    return World(
        everyone=everyone, manager=manager, duty=duty, supervisor=supervisor, admin=admin, outsider=outsider,
        person=person, case=case, contact=contact, web_report=web_report, intervention=intervention, call=call,
        shift=tomorrow, meeting=meeting, closed_case=closed, screening=screening, pending_status=pending, profile=profile,
        public_text=public_text, partner=partner, document=document, grant=grant, feed_secret=feed_secret,
        extra={**extra, "finished_screening": finished, "retention_item": _retention_item(closed),
               **_later(person, closed, web_report, manager)},
        needs=needs, first_needs=first_needs, safety=safety, plan=plan, service=service, delivery=delivery,
    )  # fmt: skip


def _legal(case, manager, today) -> dict:
    """Legal matters: proceedings with a hearing ahead, the person's decision, a certificate (its
    reflection period) replaced by a permit ending within the reminder days, a pending application and
    a compensation claim."""
    from ostoja.legal import services as legal
    from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding, ResidenceDocument

    proceeding = legal.proceeding_save(
        proceeding=Proceeding(case=case, role="injured_party", authority="prosecutor", reference="PR 1 Ds 123/2026",
                              stage="investigation", lawyer="Adw. Anna Obrońca"),
        expected_version=0, actor=manager,
    )  # fmt: skip
    hearing = legal.hearing_save(
        hearing=Hearing(proceeding=proceeding, held_on=today + dt.timedelta(days=20), place="Sąd Okręgowy",
                        interpreter="arranged", companion="to_arrange"),
        expected_version=0, actor=manager,
    )  # fmt: skip
    decision = legal.decision_add(
        decision=CooperationDecision(case=case, decision="cooperates", decided_on=today - dt.timedelta(days=3),
                                     words="I want to testify."),
        actor=manager,
    )  # fmt: skip
    certificate = legal.residence_add(
        document=ResidenceDocument(case=case, kind="certificate", status="valid",
                                   valid_from=today - dt.timedelta(days=100), issued_by="Prokuratura Rejonowa"),
        actor=manager,
    )  # fmt: skip
    permit = legal.residence_add(
        document=ResidenceDocument(case=case, kind="permit", status="valid", valid_from=today - dt.timedelta(days=300),
                                   valid_until=today + dt.timedelta(days=30), reference="WSC-II-S.6151.1.2026"),
        actor=manager,
    )  # fmt: skip
    application = legal.residence_add(
        document=ResidenceDocument(case=case, kind="permit", status="applied", applied_on=today - dt.timedelta(days=2)),
        actor=manager,
    )  # fmt: skip
    matter = legal.matter_save(
        matter=Matter(case=case, kind="compensation", status="pending", before="Sąd Okręgowy",
                      notes="Claim for unpaid wages."),
        expected_version=0, actor=manager,
    )  # fmt: skip
    return {
        "proceeding": proceeding, "hearing": hearing, "cooperation_decision": decision, "certificate": certificate,
        "permit": permit, "application": application, "legal_matter": matter,
    }  # fmt: skip


def _later(person, closed: Case, web_report, manager) -> dict:
    """A web report asked to be translated and translated, a decided review item (postponed, then
    carried out) and the person's own copy: one of each date they hold."""
    from ostoja.hotline.models import TranslationRequest
    from ostoja.retention.models import RetentionItem, SubjectCopy

    now = timezone.now()
    translation = TranslationRequest.objects.create(
        contact=web_report, language="uk", asked_by=manager, status="done", translation="Help, please.",
        translated_by=manager, translated_at=now,
    )  # fmt: skip
    day = closed.closed_on or timezone.localdate()
    decided = RetentionItem.objects.create(
        kind="unlinked_web_report", object_id=web_report.pk, started_on=day, due_on=day, status="done",
        postponed_until=day + dt.timedelta(days=30), postpone_reason="proceedings", decision="confirm",
        decided_by=manager, decided_at=now, done_at=now,
    )  # fmt: skip
    copy = SubjectCopy.objects.create(
        person=person, language="pl", ordered_by=manager, expires_at=now + dt.timedelta(days=14)
    )
    return {"translation": translation, "decided_item": decided, "subject_copy": copy}


def _retention_item(closed: Case):
    """The closed case on the retention review list, as the retention job puts it there."""
    from ostoja.retention.models import RetentionItem

    day = closed.closed_on or timezone.localdate()
    return RetentionItem.objects.create(kind="closed_case", object_id=closed.pk, started_on=day, due_on=day)
