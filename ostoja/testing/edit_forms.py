"""Every form of the staff application that edits stored values, and what each one edits.

A form opened on a record and saved without a change must change nothing (issue: saving a person in
Polish erased the date of birth). ``EDIT_FORMS`` lists these forms with the records they edit; the
tests open each in Polish and in English, submit it as it stands and compare every stored value,
in a real browser for the forms with date and time inputs.

Every other form on a page (``OTHER_FORMS``) says what it does instead. A test reads every page of
``ostoja.testing.pages`` and fails on a form whose target is in neither list, so a form added later
joins this one as soon as it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from ostoja.accounts.models import SignInPolicy
from ostoja.casefiles.models import DocumentRestoration
from ostoja.cases.models import Case, CaseMember
from ostoja.history.models import FieldChange
from ostoja.hotline.models import Contact, Meeting
from ostoja.identification.models import (
    ExploitationProfile,
    JourneyCountry,
    Representative,
    Screening,
    ScreeningAnswer,
)
from ostoja.legal.models import Hearing, Matter, Proceeding
from ostoja.partners.models import Organisation
from ostoja.people.models import Person, SafeContactProtocol
from ostoja.plans.models import Goal, SupportPlan
from ostoja.public.models import CentreContact, PartnerDescription, PublicText
from ostoja.services.models import Service
from ostoja.shelter.models import Place, PlaceAddress, Placement
from ostoja.statistics.models import QuestionnaireAnswers, ReportCategory
from ostoja.tasks.models import Task
from ostoja.testing.fixtures import TEST_PASSWORD
from ostoja.testing.world import World


@dataclass(frozen=True)
class EditForm:
    route: str
    url: Callable[[World], str]
    records: Callable[[World], dict[str, QuerySet]]
    dates: bool = False  # has date or time inputs: saved unchanged in a real browser too
    button: str | None = None  # "name=value" of the button to press, if not the first
    ignore: tuple[str, ...] = ()  # what saving sets by design (e.g. when the contact was triaged)
    typed: tuple[tuple[str, str], ...] = ()  # what the user types that is never stored (the password again)


def _history(world: World) -> QuerySet:
    # An unchanged save records no change in any history.
    return FieldChange.objects.all()


EDIT_FORMS: dict[str, EditForm] = {
    form.route: form
    for form in (
        EditForm(
            "cases:person_edit", lambda w: reverse("cases:person_edit", args=[w.person.pk]),
            lambda w: {"person": Person.objects.filter(pk=w.person.pk), "history": _history(w)}, dates=True,
        ),
        EditForm(
            "cases:protocol_edit", lambda w: reverse("cases:protocol_edit", args=[w.person.pk]),
            lambda w: {"protocol": SafeContactProtocol.objects.filter(person=w.person), "history": _history(w)},
        ),
        EditForm(
            "cases:case_edit", lambda w: reverse("cases:case_edit", args=[w.case.pk]),
            lambda w: {"case": Case.objects.filter(pk=w.case.pk), "team": CaseMember.objects.filter(case=w.case),
                       "history": _history(w)},
        ),
        EditForm(
            "hotline:meeting_edit", lambda w: reverse("hotline:meeting_edit", args=[w.meeting.pk]),
            lambda w: {"meeting": Meeting.objects.filter(pk=w.meeting.pk)}, dates=True,
        ),
        EditForm(
            "hotline:contact", lambda w: reverse("hotline:contact", args=[w.web_report.pk]),
            lambda w: {"contact": Contact.objects.filter(pk=w.web_report.pk)},
            ignore=("triaged_at", "triaged_by"),  # triage is the point of this form
        ),
        EditForm(
            "identification:profile_edit", lambda w: reverse("identification:profile_edit", args=[w.case.pk]),
            lambda w: {"profile": ExploitationProfile.objects.filter(case=w.case),
                       "journey": JourneyCountry.objects.filter(profile__case=w.case),
                       "representative": Representative.objects.filter(case=w.case), "case": Case.objects.filter(pk=w.case.pk)},
            dates=True,
        ),
        EditForm(
            "identification:screening_step",
            lambda w: reverse("identification:screening_step", args=[w.screening.pk, 1]),
            lambda w: {"screening": Screening.objects.filter(pk=w.screening.pk),
                       "answers": ScreeningAnswer.objects.filter(screening=w.screening)},
            button="action=pause",
        ),
        EditForm(
            "plans:edit", lambda w: reverse("plans:edit", args=[w.plan.pk]),
            lambda w: {"plan": SupportPlan.objects.filter(pk=w.plan.pk), "goals": Goal.objects.filter(plan=w.plan)},
            dates=True, ignore=("version",),
        ),
        EditForm(
            "services:service_edit", lambda w: reverse("services:service_edit", args=[w.service.pk]),
            lambda w: {"service": Service.objects.filter(pk=w.service.pk)}, ignore=("version",),
        ),
        EditForm(
            "casefiles:document_edit",
            lambda w: reverse("casefiles:document_edit", args=[w.extra["document_to_restore"].pk]),
            lambda w: {"document": DocumentRestoration.objects.filter(pk=w.extra["document_to_restore"].pk)},
            dates=True, ignore=("version",),
        ),
        EditForm(
            "accounts:staff_edit", lambda w: reverse("accounts:staff_edit", args=[w.manager.pk]),
            lambda w: {"staff": type(w.manager).objects.filter(pk=w.manager.pk)},
        ),
        EditForm(
            "accounts:sign_in_policy", lambda w: reverse("accounts:sign_in_policy"),
            lambda w: {"policy": SignInPolicy.objects.all()}, ignore=("changed_at", "changed_by"),
            typed=(("password", TEST_PASSWORD),),
        ),
        EditForm(
            "public:admin_text_edit", lambda w: reverse("public:admin_text_edit", args=["pl", w.public_text.key]),
            lambda w: {"text": PublicText.objects.filter(pk=w.public_text.pk)}, button="save=1", dates=True,
        ),
        EditForm(
            "statistics:case_questionnaire",
            lambda w: reverse("statistics:case_questionnaire", args=[w.case.pk]),
            lambda w: {"answers": QuestionnaireAnswers.objects.filter(case=w.case)},
        ),
        EditForm(
            "statistics:category_edit",
            lambda w: reverse("statistics:category_edit", args=[ReportCategory.objects.order_by("pk").first().pk]),
            lambda w: {"categories": ReportCategory.objects.all()},
        ),
        EditForm(
            "public:admin_contact", lambda w: reverse("public:admin_contact"),
            lambda w: {"contact": CentreContact.objects.all()},
        ),
        EditForm(
            "public:admin_partner", lambda w: reverse("public:admin_partner", args=[w.partner.pk]),
            lambda w: {"descriptions": PartnerDescription.objects.filter(organisation=w.partner)},
        ),
        EditForm(
            "legal:proceeding_edit", lambda w: reverse("legal:proceeding_edit", args=[w.extra["proceeding"].pk]),
            lambda w: {"proceeding": Proceeding.objects.filter(pk=w.extra["proceeding"].pk)},
            ignore=("version", "updated_at"),
        ),
        EditForm(
            "legal:hearing_edit", lambda w: reverse("legal:hearing_edit", args=[w.extra["hearing"].pk]),
            lambda w: {"hearing": Hearing.objects.filter(pk=w.extra["hearing"].pk),
                       "tasks": Task.objects.filter(case=w.case)},
            dates=True, ignore=("version",),
        ),
        EditForm(
            "legal:matter_edit", lambda w: reverse("legal:matter_edit", args=[w.extra["legal_matter"].pk]),
            lambda w: {"matter": Matter.objects.filter(pk=w.extra["legal_matter"].pk)},
            ignore=("version", "updated_at"),
        ),
        EditForm(
            "shelter:placement_edit", lambda w: reverse("shelter:placement_edit", args=[w.extra["placement"].pk]),
            lambda w: {"placement": Placement.objects.filter(pk=w.extra["placement"].pk)}, dates=True,
            ignore=("version",),
        ),
        EditForm(
            "shelter:place_edit", lambda w: reverse("shelter:place_edit", args=[w.extra["place"].pk]),
            lambda w: {"place": Place.objects.filter(pk=w.extra["place"].pk),
                       "address": PlaceAddress.objects.filter(place=w.extra["place"])},
            ignore=("version",),
        ),
        EditForm(
            "partners:organisation_edit",
            lambda w: reverse("partners:organisation_edit", args=[w.extra["organisation"].pk]),
            lambda w: {"organisation": Organisation.objects.filter(pk=w.extra["organisation"].pk)},
        ),
    )
}  # fmt: skip

CREATES = "creates a record: it opens empty or with defaults, so there is nothing stored to lose"
ACTION = "an action on the record (a button), not an edit of stored values"
OTHER_FORMS: dict[str, str] = {
    "accounts:logout": ACTION,
    "accounts:set_language": "the language switch of every page",
    "accounts:staff_create": CREATES,
    "accounts:staff_deactivate": ACTION,
    "accounts:staff_reactivate": ACTION,
    "accounts:staff_reset_mfa": ACTION,
    "accounts:staff_reset_password": ACTION,
    "accounts:grant_decide": "a second administrator confirms or declines a role: an action",
    "accounts:password_change": "a new password: nothing stored is shown in it",
    "accounts:passkey_add": CREATES,
    "accounts:passkey_remove": ACTION,
    "audit:break_glass_end": ACTION,
    "hotline:contact_link": "links a contact to a person or case it finds (sets who it is about)",
    "audit:break_glass_review": "a supervisor's review of a grant: adds who, when and a comment",
    "cases:person_search": "a search: nothing is stored",
    "cases:audit_person_search": "a search for the audit log: nothing is stored",
    "hotline:translation_ask": CREATES,
    "hotline:translation_done": "records the translation an interpreter gave (once per request)",
    "hotline:intervention_register": CREATES,
    "statistics:overview": "the choice of a period to count: nothing is stored",
    "statistics:reports": CREATES,
    "statistics:exports": CREATES,
    "statistics:imports": CREATES,
    "retention:copies": CREATES,
    "retention:review_item": "a decision on a record due for retention: an action, nothing stored to edit",
    "cases:person_register": CREATES,
    "cases:channel_add": CREATES,
    "cases:document_add": CREATES,
    "cases:photo_upload": "a new photo replaces the old one; the form holds only the file",
    "cases:person_merge": ACTION,
    "cases:person_erase": ACTION,
    "cases:case_open": CREATES,
    "cases:note_add": CREATES,
    "cases:break_glass": ACTION,
    "cases:break_glass_end": ACTION,
    "hotline:contact_new": CREATES,
    "hotline:person_lookup": "a search: nothing is stored",
    "hotline:intervention_open": CREATES,
    "hotline:call_dismiss": ACTION,
    "hotline:take": ACTION,
    "hotline:intervention_action": CREATES,
    "hotline:intervention_close": "closing the intervention: its outcome is chosen then, never edited after",
    "hotline:shift_new": CREATES,
    "hotline:shift_delete": ACTION,
    "hotline:swap_offer": CREATES,
    "hotline:swap_decide": ACTION,
    "hotline:feed": "makes or revokes the calendar address: an action",
    "hotline:meeting_new": CREATES,
    "identification:checklist": CREATES,
    "identification:status_change": "a new status change is added; earlier ones are never edited",
    "identification:screening_start": CREATES,
    "identification:screening_correct": "a correction is added with its reason; earlier answers are kept",
    "identification:screening_complete": ACTION,
    "identification:status_review": ACTION,
    "cases:case_close": "closing the case: its outcome and reason are chosen then (reopening has its own form)",
    "cases:case_reopen": "reopening the case with a reason: an action",
    "tasks:new": CREATES,
    "tasks:close": ACTION,
    "assessments:needs_new": "a new assessment starts from the previous one, which is kept as it was",
    "assessments:safety_new": "a new assessment replaces the current one, which is kept as it was",
    "plans:start": "starts a new version (or opens the draft): an action",
    "plans:approve": ACTION,
    "services:delivery_new": CREATES,
    "legal:proceeding_new": CREATES,
    "legal:hearing_new": CREATES,
    "legal:decision_new": "the person's decision is added; earlier ones are kept as its history",
    "legal:residence_new": "a certificate, permit or application is added; an issued one replaces the earlier one",
    "legal:matter_new": CREATES,
    "casefiles:attachment_new": CREATES,
    "casefiles:document_new": CREATES,
    "casefiles:summary": "prints a PDF for the purpose chosen: nothing is stored but the audit row",
    "services:service_new": CREATES,
    "shelter:placement_new": CREATES,
    "shelter:place_new": CREATES,
    "shelter:reveal": "asks why an address is needed and shows it once: nothing is stored but the audit row",
    "identification:interpreters": CREATES,
    "identification:interpreter_availability": ACTION,
    "partners:directory": "a search: nothing is stored",
    "partners:organisation_new": CREATES,
    "consent:case_consents": CREATES,
    "consent:consent_withdraw": "withdrawing a consent: an action, the consent itself is never edited",
    "referrals:referral_new": CREATES,
    "referrals:referral": "the next step of a referral: an action, earlier steps are never edited",
    "referrals:consultation_new": CREATES,
    "referrals:incoming_new": CREATES,
    "referrals:incoming": "the decision on an incoming referral: an action, made once",
    "public:admin_library": CREATES,
    "public:admin_library_delete": ACTION,
}
