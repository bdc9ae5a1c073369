"""Every page of the staff application, with the requests that show it filled with a world's records.

``visits(world)`` gives, by route name, the requests that render each page that shows records (see
``ostoja.testing.world``); ``NOT_VISITED`` names every other route with the reason. Tests that must
cover every page use both, and fail when a route is in neither: a new page joins them at once.
"""

from __future__ import annotations

from django.urls import get_resolver, reverse

from ostoja.testing.routes import _walk
from ostoja.testing.world import World


def route_names() -> set[str]:
    return {name for _pattern, name in _walk(get_resolver().url_patterns) if name}


def visits(world: World) -> dict[str, list[tuple[str, str, dict]]]:
    """(method, url, data) for every page that shows records, by route name."""
    case, person, contact = world.case.pk, world.person.pk, world.contact.pk
    return {
        "web:dashboard": [("get", reverse("web:dashboard"), {})],
        "accounts:password_change": [("get", reverse("accounts:password_change"), {})],
        "accounts:account": [("get", reverse("accounts:account"), {})],
        "accounts:passkey_add": [("get", reverse("accounts:passkey_add"), {})],
        "accounts:sign_in_policy": [("get", reverse("accounts:sign_in_policy"), {})],
        "accounts:staff_list": [("get", reverse("accounts:staff_list"), {})],
        "accounts:staff_create": [("get", reverse("accounts:staff_create"), {})],
        "accounts:staff_edit": [
            ("get", reverse("accounts:staff_edit", args=[world.manager.pk]), {}),
            (
                "get",
                reverse("accounts:staff_edit", args=[world.duty.pk]),
                {},
            ),  # a role waiting for confirmation
        ],
        "accounts:grant_list": [("get", reverse("accounts:grant_list"), {})],
        "audit:log": [
            ("get", reverse("audit:log"), {}),
            ("get", reverse("audit:log"), {"date_from": "0001-01-01", "date_to": "9999-12-31"}),
        ],
        "cases:person_search": [
            ("get", reverse("cases:person_search"), {}),
            ("post", reverse("cases:person_search"), {"q": "Kovalenko"}),
        ],
        "cases:audit_person_search": [
            ("get", reverse("cases:audit_person_search"), {}),
            ("post", reverse("cases:audit_person_search"), {"q": "Kovalenko"}),
        ],
        "cases:person_register": [("get", reverse("cases:person_register"), {})],
        "cases:person_detail": [("get", reverse("cases:person_detail", args=[person]), {})],
        "cases:person_edit": [("get", reverse("cases:person_edit", args=[person]), {})],
        "cases:protocol_edit": [("get", reverse("cases:protocol_edit", args=[person]), {})],
        "cases:channel_add": [("get", reverse("cases:channel_add", args=[person]), {})],
        "cases:photo_upload": [("get", reverse("cases:photo_upload", args=[person]), {})],
        "cases:document_add": [("get", reverse("cases:document_add", args=[person]), {})],
        "cases:person_merge": [("get", reverse("cases:person_merge", args=[person]), {})],
        "cases:person_erase": [("get", reverse("cases:person_erase", args=[person]), {})],
        "cases:case_open": [("get", reverse("cases:case_open", args=[person]), {})],
        "cases:case_list": [
            ("get", reverse("cases:case_list"), {"scope": "all"}),
            ("get", reverse("cases:case_list"), {"scope": "all", "status": "closed"}),
            ("get", reverse("cases:case_list"), {"flagged": "1", "order": "number"}),
        ],
        "cases:workload": [("get", reverse("cases:workload"), {})],
        "cases:case_close": [("get", reverse("cases:case_close", args=[case]), {})],
        "cases:case_reopen": [("get", reverse("cases:case_reopen", args=[world.closed_case.pk]), {})],
        "cases:case_detail": [("get", reverse("cases:case_detail", args=[case]), {})],
        "cases:case_edit": [("get", reverse("cases:case_edit", args=[case]), {})],
        "hotline:home": [("get", reverse("hotline:home"), {})],
        "hotline:contacts": [("get", reverse("hotline:contacts"), {})],
        "hotline:contact_new": [
            ("get", reverse("hotline:contact_new"), {}),
            ("get", reverse("hotline:contact_new"), {"call": world.call.pk}),
            ("get", reverse("hotline:contact_new"), {"case": case, "direction": "out"}),
        ],
        "hotline:person_lookup": [("post", reverse("hotline:person_lookup"), {"q": "Kovalenko"})],
        "hotline:contact": [
            ("get", reverse("hotline:contact", args=[contact]), {}),
            ("get", reverse("hotline:contact", args=[world.web_report.pk]), {}),
        ],
        "hotline:intervention_open": [("get", reverse("hotline:intervention_open", args=[contact]), {})],
        "hotline:triage": [("get", reverse("hotline:triage"), {})],
        "hotline:board": [("get", reverse("hotline:board"), {})],
        "hotline:board_rows": [("get", reverse("hotline:board_rows"), {})],
        "hotline:intervention": [("get", reverse("hotline:intervention", args=[world.intervention.pk]), {})],
        "hotline:intervention_register": [
            ("get", reverse("hotline:intervention_register", args=[_anonymous_intervention()]), {}),
            (
                "post",
                reverse("hotline:intervention_register", args=[_anonymous_intervention()]),
                {"given_name": "", "version": "1"},
            ),
        ],
        "hotline:intervention_action": [
            (
                "post",
                reverse("hotline:intervention_action", args=[world.intervention.pk]),
                {"text": "", "at": ""},
            )
        ],
        "hotline:roster": [("get", reverse("hotline:roster"), {})],
        "hotline:shift_new": [
            ("get", reverse("hotline:shift_new"), {}),
            (
                "get",
                reverse("hotline:shift_new"),
                {"starts_at": "0001-01-01T00:00", "ends_at": "9999-12-31T23:59"},
            ),
        ],
        "hotline:swap_offer": [("get", reverse("hotline:swap_offer", args=[world.shift.pk]), {})],
        "hotline:feed": [("get", reverse("hotline:feed"), {})],
        "hotline:feed_ics": [("get", reverse("hotline:feed_ics", args=[world.feed_secret]), {})],
        "hotline:meetings": [("get", reverse("hotline:meetings"), {})],
        "hotline:meeting_new": [("get", reverse("hotline:meeting_new", args=[case]), {})],
        "hotline:meeting": [("get", reverse("hotline:meeting", args=[world.meeting.pk]), {})],
        "hotline:meeting_edit": [("get", reverse("hotline:meeting_edit", args=[world.meeting.pk]), {})],
        "identification:checklist": [("get", reverse("identification:checklist"), {})],
        "identification:confirmations": [("get", reverse("identification:confirmations"), {})],
        "identification:interpreters": [("get", reverse("identification:interpreters"), {})],
        "statistics:overview": [
            ("get", reverse("statistics:overview"), {}),
            ("get", reverse("statistics:overview"), {"period": "all"}),
        ],
        "statistics:questionnaire": [
            ("get", reverse("statistics:questionnaire"), {}),
            ("get", reverse("statistics:questionnaire"), {"period": "all"}),
        ],
        "statistics:reports": [("get", reverse("statistics:reports"), {})],
        "statistics:case_questionnaire": [("get", reverse("statistics:case_questionnaire", args=[case]), {})],
        "statistics:categories": [("get", reverse("statistics:categories"), {})],
        "statistics:exports": [("get", reverse("statistics:exports"), {})],
        "statistics:imports": [("get", reverse("statistics:imports"), {})],
        "statistics:import_run": [("get", reverse("statistics:import_run", args=[_import_run()]), {})],
        "statistics:category_edit": [("get", reverse("statistics:category_edit", args=[_category()]), {})],
        "statistics:report": [("get", reverse("statistics:report", args=[_funder_report()]), {})],
        "statistics:report_download": [
            ("get", reverse("statistics:report_download", args=[_funder_report(), "xlsx"]), {})
        ],
        "identification:case_overview": [("get", reverse("identification:case_overview", args=[case]), {})],
        "identification:status_change": [("get", reverse("identification:status_change", args=[case]), {})],
        "identification:profile_edit": [("get", reverse("identification:profile_edit", args=[case]), {})],
        "identification:screening_start": [
            ("get", reverse("identification:screening_start", args=[case]), {})
        ],
        "identification:screening_result": [
            ("get", reverse("identification:screening_result", args=[world.screening.pk]), {})
        ],
        "identification:screening_correct": [
            (
                "get",
                reverse("identification:screening_correct", args=[world.extra["finished_screening"].pk]),
                {},
            )
        ],
        "identification:screening_step": [
            ("get", reverse("identification:screening_step", args=[world.screening.pk, 1]), {})
        ],
        "partners:directory": [
            ("get", reverse("partners:directory"), {}),
            ("get", reverse("partners:directory"), {"country": "DE"}),
        ],
        "partners:organisation_new": [("get", reverse("partners:organisation_new"), {})],
        "partners:organisation": [
            ("get", reverse("partners:organisation", args=[world.extra["organisation"].pk]), {})
        ],
        "partners:organisation_edit": [
            ("get", reverse("partners:organisation_edit", args=[world.extra["organisation"].pk]), {})
        ],
        "consent:case_consents": [("get", reverse("consent:case_consents", args=[case]), {})],
        "consent:consent_withdraw": [
            ("get", reverse("consent:consent_withdraw", args=[world.extra["consent"].pk]), {})
        ],
        "referrals:referral_new": [("get", reverse("referrals:referral_new", args=[case]), {})],
        "referrals:referral": [("get", reverse("referrals:referral", args=[world.extra["referral"].pk]), {})],
        "referrals:consultations": [("get", reverse("referrals:consultations"), {})],
        "referrals:consultation_new": [("get", reverse("referrals:consultation_new"), {})],
        "referrals:consultation": [
            ("get", reverse("referrals:consultation", args=[world.extra["consultation"].pk]), {})
        ],
        "referrals:incoming_list": [("get", reverse("referrals:incoming_list"), {})],
        "referrals:incoming_new": [("get", reverse("referrals:incoming_new"), {})],
        "referrals:incoming": [
            ("get", reverse("referrals:incoming", args=[world.extra["incoming"].pk]), {}),
            ("get", reverse("referrals:incoming", args=[world.extra["incoming_accepted"].pk]), {}),
        ],
        "tasks:mine": [("get", reverse("tasks:mine"), {})],
        "tasks:new": [
            ("get", reverse("tasks:new", args=[case]), {}),
            ("post", reverse("tasks:new", args=[case]), {"due_on": "9999-12-31"}),
        ],
        "assessments:needs_new": [("get", reverse("assessments:needs_new", args=[case]), {})],
        "assessments:needs": [
            ("get", reverse("assessments:needs", args=[world.needs.pk]), {}),
            ("get", reverse("assessments:needs", args=[world.first_needs.pk]), {}),
        ],
        "assessments:safety_new": [("get", reverse("assessments:safety_new", args=[case]), {})],
        "assessments:safety": [("get", reverse("assessments:safety", args=[world.safety.pk]), {})],
        "legal:overview": [("get", reverse("legal:overview", args=[case]), {})],
        "legal:proceeding_new": [("get", reverse("legal:proceeding_new", args=[case]), {})],
        "legal:proceeding_edit": [
            ("get", reverse("legal:proceeding_edit", args=[world.extra["proceeding"].pk]), {})
        ],
        "legal:hearing_new": [("get", reverse("legal:hearing_new", args=[world.extra["proceeding"].pk]), {})],
        "legal:hearing_edit": [("get", reverse("legal:hearing_edit", args=[world.extra["hearing"].pk]), {})],
        "legal:decision_new": [("get", reverse("legal:decision_new", args=[case]), {})],
        "legal:residence_new": [
            ("get", reverse("legal:residence_new", args=[case]), {}),
            ("post", reverse("legal:residence_new", args=[case]), {"valid_until": "9999-12-31"}),
        ],
        "legal:matter_new": [("get", reverse("legal:matter_new", args=[case]), {})],
        "legal:matter_edit": [
            ("get", reverse("legal:matter_edit", args=[world.extra["legal_matter"].pk]), {})
        ],
        "plans:detail": [("get", reverse("plans:detail", args=[world.plan.pk]), {})],
        "plans:edit": [("get", reverse("plans:edit", args=[world.plan.pk]), {})],
        "plans:compare": [("get", reverse("plans:compare", args=[world.plan.pk]), {})],
        "services:deliveries": [("get", reverse("services:deliveries", args=[case]), {})],
        "services:delivery_new": [("get", reverse("services:delivery_new", args=[case]), {})],
        "services:delivery": [("get", reverse("services:delivery", args=[world.delivery.pk]), {})],
        "services:catalogue": [("get", reverse("services:catalogue"), {})],
        "services:service_new": [("get", reverse("services:service_new"), {})],
        "services:service_edit": [("get", reverse("services:service_edit", args=[world.service.pk]), {})],
        "retention:review_list": [("get", reverse("retention:review_list"), {})],
        "retention:review_item": [
            ("get", reverse("retention:review_item", args=[world.extra["retention_item"].pk]), {})
        ],
        "retention:copies": [("get", reverse("retention:copies", args=[world.person.pk]), {})],
        "shelter:placements": [("get", reverse("shelter:placements", args=[case]), {})],
        "shelter:placement_new": [("get", reverse("shelter:placement_new", args=[case]), {})],
        "shelter:placement_edit": [
            ("get", reverse("shelter:placement_edit", args=[world.extra["placement"].pk]), {})
        ],
        "shelter:reveal": [("get", reverse("shelter:reveal", args=[world.extra["placement"].pk]), {})],
        "shelter:occupancy": [("get", reverse("shelter:occupancy"), {})],
        "shelter:places": [("get", reverse("shelter:places"), {})],
        "shelter:place_new": [("get", reverse("shelter:place_new"), {})],
        "shelter:place_edit": [("get", reverse("shelter:place_edit", args=[world.extra["place"].pk]), {})],
        "casefiles:attachments": [("get", reverse("casefiles:attachments", args=[case]), {})],
        "casefiles:attachment_new": [("get", reverse("casefiles:attachment_new", args=[case]), {})],
        "casefiles:documents": [("get", reverse("casefiles:documents", args=[case]), {})],
        "casefiles:document_new": [("get", reverse("casefiles:document_new", args=[case]), {})],
        "casefiles:document_edit": [
            ("get", reverse("casefiles:document_edit", args=[world.extra["document_to_restore"].pk]), {})
        ],
        "casefiles:summary": [
            ("get", reverse("casefiles:summary", args=[case]), {}),
            ("post", reverse("casefiles:summary", args=[case]), {"purpose": "handover"}),
        ],
        "public:admin_home": [("get", reverse("public:admin_home"), {})],
        "public:admin_text_edit": [("get", reverse("public:admin_text_edit", args=["pl", "about"]), {})],
        "public:admin_contact": [("get", reverse("public:admin_contact"), {})],
        "public:admin_partner": [("get", reverse("public:admin_partner", args=[world.partner.pk]), {})],
        "public:admin_library": [("get", reverse("public:admin_library"), {})],
        "public:downloads": [("get", reverse("public:downloads", args=["pl"]), {})],
        "public:document": [("get", reverse("public:document", args=[world.document.pk]), {})],
    }


def _anonymous_intervention() -> int:
    from ostoja.hotline.models import Intervention

    return (
        Intervention.objects.filter(contact__person__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


def _funder_report() -> int:
    from ostoja.statistics.models import FunderReport

    return FunderReport.objects.order_by("pk").values_list("pk", flat=True).first()


def _import_run() -> int:
    from ostoja.statistics.models import ImportRun

    return ImportRun.objects.order_by("pk").values_list("pk", flat=True).first()


def _category() -> int:
    from ostoja.statistics.models import ReportCategory

    return ReportCategory.objects.order_by("pk").values_list("pk", flat=True).first()


POST_ONLY = "an action (POST) that answers with a redirect; the page it leads to is visited"
NOT_VISITED = {
    "identification:interpreter_availability": "POST only: makes an interpreter available or not",
    "statistics:export_download": "a file downloaded once by its creator; the exports page lists it",
    "retention:copy_download": "a file downloaded for a purpose; the person's copies page lists it",
    "web:healthz": "shows no records",
    "public:favicon": "the site icon: an image, no records",
    "accounts:login": "sign-in step: no records",
    "accounts:mfa": "sign-in step: no records",
    "accounts:logout": POST_ONLY,
    "accounts:set_language": POST_ONLY,
    "accounts:staff_deactivate": POST_ONLY,
    "accounts:staff_reactivate": POST_ONLY,
    "accounts:staff_reset_mfa": POST_ONLY,
    "accounts:staff_reset_password": POST_ONLY,
    "accounts:passkey_sign_in_begin": "the passkey ceremony: JSON for the browser's script, no records",
    "accounts:passkey_sign_in_complete": "the passkey ceremony: JSON for the browser's script, no records",
    "accounts:passkey_register_begin": "the passkey ceremony: JSON for the browser's script, no records",
    "accounts:passkey_register_complete": "the passkey ceremony: JSON for the browser's script, no records",
    "accounts:passkey_remove": "asks to confirm removing one's own passkey (its name only); the passkey tests cover it",
    "accounts:grant_decide": POST_ONLY,
    "audit:break_glass_end": POST_ONLY,
    "audit:break_glass_review": POST_ONLY,
    "hotline:contact_link": POST_ONLY,
    "hotline:translation_ask": POST_ONLY,
    "hotline:translation_done": POST_ONLY,
    "cases:photo": "the photo itself: an image, no dates",
    "casefiles:attachment_download": "the file itself, as it was uploaded: no dates",
    "cases:note_add": POST_ONLY,
    "cases:break_glass": POST_ONLY,
    "cases:break_glass_end": POST_ONLY,
    "hotline:call_dismiss": POST_ONLY,
    "hotline:take": POST_ONLY,
    "hotline:intervention_close": POST_ONLY,
    "hotline:shift_delete": POST_ONLY,
    "hotline:swap_decide": POST_ONLY,
    "identification:screening_complete": POST_ONLY,
    "identification:status_review": POST_ONLY,
    "tasks:close": POST_ONLY,
    "plans:start": POST_ONLY,
    "plans:approve": POST_ONLY,
    "hotline:api:openapi-json": "the API's schema: no records (the API itself has its own tests)",
    "hotline:api:post_call_event": "the telephony API: checked by the hotline's API tests",
    "hotline:api:api-root": "the API's root: no records",
    "hotline:api:not_found": "any other path under the API: a JSON 404",
    "public:languages": "public page: fixed texts, no dates",
    "public:neutral": "public page: fixed texts, no dates",
    "public:home": "public page: texts, no dates",
    "public:help": "public page: texts, no dates",
    "public:rights": "public page: texts, no dates",
    "public:contact": "public page: contact details, no dates",
    "public:react": "public page: texts, no dates",
    "public:report": "public page: the report form, no dates",
    "public:report_sent": "public page: fixed text, no dates",
    "public:abroad": "public page: partners, no dates",
    "public:leaflet": "public leaflet: texts and contact details, no dates",
    "public:safety": "public page: fixed text, no dates",
    "public:admin_library_delete": POST_ONLY,
    "referrals:referral_letter": "the letter: a PDF (its dates and items are the referral tests' business)",
}
