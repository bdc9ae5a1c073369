"""What the hotline adds to other apps' pages: navigation, dashboard cards, the case page and timeline."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.audit import services as audit
from ostoja.cases import access as case_access
from ostoja.cases import extensions, timeline
from ostoja.cases.models import Case
from ostoja.hotline import roster
from ostoja.hotline.access import BOARD_ROLES, HOTLINE_ROLES, STAFF
from ostoja.hotline.models import Contact, Intervention, Meeting
from ostoja.web import dashboard, navigation

CASE_SECTION_ROWS = 5


def _case_section(request: HttpRequest, case: Case) -> dict:
    """Recent contacts and upcoming meetings of a case the viewer may see in full (the page checked)."""
    contacts = list(
        case.hotline_contacts.select_related("created_by").order_by("-received_at", "-pk")[:CASE_SECTION_ROWS]
    )
    meetings = list(Meeting.objects.upcoming().filter(case=case)[:CASE_SECTION_ROWS])
    if contacts or meetings:
        audit.record(
            request=request, action="list", object_type="contact", object_ids=[c.pk for c in contacts],
            related=[("meeting", m.pk) for m in meetings] + [("case", case.pk)], details={"case_page": True},
        )  # fmt: skip
    return {"contacts": contacts, "meetings": meetings, "case": case}


def _contacts_on_timeline(case: Case) -> list[timeline.Entry]:
    return [
        timeline.Entry(
            contact.received_at, "contact",
            _("Contact: %(channel)s, %(direction)s") % {
                "channel": contact.get_channel_display(), "direction": contact.get_direction_display().lower()
            },
            contact.summary, str(contact.created_by or ""),
        )
        for contact in case.hotline_contacts.select_related("created_by").order_by("-received_at")[:200]
    ]  # fmt: skip


def _meetings_on_timeline(case: Case) -> list[timeline.Entry]:
    return [
        timeline.Entry(
            meeting.starts_at, "meeting",
            _("Meeting (%(status)s): %(place)s") % {
                "status": meeting.get_status_display().lower(), "place": meeting.get_place_kind_display()
            },
            meeting.outcome or meeting.purpose, str(meeting.created_by),
        )
        for meeting in case.hotline_meetings.select_related("created_by").order_by("-starts_at")[:200]
    ]  # fmt: skip


def _hotline_card(request: HttpRequest) -> dict:
    return {
        "untriaged": Contact.objects.untriaged().count(),
        "unassigned": Intervention.objects.unassigned().count(),
        "escalated": Intervention.objects.unassigned().filter(escalated_at__isnull=False).count(),
    }


def _meetings_card(request: HttpRequest) -> dict:
    meetings = list(Meeting.objects.upcoming().filter(staff=request.user).select_related("case")[:5])
    if meetings:
        audit.record(
            request=request, action="list", object_type="meeting", object_ids=[m.pk for m in meetings],
            related=[("case", m.case_id) for m in meetings], details={"dashboard": True},
        )  # fmt: skip
    return {"meetings": meetings, "now": timezone.now()}


def register() -> None:
    # Duty cards go to the duty workers on shift (the roster lives here, the rule in cases.access).
    case_access.on_shift = roster.is_on_shift
    navigation.register(navigation.NavItem(gettext_lazy("Hotline"), "hotline:home", HOTLINE_ROLES, 10))
    navigation.register(navigation.NavItem(gettext_lazy("Emergencies"), "hotline:board", BOARD_ROLES, 11))
    navigation.register(navigation.NavItem(gettext_lazy("Roster"), "hotline:roster", STAFF, 40))
    dashboard.register(
        dashboard.Section(
            gettext_lazy("Hotline"), HOTLINE_ROLES, "hotline/sections/hotline.html", _hotline_card
        )
    )
    dashboard.register(
        dashboard.Section(
            gettext_lazy("My next meetings"), STAFF, "hotline/sections/meetings.html", _meetings_card
        )
    )
    extensions.register(
        extensions.CaseSection(
            key="hotline", title=gettext_lazy("Contacts and meetings"), template="hotline/sections/case.html",
            context=_case_section, order=30,
        )
    )  # fmt: skip
    timeline.register(_contacts_on_timeline)
    timeline.register(_meetings_on_timeline)
