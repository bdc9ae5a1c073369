"""What services add elsewhere: the catalogue in the navigation, the case's latest deliveries, timeline entries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.plugins import CaseSection, NavItem, Plugin, RecordKind, SupportServices
from ostoja.services import lifecycle, services
from ostoja.services.access import CATALOGUE_ROLES, RECORD
from ostoja.services.models import Delivery, Service
from ostoja.services.statistics import TABLES
from ostoja.services.summary import SECTIONS as SUMMARY_SECTIONS

LATEST = 5
PLAIN = ("pk", "case_id", "service__name_pl", "service__name_en", "delivered_on", "created_at",
         "delivered_by__first_name", "delivered_by__last_name", "delivered_by__username")  # fmt: skip


def _plain(rows):
    return rows.select_related("service", "delivered_by").only(*PLAIN)


def _shared(case: Case) -> list[Delivery] | None:
    """The case's deliveries, loaded once for the case page's timeline and its section."""
    return timeline.case_rows(case, "delivery", _plain(Delivery.objects.filter(case=case)))


def _case_section(request: HttpRequest, case: Case) -> dict:
    shared = _shared(case)
    latest = (
        timeline.newest(shared, "delivered_on", "pk")[:LATEST] if shared is not None
        else list(_plain(Delivery.objects.filter(case=case)).order_by("-delivered_on", "-pk")[:LATEST])
    )  # fmt: skip
    return {
        "latest": latest,
        "may_record": case.access.can(RECORD),
        "shown": [("delivery", d.pk) for d in latest],
    }


def _delivered(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    return [
        timeline.Entry(
            d.created_at, "service", _("Service delivered: %(service)s") % {"service": d.service.name}, "delivery",
            d.pk, who=str(d.delivered_by or ""),
        )
        for d in (window.pick(shared, "created_at") if shared is not None
                  else window.bound(_plain(Delivery.objects.filter(case=case)), "created_at"))
    ]  # fmt: skip


plugin = Plugin(
    summary_sections=SUMMARY_SECTIONS,
    navigation=[NavItem(gettext_lazy("Service catalogue"), "services:catalogue", CATALOGUE_ROLES, 92)],
    case_sections=[
        CaseSection(
            "services",
            gettext_lazy("Services delivered"),
            "services/sections/case_section.html",
            _case_section,
            order=25,
        )
    ],
    timeline=[timeline.Source("delivery", _delivered)],
    statistics=TABLES,
    records=[
        RecordKind(
            "delivery",
            gettext_lazy("service delivered"),
            naming.by_case(Delivery, lambda: _("a service delivered in case %(number)s")),
        ),
        RecordKind("service", gettext_lazy("service in the catalogue"), naming.by_label(Service)),
    ],
    subject_data=lifecycle.subject_data,
    # A referral links to a goal of the support plan; completing it records the service delivered.
    support_services=SupportServices(
        choices=services.plan_services,
        delivered=services.referral_completed,
    ),
)
