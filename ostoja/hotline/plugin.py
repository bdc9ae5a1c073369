"""What the hotline adds to other apps' pages (navigation, dashboard cards, the case page and its
timeline), the rule of who is on shift, and its upkeep."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.audit import services as audit
from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.hotline import escalation, lifecycle, roster
from ostoja.hotline.access import BOARD_ROLES, HOTLINE_ROLES
from ostoja.hotline.codes import MeetingStatus
from ostoja.hotline.models import CallEvent, Contact, Intervention, Meeting, Shift, TranslationRequest
from ostoja.plugins import CaseSection, DashboardSection, Job, NavItem, Plugin, RecordKind

CASE_SECTION_ROWS = 5


def _shared_contacts(case: Case) -> list[Contact] | None:
    """The case's contacts (their plain columns), loaded once for the case page's timeline and section."""
    return timeline.case_rows(case, "contact", case.hotline_contacts.select_related("created_by"))


def _shared_meetings(case: Case) -> list[Meeting] | None:
    return timeline.case_rows(case, "meeting", case.hotline_meetings.select_related("created_by"))


def _case_section(request: HttpRequest, case: Case) -> dict:
    """Recent contacts and upcoming meetings: when and how, none of their text."""
    shared_contacts, shared_meetings = _shared_contacts(case), _shared_meetings(case)
    contacts = (
        timeline.newest(shared_contacts, "received_at", "pk")[:CASE_SECTION_ROWS] if shared_contacts is not None
        else list(timeline.plain_columns(case.hotline_contacts.order_by("-received_at", "-pk"))[:CASE_SECTION_ROWS])
    )  # fmt: skip
    if shared_meetings is not None:
        now = timezone.now()
        planned = [m for m in shared_meetings if m.starts_at >= now and m.status == MeetingStatus.PLANNED]
        meetings = sorted(planned, key=lambda m: (m.starts_at, m.pk))[:CASE_SECTION_ROWS]
    else:
        meetings = list(
            timeline.plain_columns(Meeting.objects.upcoming().filter(case=case))[:CASE_SECTION_ROWS]
        )
    shown = [("contact", c.pk) for c in contacts] + [("meeting", m.pk) for m in meetings]
    return {"contacts": contacts, "meetings": meetings, "case": case, "shown": shown}


def _contacts_on_timeline(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    contacts = timeline.plain_columns(case.hotline_contacts.select_related("created_by"))
    shared = _shared_contacts(case)
    rows = window.pick(shared, "received_at") if shared is not None else window.bound(contacts, "received_at")
    return [
        timeline.Entry(
            contact.received_at, "contact",
            _("Contact: %(channel)s, %(direction)s") % {
                "channel": contact.get_channel_display(), "direction": contact.get_direction_display().lower()
            },
            "contact", contact.pk, who=str(contact.created_by or ""),
        )
        for contact in rows
    ]  # fmt: skip


def _meetings_on_timeline(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    meetings = timeline.plain_columns(case.hotline_meetings.select_related("created_by"))
    shared = _shared_meetings(case)
    rows = window.pick(shared, "starts_at") if shared is not None else window.bound(meetings, "starts_at")
    return [
        timeline.Entry(
            meeting.starts_at, "meeting",
            _("Meeting (%(status)s): %(place)s") % {
                "status": meeting.get_status_display().lower(), "place": meeting.get_place_kind_display()
            },
            "meeting", meeting.pk, who=str(meeting.created_by),
        )
        for meeting in rows
    ]  # fmt: skip


def _hotline_card(request: HttpRequest) -> dict:
    return {
        "untriaged": Contact.objects.untriaged().count(),
        "surge_waiting": Contact.objects.untriaged().filter(surge=True).count(),
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


def _last_contacts(case_ids) -> dict[int, dict]:
    """When each case last had a contact: the latest contact of each case (one index probe per case on
    (case, received at)), then their times read as stored columns, in two queries."""
    latest = Contact.objects.filter(case=OuterRef("pk")).order_by("-received_at", "-pk").values("pk")[:1]
    pks = (
        Case.objects.filter(pk__in=list(case_ids))
        .annotate(last=Subquery(latest))
        .values_list("last", flat=True)
    )
    rows = Contact.objects.filter(pk__in=[pk for pk in pks if pk]).values_list("case_id", "received_at")
    return {case_id: {"last_contact": at} for case_id, at in rows}


plugin = Plugin(
    navigation=[
        NavItem(gettext_lazy("Hotline"), "hotline:home", HOTLINE_ROLES, 10),
        NavItem(gettext_lazy("Emergencies"), "hotline:board", BOARD_ROLES, 11),
        NavItem(gettext_lazy("Roster"), "hotline:roster", order=40),
    ],
    dashboard=[
        DashboardSection(gettext_lazy("Hotline"), "hotline/sections/hotline.html", _hotline_card, HOTLINE_ROLES),
        DashboardSection(gettext_lazy("My next meetings"), "hotline/sections/meetings.html", _meetings_card),
    ],
    case_sections=[
        CaseSection(
            "hotline", gettext_lazy("Contacts and meetings"), "hotline/sections/case.html", _case_section, order=30
        )
    ],
    timeline=[
        timeline.Source("contact", _contacts_on_timeline, timeline.texts_of(Contact, lambda c: c.summary)),
        timeline.Source(
            "meeting", _meetings_on_timeline, timeline.texts_of(Meeting, lambda m: m.outcome or m.purpose)
        ),
    ],
    # Duty cards go to the duty workers on shift: the roster is kept here.
    on_shift=roster.is_on_shift,
    housekeeping=[Job("escalations", gettext_lazy("overdue emergencies escalated"), escalation.escalate_overdue)],
    case_facts=_last_contacts,
    records=[
        RecordKind(
            "contact", gettext_lazy("contact"), naming.by_time(Contact, "received_at", lambda: _("contact of %(when)s"), "case__number")
        ),
        RecordKind(
            "intervention", gettext_lazy("intervention"),
            naming.by_time(Intervention, "opened_at", lambda: _("intervention of %(when)s"), "contact__case__number"),
        ),
        RecordKind(
            "meeting", gettext_lazy("meeting"), naming.by_time(Meeting, "starts_at", lambda: _("meeting on %(when)s"), "case__number")
        ),
        RecordKind("call_event", gettext_lazy("call"), naming.by_time(CallEvent, "occurred_at", lambda: _("call at %(when)s"))),
        RecordKind("shift", gettext_lazy("shift"), naming.by_time(Shift, "starts_at", lambda: _("shift from %(when)s"))),
        RecordKind(
            "translation_request", gettext_lazy("translation request"),
            naming.by_time(TranslationRequest, "asked_at", lambda: _("translation asked on %(when)s"), "contact__case__number"),
        ),
        RecordKind("calendar_feed", gettext_lazy("calendar feed")),
        RecordKind("telephony_token", gettext_lazy("telephony key")),
    ],
    retention=lifecycle.RETENTION,
    subject_data=lifecycle.subject_data,
)  # fmt: skip
