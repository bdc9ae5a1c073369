"""What the shelter app adds elsewhere: the case's stays (never an address), timeline entries,
tonight's free places in the navigation, the places for administrators, the statistics of stays."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.cases import naming, timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.plugins import CaseSection, NavItem, Plugin, RecordKind
from ostoja.shelter import lifecycle
from ostoja.shelter.access import OCCUPANCY_ROLES, PLACE, PLACES_ROLES, may_reveal
from ostoja.shelter.models import Place, Placement
from ostoja.shelter.statistics import TABLES

LATEST = 5
PLAIN = ("pk", "case_id", "place__name", "place__kind", "kind", "start_on", "end_on", "end_reason", "created_at",
         "ended_at")  # fmt: skip


def _plain(rows):
    return rows.select_related("place").only(*PLAIN)


def _shared(case: Case) -> list[Placement] | None:
    """The case's placements, loaded once for the case page's timeline and its section."""
    return timeline.case_rows(case, "placement", _plain(Placement.objects.filter(case=case)))


def _case_section(request: HttpRequest, case: Case) -> dict:
    today = timezone.localdate()
    shared = _shared(case)
    latest = (
        timeline.newest(shared, "start_on", "pk")[:LATEST] if shared is not None
        else list(_plain(Placement.objects.filter(case=case)).order_by("-start_on", "-pk")[:LATEST])
    )  # fmt: skip
    return {
        "rows": [
            {"placement": p, "current": p.current(today), "may_reveal": may_reveal(case.access, p)}
            for p in latest
        ],
        "may_place": case.access.can(PLACE),
        "shown": [("placement", p.pk) for p in latest],
    }


def _placed(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    return [
        timeline.Entry(
            p.created_at, "placement", _("Stay at %(place)s (%(kind)s) from %(start)s")
            % {"place": p.place.name, "kind": p.get_kind_display(), "start": dates.show(p.start_on)},
            "placement", p.pk,
        )
        for p in (window.pick(shared, "created_at") if shared is not None
                  else window.bound(_plain(Placement.objects.filter(case=case)), "created_at"))
    ]  # fmt: skip


def _ended(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared(case)
    rows = _plain(Placement.objects.filter(case=case, ended_at__isnull=False))
    return [
        timeline.Entry(
            p.ended_at, "placement", _("Stay at %(place)s ended on %(end)s: %(reason)s")
            % {"place": p.place.name, "end": dates.show(p.end_on), "reason": p.get_end_reason_display()},
            "placement", p.pk,
        )
        for p in (window.pick(shared, "ended_at") if shared is not None
                  else window.bound(rows, "ended_at"))
    ]  # fmt: skip


def _place_names(ids: list[int]) -> dict[int, str]:
    return dict(Place.objects.filter(pk__in=ids).values_list("pk", "name"))


plugin = Plugin(
    navigation=[
        NavItem(gettext_lazy("Free places tonight"), "shelter:occupancy", OCCUPANCY_ROLES, 40),
        NavItem(gettext_lazy("Places to stay"), "shelter:places", PLACES_ROLES, 93),
    ],
    case_sections=[
        CaseSection(
            "shelter",
            gettext_lazy("Safe accommodation"),
            "shelter/sections/case_section.html",
            _case_section,
            order=27,
        ),
    ],
    timeline=[timeline.Source("placement", _placed), timeline.Source("placement_end", _ended)],
    statistics=TABLES,
    records=[
        RecordKind(
            "placement",
            gettext_lazy("stay"),
            naming.by_time(Placement, "start_on", lambda: _("stay from %(when)s"), "case__number"),
        ),
        RecordKind("place", gettext_lazy("place to stay"), _place_names),
    ],
    subject_data=lifecycle.subject_data,
    secret_places=lifecycle.secret_places,
)
