"""The hotline demo: a realistic week, a roster with one deliberate gap, live interventions, meetings."""

import pytest

from ostoja.demo import records, staff
from ostoja.demo.hotline import ensure_demo_hotline
from ostoja.hotline import roster
from ostoja.hotline.models import CallEvent, Contact, Intervention, Meeting

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_keeps_the_roster_planned(settings):
    settings.DEMO = True
    staff.ensure_demo_staff()
    records.ensure_demo_records()
    first = ensure_demo_hotline()
    contacts = Contact.objects.count()
    assert contacts >= 20
    assert {"uk", "pl", "vi", "ka", "ro", "en"} <= set(Contact.objects.values_list("language", flat=True))
    assert Contact.objects.filter(person__isnull=True, case__isnull=True).exists()
    assert Contact.objects.filter(case__isnull=False).exists()
    assert Contact.objects.untriaged().filter(source="web").count() == 3
    # One of them is flagged by its words (a taken passport, a debt, being locked in); none is urgent yet.
    assert Contact.objects.filter(source="web").exclude(warning_signs=[]).count() >= 1
    assert Intervention.objects.unassigned().count() == 2
    assert Intervention.objects.unassigned().filter(escalated_at__isnull=False).count() == 1
    assert Meeting.objects.upcoming().count() == 3
    assert all(not m.place_note for m in Meeting.objects.filter(place_kind="shelter"))
    assert CallEvent.objects.filter(status="pending").count() == 3
    start, end = roster.roster_window()
    gaps = roster.gaps(start, end)
    assert [g.kind for g in gaps] == ["duty"] and gaps[0].hours == 8.0
    on_duty = roster.on_duty()
    assert on_duty["supervisor"]
    again = ensure_demo_hotline()
    assert Contact.objects.count() == contacts and "0 shifts added" in again[1]
    assert "gap(s)" in first[1]
