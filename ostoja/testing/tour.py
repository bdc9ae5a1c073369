"""A tour of every page the application serves, with real arguments from the demo data.

For tests that must look at every page (layout at phone width, forms with errors): the tour loads
the fictional demo data, signs in one colleague who holds every role (so every staff page answers
200) and fills each route's arguments with a record of the right kind. ``unclassified_routes`` names
any route that is neither in the tour nor listed in ``NOT_PAGES`` with the reason, so a new page
cannot be left out silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.testing.access import login_verified
from ostoja.testing.routes import all_routes

# Routes that are not pages a person looks at, and why.
NOT_PAGES: dict[str, str] = {
    "web:healthz": "JSON for the load balancer",
    "accounts:logout": "POST only",
    "accounts:set_language": "POST only",
    "accounts:staff_deactivate": "POST only",
    "accounts:staff_reactivate": "POST only",
    "accounts:staff_reset_mfa": "POST only",
    "accounts:staff_reset_password": "POST only",
    "accounts:grant_decide": "POST only",
    "accounts:passkey_sign_in_begin": "JSON for the passkey script",
    "accounts:passkey_sign_in_complete": "JSON for the passkey script",
    "accounts:passkey_register_begin": "JSON for the passkey script",
    "accounts:passkey_register_complete": "JSON for the passkey script",
    "audit:break_glass_end": "POST only",
    "audit:break_glass_review": "POST only",
    "cases:photo": "an image",
    "cases:note_add": "POST only",
    "cases:break_glass": "POST only",
    "cases:break_glass_end": "POST only",
    "hotline:person_lookup": "POST only (a fragment of the contact form)",
    "hotline:contact_link": "POST only",
    "hotline:translation_ask": "POST only",
    "hotline:translation_done": "POST only",
    "hotline:call_dismiss": "POST only",
    "hotline:board_rows": "the board's fragment, fetched by the board page",
    "hotline:take": "POST only",
    "hotline:intervention_action": "POST only",
    "hotline:intervention_close": "POST only",
    "hotline:shift_delete": "POST only",
    "hotline:swap_decide": "POST only",
    "hotline:feed_ics": "an iCalendar file",
    "hotline:api:openapi-json": "JSON",
    "hotline:api:post_call_event": "JSON API",
    "hotline:api:api-root": "JSON API",
    "hotline:api:not_found": "JSON API: any other path under it is a JSON 404",
    "identification:screening_complete": "POST only",
    "identification:status_review": "POST only",
    "public:favicon": "an icon",
    "tasks:close": "POST only",
    "plans:start": "POST only",
    "plans:approve": "POST only",
    "identification:interpreter_availability": "POST only",
    "statistics:report_download": "an XLSX or PDF file",
    "statistics:export_download": "a CSV or XLSX file, downloaded once",
    "public:document": "a PDF",
    "public:leaflet": "a PDF",
    "public:admin_library_delete": "POST only",
    "referrals:referral_letter": "a PDF",
    "retention:copy_download": "POST only: a PDF or JSON file, downloaded for a purpose",
    "casefiles:attachment_download": "a file as it was uploaded",
}

# Pages of the public site, each shown in every public language.
PUBLIC_PAGES = [
    "public:home",
    "public:help",
    "public:rights",
    "public:contact",
    "public:react",
    "public:report",
    "public:report_sent",
    "public:abroad",
    "public:downloads",
    "public:safety",
]
PUBLIC_PLAIN = ["public:languages", "public:neutral"]
# Seen while signing in: the first step, and the second after a correct password.
SIGN_IN_PAGES = {"accounts:login": "anonymous", "accounts:mfa": "password"}


@dataclass
class Page:
    name: str
    url: str
    who: str = "all"  # "all" (every role), "anonymous", "password" (half signed in) or a role code


@dataclass
class Tour:
    user: object  # the colleague holding every role
    users: dict[str, object]  # role code -> a demo colleague with that role only
    pages: list[Page]

    def client(self, who: str) -> Client:
        """A test client for ``who``: signed in with both factors, half signed in, or anonymous."""
        client = Client()
        if who == "anonymous":
            return client
        if who == "password":
            client.post(
                reverse("accounts:login"), {"username": self.user.username, "password": TOUR_PASSWORD}
            )
            return client
        return login_verified(client, self.user if who == "all" else self.users[who])


class _Records:
    """The demo records the tour's URLs point at, found when first asked for."""

    @cached_property
    def case(self):
        from ostoja.cases.models import Case
        from ostoja.identification.models import ExploitationProfile

        profile = ExploitationProfile.objects.order_by("pk").first()
        return profile.case if profile else Case.objects.order_by("pk").first()

    def case_outside(self, user):
        """A case ``user`` is not in the team of: they see only that it exists (or its duty card)."""
        from ostoja.cases.models import Case

        return Case.objects.exclude(members__user=user).exclude(case_manager=user).order_by("pk").first()

    @cached_property
    def category(self):
        from ostoja.statistics.models import ReportCategory
        from ostoja.testing import seeds

        seeds.ensure()  # a test that flushed the database took the seeded rows
        return ReportCategory.objects.order_by("pk").first()

    @cached_property
    def funder_report(self):
        from ostoja.accounts.models import User
        from ostoja.statistics.models import FunderReport

        return FunderReport.objects.order_by("pk").first() or FunderReport.objects.create(
            year=timezone.localdate().year - 1, requested_by=User.objects.get(username=TOUR_USERNAME)
        )

    @cached_property
    def import_run(self):
        from ostoja.statistics.models import ImportRun, ImportStatus

        return ImportRun.objects.order_by("pk").first() or ImportRun.objects.create(
            file_sha256="0" * 64, file_name="ctdc.csv", rows_total=1, next_row=2, imported=1,
            status=ImportStatus.COMPLETE, finished_at=timezone.now(),
        )  # fmt: skip

    @cached_property
    def retention_item(self):
        from ostoja.retention.models import RetentionItem

        item = RetentionItem.objects.order_by("pk").first()
        if item is None:
            today = timezone.localdate()
            item = RetentionItem.objects.create(
                kind="closed_case", object_id=self.case.pk, started_on=today, due_on=today
            )
        return item

    @cached_property
    def meeting(self):
        from ostoja.hotline.models import Meeting

        return Meeting.objects.order_by("pk").first()

    @cached_property
    def finished_screening(self):
        from ostoja.identification import services
        from ostoja.identification.codes import ScreeningStatus
        from ostoja.identification.models import Screening

        found = (
            Screening.objects.filter(case=self.case)
            .exclude(status=ScreeningStatus.IN_PROGRESS)
            .order_by("pk")
            .first()
        )
        if found:
            return found
        screening = self.screening
        services.screening_finish(screening=screening, status=ScreeningStatus.COMPLETED)
        del self.__dict__["screening"]
        return screening

    @cached_property
    def screening(self):
        from ostoja.accounts.models import User
        from ostoja.identification import services
        from ostoja.identification.codes import ScreeningStatus
        from ostoja.identification.models import Screening

        found = Screening.objects.filter(status=ScreeningStatus.IN_PROGRESS).order_by("pk").first()
        return found or services.screening_start(
            case=self.case,
            actor=User.objects.get(username=TOUR_USERNAME),
            kind="labour",
            language="uk",
            interpreter_used=True,
            minor=False,
            safe_to_talk=True,
            in_pain=False,
            needs_doctor=False,
            consent=True,
        )

    @cached_property
    def closed_case(self):
        from ostoja.cases.models import Case

        found = Case.objects.filter(status__in=["closed", "closed_referred"]).order_by("pk").first()
        if found is None:
            found = Case.objects.exclude(pk=self.case.pk).order_by("pk").first()
            found.status, found.closure_reason, found.closed_on = "closed", "goals_met", timezone.localdate()
            found.save()
        return found

    @cached_property
    def tour_user(self):
        from ostoja.accounts.models import User

        return User.objects.get(username=TOUR_USERNAME)

    @cached_property
    def needs(self):
        from ostoja.assessments import services
        from ostoja.assessments.models import NeedsAssessment

        return NeedsAssessment.objects.order_by("pk").first() or services.needs_save(
            assessment=NeedsAssessment(case=self.case, kind="initial", mode="phone", assessed_on=timezone.localdate()),
            needs=[], actor=self.tour_user,
        )  # fmt: skip

    @cached_property
    def safety(self):
        from ostoja.assessments import services
        from ostoja.assessments.models import SafetyAssessment

        return SafetyAssessment.objects.order_by("pk").first() or services.safety_save(
            assessment=SafetyAssessment(
                case=self.case, assessed_on=timezone.localdate(), review_on=timezone.localdate(),
                threats=[{"at_risk": "person", "threat": "debt", "severity": 2, "likelihood": 2}],
            ),
            actor=self.tour_user,
        )  # fmt: skip

    @cached_property
    def proceeding(self):
        from ostoja.legal import services
        from ostoja.legal.models import Proceeding

        return Proceeding.objects.order_by("pk").first() or services.proceeding_save(
            proceeding=Proceeding(case=self.case, role="witness", authority="prosecutor", stage="investigation"),
            expected_version=0, actor=self.tour_user,
        )  # fmt: skip

    @cached_property
    def hearing(self):
        from ostoja.legal import services
        from ostoja.legal.models import Hearing

        return Hearing.objects.order_by("pk").first() or services.hearing_save(
            hearing=Hearing(proceeding=self.proceeding, held_on=timezone.localdate() + timedelta(days=20)),
            expected_version=0, actor=self.tour_user,
        )  # fmt: skip

    @cached_property
    def legal_matter(self):
        from ostoja.legal import services
        from ostoja.legal.models import Matter

        return Matter.objects.order_by("pk").first() or services.matter_save(
            matter=Matter(case=self.case, kind="compensation", status="preparing"),
            expected_version=0, actor=self.tour_user,
        )  # fmt: skip

    @cached_property
    def plan(self):
        """A plan version after the first (its page compares it with the one before), a draft."""
        from ostoja.plans import services
        from ostoja.plans.models import Goal, SupportPlan

        found = SupportPlan.objects.filter(number__gt=1, approved_at__isnull=True).order_by("pk").first()
        if found is not None:
            return found
        first = services.plan_start(case=self.case, actor=self.tour_user)
        if not first.goals.exists():
            Goal.objects.create(plan=first, domain="legal", goal="Residence permit")
        if not first.is_approved:
            first.approved_at, first.approved_by = timezone.now(), self.tour_user
            first.save()
        return services.plan_start(case=self.case, actor=self.tour_user)

    @cached_property
    def delivery(self):
        from ostoja.services.catalogue import install
        from ostoja.services.models import Delivery, Service

        install(Service)
        return Delivery.objects.order_by("pk").first() or Delivery.objects.create(
            case=self.case, service=Service.objects.first(), delivered_on=timezone.localdate(),
            delivered_by=self.tour_user, recorded_by=self.tour_user,
        )  # fmt: skip

    @cached_property
    def placement(self):
        from ostoja.shelter.models import Place, Placement

        place = Place.objects.order_by("pk").first() or Place.objects.create(
            name="Tour", kind="shelter", capacity=9
        )
        return Placement.objects.order_by("pk").first() or Placement.objects.create(
            case=self.case,
            place=place,
            kind="short_term",
            start_on=timezone.localdate(),
            created_by=self.tour_user,
        )

    @cached_property
    def document_to_restore(self):
        from ostoja.casefiles.models import DocumentRestoration

        return DocumentRestoration.objects.filter(case=self.case).order_by("pk").first() or DocumentRestoration.objects.create(
            case=self.case, document="passport", country="UA", created_by=self.tour_user,
        )  # fmt: skip

    @cached_property
    def urgent_contact(self):
        from ostoja.hotline.models import Contact

        return Contact.objects.filter(intervention__isnull=False).order_by("pk").first()

    @cached_property
    def anonymous_intervention(self):
        from ostoja.hotline.models import Intervention

        return Intervention.objects.filter(contact__person__isnull=True).order_by("pk").first()

    @cached_property
    def plain_contact(self):
        from ostoja.hotline.models import Contact

        return Contact.objects.filter(intervention__isnull=True).order_by("pk").first()

    @cached_property
    def colleague(self):
        from ostoja.accounts.models import User

        return User.objects.get(username="dyzurna")

    @cached_property
    def partner(self):
        from ostoja.partners.models import Organisation

        return Organisation.objects.shown_publicly().first()

    @cached_property
    def referral(self):
        from ostoja.referrals.models import Referral

        return Referral.objects.order_by("pk").first()

    @cached_property
    def consent(self):
        from ostoja.consent.models import Consent

        return Consent.objects.filter(withdrawn_at__isnull=True).order_by("pk").first()

    @cached_property
    def consultation(self):
        from ostoja.referrals.models import Consultation

        return Consultation.objects.order_by("pk").first()

    @cached_property
    def incoming(self):
        from ostoja.referrals.models import IncomingReferral

        return IncomingReferral.objects.order_by("pk").first()

    @cached_property
    def organisation(self):
        from ostoja.partners.models import Organisation

        return Organisation.objects.order_by("pk").first()

    @cached_property
    def own_passkey(self):
        """A passkey of the tour's colleague, as an enrolment would have stored it."""
        import secrets

        from django_otp_webauthn.models import WebAuthnCredential

        from ostoja.accounts.models import User

        user = User.objects.get(username=TOUR_USERNAME)
        return WebAuthnCredential.objects.filter(user=user).first() or WebAuthnCredential.objects.create(
            user=user,
            name="Laptop",
            confirmed=True,
            credential_id=secrets.token_bytes(32),
            public_key=secrets.token_bytes(77),
            aaguid="00000000-0000-0000-0000-000000000000",
        )

    @cached_property
    def own_shift(self):
        from ostoja.accounts.models import User
        from ostoja.hotline.models import Shift

        user = User.objects.get(username=TOUR_USERNAME)
        shift = Shift.objects.filter(user=user).first()
        if shift is None:
            start = timezone.now() + timedelta(days=3)
            shift = Shift.objects.create(
                user=user, kind="duty", starts_at=start, ends_at=start + timedelta(hours=8)
            )
        return shift


# Every staff page: route name -> its arguments.
STAFF_PAGES: dict[str, Callable[[_Records], list]] = {
    "web:dashboard": lambda r: [],
    "accounts:password_change": lambda r: [],
    "accounts:staff_list": lambda r: [],
    "accounts:staff_create": lambda r: [],
    "accounts:staff_edit": lambda r: [r.colleague.pk],
    "accounts:account": lambda r: [],
    "accounts:passkey_add": lambda r: [],
    "accounts:passkey_remove": lambda r: [r.own_passkey.pk],
    "accounts:sign_in_policy": lambda r: [],
    "accounts:grant_list": lambda r: [],
    "audit:log": lambda r: [],
    "cases:person_search": lambda r: [],
    "cases:audit_person_search": lambda r: [],
    "cases:person_register": lambda r: [],
    "cases:person_detail": lambda r: [r.case.person_id],
    "cases:person_edit": lambda r: [r.case.person_id],
    "cases:protocol_edit": lambda r: [r.case.person_id],
    "cases:channel_add": lambda r: [r.case.person_id],
    "cases:photo_upload": lambda r: [r.case.person_id],
    "cases:document_add": lambda r: [r.case.person_id],
    "cases:person_merge": lambda r: [r.case.person_id],
    "cases:person_erase": lambda r: [r.case.person_id],
    "cases:case_open": lambda r: [r.case.person_id],
    "cases:case_list": lambda r: [],
    "cases:workload": lambda r: [],
    "cases:case_detail": lambda r: [r.case.pk],
    "cases:case_edit": lambda r: [r.case.pk],
    "cases:case_close": lambda r: [r.case.pk],
    "cases:case_reopen": lambda r: [r.closed_case.pk],
    "hotline:home": lambda r: [],
    "hotline:contacts": lambda r: [],
    "hotline:contact_new": lambda r: [],
    "hotline:contact": lambda r: [r.urgent_contact.pk],
    "hotline:intervention_open": lambda r: [r.plain_contact.pk],
    "hotline:triage": lambda r: [],
    "hotline:board": lambda r: [],
    "hotline:intervention": lambda r: [r.urgent_contact.intervention.pk],
    "hotline:intervention_register": lambda r: [r.anonymous_intervention.pk],
    "hotline:roster": lambda r: [],
    "hotline:shift_new": lambda r: [],
    "hotline:swap_offer": lambda r: [r.own_shift.pk],
    "hotline:feed": lambda r: [],
    "hotline:meetings": lambda r: [],
    "hotline:meeting_new": lambda r: [r.meeting.case_id],
    "hotline:meeting": lambda r: [r.meeting.pk],
    "hotline:meeting_edit": lambda r: [r.meeting.pk],
    "identification:checklist": lambda r: [],
    "identification:confirmations": lambda r: [],
    "identification:interpreters": lambda r: [],
    "identification:case_overview": lambda r: [r.case.pk],
    "identification:status_change": lambda r: [r.case.pk],
    "identification:profile_edit": lambda r: [r.case.pk],
    "identification:screening_start": lambda r: [r.case.pk],
    "identification:screening_result": lambda r: [r.screening.pk],
    "identification:screening_step": lambda r: [r.screening.pk, 1],
    "partners:directory": lambda r: [],
    "partners:organisation_new": lambda r: [],
    "partners:organisation": lambda r: [r.organisation.pk],
    "partners:organisation_edit": lambda r: [r.organisation.pk],
    "consent:case_consents": lambda r: [r.referral.case_id],
    "consent:consent_withdraw": lambda r: [r.consent.pk],
    "referrals:referral_new": lambda r: [r.referral.case_id],
    "referrals:referral": lambda r: [r.referral.pk],
    "referrals:consultations": lambda r: [],
    "referrals:consultation_new": lambda r: [],
    "referrals:consultation": lambda r: [r.consultation.pk],
    "referrals:incoming_list": lambda r: [],
    "referrals:incoming_new": lambda r: [],
    "referrals:incoming": lambda r: [r.incoming.pk],
    "tasks:mine": lambda r: [],
    "tasks:new": lambda r: [r.case.pk],
    "assessments:needs_new": lambda r: [r.case.pk],
    "assessments:needs": lambda r: [r.needs.pk],
    "assessments:safety_new": lambda r: [r.case.pk],
    "assessments:safety": lambda r: [r.safety.pk],
    "legal:overview": lambda r: [r.proceeding.case_id],
    "legal:proceeding_new": lambda r: [r.case.pk],
    "legal:proceeding_edit": lambda r: [r.proceeding.pk],
    "legal:hearing_new": lambda r: [r.proceeding.pk],
    "legal:hearing_edit": lambda r: [r.hearing.pk],
    "legal:decision_new": lambda r: [r.case.pk],
    "legal:residence_new": lambda r: [r.case.pk],
    "legal:matter_new": lambda r: [r.case.pk],
    "legal:matter_edit": lambda r: [r.legal_matter.pk],
    "plans:detail": lambda r: [r.plan.pk],
    "plans:edit": lambda r: [r.plan.pk],
    "plans:compare": lambda r: [r.plan.pk],
    "casefiles:attachments": lambda r: [r.case.pk],
    "casefiles:attachment_new": lambda r: [r.case.pk],
    "casefiles:documents": lambda r: [r.case.pk],
    "casefiles:document_new": lambda r: [r.case.pk],
    "casefiles:document_edit": lambda r: [r.document_to_restore.pk],
    "casefiles:summary": lambda r: [r.case.pk],
    "services:deliveries": lambda r: [r.case.pk],
    "services:delivery_new": lambda r: [r.case.pk],
    "services:delivery": lambda r: [r.delivery.pk],
    "services:catalogue": lambda r: [],
    "services:service_new": lambda r: [],
    "services:service_edit": lambda r: [r.delivery.service_id],
    "shelter:placements": lambda r: [r.case.pk],
    "shelter:placement_new": lambda r: [r.case.pk],
    "shelter:placement_edit": lambda r: [r.placement.pk],
    "shelter:reveal": lambda r: [r.placement.pk],
    "shelter:occupancy": lambda r: [],
    "shelter:places": lambda r: [],
    "shelter:place_new": lambda r: [],
    "shelter:place_edit": lambda r: [r.placement.place_id],
    "identification:screening_correct": lambda r: [r.finished_screening.pk],
    "statistics:overview": lambda r: [],
    "statistics:questionnaire": lambda r: [],
    "statistics:reports": lambda r: [],
    "statistics:report": lambda r: [r.funder_report.pk],
    "statistics:categories": lambda r: [],
    "statistics:exports": lambda r: [],
    "statistics:category_edit": lambda r: [r.category.pk],
    "statistics:case_questionnaire": lambda r: [r.case.pk],
    "statistics:imports": lambda r: [],
    "statistics:import_run": lambda r: [r.import_run.pk],
    "retention:review_list": lambda r: [],
    "retention:review_item": lambda r: [r.retention_item.pk],
    "retention:copies": lambda r: [r.case.person_id],
    "public:admin_home": lambda r: [],
    "public:admin_text_edit": lambda r: ["ar", "about"],
    "public:admin_contact": lambda r: [],
    "public:admin_partner": lambda r: [r.partner.pk],
    "public:admin_library": lambda r: [],
}


TOUR_USERNAME = "wszystkie-role"
TOUR_PASSWORD = "tour-password-1234"


def load_tour(public_languages: list[str] | None = None) -> Tour:
    """Loads the demo data and lists every page; needs the database."""
    from ostoja.accounts.models import User
    from ostoja.accounts.roles import Role
    from ostoja.accounts.services import user_set_roles
    from ostoja.partners.models import Organisation

    # Transactional tests empty every table, the public site's seeded texts and partners too.
    from ostoja.public import languages, seed
    from ostoja.public.models import CentreContact, PartnerDescription, PublicText
    from ostoja.testing import seeds

    seeds.ensure()
    seed.load(
        PublicText=PublicText,
        Organisation=Organisation,
        PartnerDescription=PartnerDescription,
        CentreContact=CentreContact,
    )
    call_command("load_demo", stdout=_Null())
    user = User.objects.filter(username=TOUR_USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            username=TOUR_USERNAME,
            password=TOUR_PASSWORD,
            first_name="Joanna",
            last_name="Wszechstronna",
        )
    user_set_roles(user=user, roles=list(Role.values))
    users = {
        Role.DUTY_WORKER: User.objects.get(username="dyzurna"),
        Role.SPECIALIST: User.objects.get(username="specjalistka"),
    }
    pages: list[Page] = []
    records = _Records()
    for name, args in STAFF_PAGES.items():
        pages.append(Page(name, reverse(name, args=args(records))))
    case_detail = next(page for page in pages if page.name == "cases:case_detail")
    # The same case seen by a duty worker (the duty card) and by a colleague outside its team.
    pages.append(Page("cases:case_detail", case_detail.url, who=Role.DUTY_WORKER))
    pages.append(
        Page(
            "cases:case_detail",
            reverse("cases:case_detail", args=[records.case_outside(users[Role.SPECIALIST]).pk]),
            who=Role.SPECIALIST,
        )
    )
    pages += [Page(name, reverse(name), who=who) for name, who in SIGN_IN_PAGES.items()]
    pages += [Page(name, reverse(name), who="anonymous") for name in PUBLIC_PLAIN]
    for code in public_languages or list(languages.CODES):
        pages += [Page(name, reverse(name, args=[code]), who="anonymous") for name in PUBLIC_PAGES]
    return Tour(user=user, users=users, pages=pages)


def unclassified_routes() -> list[str]:
    """Routes neither in the tour nor in ``NOT_PAGES``: a new page must join one of them."""
    toured = set(STAFF_PAGES) | set(PUBLIC_PAGES) | set(PUBLIC_PLAIN) | set(SIGN_IN_PAGES)
    return sorted(
        name for name, _url in all_routes() if name and name not in toured and name not in NOT_PAGES
    )


class _Null:
    def write(self, *_args) -> None:
        pass

    def flush(self) -> None:
        pass
