"""The roster: overlap refused, 24/7 gaps found, who is on duty shown, swaps, private feeds."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ostoja.accounts.roles import Role
from ostoja.hotline import roster
from ostoja.hotline.models import CalendarFeed, Shift

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")


def at(day, hour):
    return datetime(2026, 12, day, hour, 0, tzinfo=WARSAW)


def add(user, start, end, kind="duty", by=None):
    return roster.shift_add(user=user, kind=kind, starts_at=start, ends_at=end, created_by=by)


def test_overlapping_shifts_of_one_worker_are_refused(cast):
    worker = cast[Role.DUTY_WORKER]
    add(worker, at(1, 8), at(1, 20))
    with pytest.raises(ValidationError, match="already has a shift"):
        add(worker, at(1, 19), at(2, 7))
    add(worker, at(1, 20), at(2, 8))  # back to back is fine
    assert Shift.objects.count() == 2


def test_a_shift_ends_after_it_starts_and_needs_the_role(cast):
    with pytest.raises(ValidationError):
        add(cast[Role.DUTY_WORKER], at(1, 8), at(1, 8))
    with pytest.raises(ValidationError, match="role"):
        add(cast[Role.SPECIALIST], at(1, 8), at(1, 20))
    with pytest.raises(ValidationError, match="role"):
        add(cast[Role.DUTY_WORKER], at(1, 8), at(1, 20), kind="supervisor")


def test_the_form_shows_the_overlap_and_keeps_the_input(en, cast):
    worker = cast[Role.DUTY_WORKER]
    add(worker, at(1, 8), at(1, 20))
    data = {"user": worker.pk, "kind": "duty", "starts_at": "2026-12-01T12:00", "ends_at": "2026-12-01T22:00"}
    # The roster takes shifts from the last 90 days on: the form is sent the day before these shifts.
    with time_machine.travel(at(1, 0) - timedelta(days=1), tick=False):
        response = en(Role.SUPERVISOR).post(reverse("hotline:shift_new"), data)
    assert (
        "already has a shift" in response.content.decode()
        and 'value="2026-12-01T22:00"' in response.content.decode()
    )
    assert Shift.objects.count() == 1


def test_gap_detection_per_kind(cast):
    duty, supervisor = cast[Role.DUTY_WORKER], cast[Role.SUPERVISOR]
    add(duty, at(1, 0), at(1, 12))
    add(duty, at(1, 14), at(2, 0))
    add(supervisor, at(1, 0), at(1, 23), kind="supervisor")
    gaps = roster.gaps(at(1, 0), at(2, 0))
    assert [(g.kind, g.starts_at, g.ends_at) for g in gaps] == [
        ("duty", at(1, 12), at(1, 14)),
        ("supervisor", at(1, 23), at(2, 0)),
    ]
    assert gaps[0].hours == 2.0


def test_overlapping_shifts_of_different_workers_leave_no_false_gap(cast, make_staff):
    second = make_staff("second_duty", Role.DUTY_WORKER)
    add(cast[Role.DUTY_WORKER], at(1, 0), at(1, 16))
    add(second, at(1, 8), at(2, 0))
    assert [g for g in roster.gaps(at(1, 0), at(2, 0)) if g.kind == "duty"] == []


def test_the_roster_page_highlights_gaps_in_the_next_14_days(en, cast):
    with time_machine.travel(at(1, 6), tick=False):
        add(cast[Role.DUTY_WORKER], at(1, 6), at(1, 18))
        html = en(Role.SPECIALIST).get(reverse("hotline:roster")).content.decode()
    assert "Gaps in the next 14 days" in html and html.count('class="roster-gap"') == 2
    # The English format of dates: the weekday, then the month in words and the 24-hour clock.
    assert "Tuesday, 1 Dec 2026 18:00" in html and "Tuesday, 15 Dec 2026 06:00" in html


def test_who_is_on_duty_now_on_every_staff_page(en, cast, client):
    now = timezone.now()
    add(cast[Role.DUTY_WORKER], now - timedelta(hours=1), now + timedelta(hours=7))
    add(cast[Role.SUPERVISOR], now - timedelta(hours=1), now + timedelta(hours=7), kind="supervisor")
    html = en(Role.SPECIALIST).get(reverse("cases:case_list")).content.decode()
    bar = html.split('class="duty-now"')[1].split("</section>")[0]
    assert str(cast[Role.DUTY_WORKER]) in bar and str(cast[Role.SUPERVISOR]) in bar
    assert 'class="duty-now"' not in client.get(reverse("accounts:login")).content.decode()


def test_the_duty_bar_costs_one_query(en, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = en(Role.SPECIALIST)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("hotline:meetings"))
    assert sum("hotline_shift" in q["sql"] for q in queries.captured_queries) == 1


def test_a_swap_changes_hands_only_when_accepted(en, cast, make_staff):
    colleague = make_staff("colleague", Role.DUTY_WORKER)
    shift = add(
        cast[Role.DUTY_WORKER],
        timezone.now() + timedelta(days=1),
        timezone.now() + timedelta(days=1, hours=8),
    )
    en(Role.DUTY_WORKER).post(reverse("hotline:swap_offer", args=[shift.pk]), {"offered_to": colleague.pk})
    swap = shift.swaps.get()
    shift.refresh_from_db()
    assert shift.user == cast[Role.DUTY_WORKER]
    from django.test import Client

    from ostoja.testing.access import login_verified

    login_verified(Client(), colleague).post(
        reverse("hotline:swap_decide", args=[swap.pk]), {"decision": "accept"}
    )
    shift.refresh_from_db()
    swap.refresh_from_db()
    assert shift.user == colleague and swap.status == "accepted"


def test_a_swap_into_an_overlap_is_refused(cast, make_staff):
    colleague = make_staff("busy", Role.DUTY_WORKER)
    start = timezone.now() + timedelta(days=1)
    shift = add(cast[Role.DUTY_WORKER], start, start + timedelta(hours=8))
    add(colleague, start + timedelta(hours=4), start + timedelta(hours=12))
    swap = roster.swap_offer(shift=shift, offered_by=cast[Role.DUTY_WORKER], offered_to=colleague)
    with pytest.raises(ValidationError, match="already has a shift"):
        roster.swap_decide(swap_id=swap.pk, user=colleague, accept=True)


def test_calendar_feed_is_private_revocable_and_stores_only_a_hash(en, cast, client, case, meeting_factory):
    worker = cast[Role.CASE_MANAGER]
    meeting_factory(
        case, place_kind="neutral", place_note="Café at the station", purpose="Talk about the trial"
    )
    response = en(Role.CASE_MANAGER).post(reverse("hotline:feed"), {"action": "create"})
    url = response.context["url"]
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_hash=secret).exists()
    feed = client.get(url.split("testserver", 1)[1])
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert not feed.cookies
    calendar = Calendar.from_ical(feed.content)
    [event] = list(calendar.walk("VEVENT"))
    assert str(event["SUMMARY"]) == f"Meeting — case {case.number}" or case.number in str(event["SUMMARY"])
    body = feed.content.decode()
    for private in ("Café", "trial", "Olena", "Kovalenko"):
        assert private not in body
    en(Role.CASE_MANAGER).post(reverse("hotline:feed"), {"action": "revoke"})
    assert client.get(url.split("testserver", 1)[1]).status_code == 404
    assert worker.hotline_feeds.get().revoked_at is not None


def test_a_new_feed_address_replaces_the_old(cast):
    first = roster.feed_create(user=cast[Role.DUTY_WORKER])
    second = roster.feed_create(user=cast[Role.DUTY_WORKER])
    assert roster.feed_user(first) is None and roster.feed_user(second) == cast[Role.DUTY_WORKER]


def test_shifts_appear_in_the_feed(cast, client):
    add(
        cast[Role.DUTY_WORKER],
        timezone.now() + timedelta(days=1),
        timezone.now() + timedelta(days=1, hours=12),
    )
    secret = roster.feed_create(user=cast[Role.DUTY_WORKER])
    feed = client.get(reverse("hotline:feed_ics", args=[secret]))
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 1


def test_duty_cards_go_to_the_duty_worker_on_shift(cast, make_staff):
    from ostoja.cases.access import Perm, case_access
    from ostoja.cases.codes import Phase
    from ostoja.cases.models import Case
    from ostoja.cases.services import case_open
    from ostoja.people.models import Person
    from ostoja.people.services import person_register

    person = person_register(person=Person(given_name="Ольга", registered_by=cast[Role.CASE_MANAGER]))
    case = case_open(case=Case(person=person, case_manager=cast[Role.CASE_MANAGER], phase=Phase.AFTER_RETURN))
    on_duty, off_duty = cast[Role.DUTY_WORKER], make_staff("second_duty", Role.DUTY_WORKER)
    # Without a roster every duty worker counts as on shift.
    assert case_access(off_duty, case).can(Perm.DUTY_CARD)
    now = timezone.now()
    roster.shift_add(user=on_duty, kind="duty", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=7),
                     created_by=cast[Role.SUPERVISOR])  # fmt: skip
    assert case_access(on_duty, case).can(Perm.DUTY_CARD)
    assert case_access(off_duty, case).perms == {Perm.EXISTS}


def test_the_week_grid_shows_who_covers_each_day_and_the_gaps_at_a_glance(cast, en):
    worker = cast[Role.DUTY_WORKER]
    with time_machine.travel(at(1, 12), tick=False):
        add(worker, at(3, 7), at(3, 15))
        add(worker, at(3, 23), at(4, 7))
        page = en(Role.DUTY_WORKER).get(reverse("hotline:roster")).content.decode()
    grid = page[page.index('class="roster-grid"') : page.index("</table>", page.index('class="roster-grid"'))]
    name = str(worker)
    # 3 December: covered 07–15 and from 23:00 into the next day; the hours between are gaps.
    row = grid[grid.index("3 December 2026") if "3 December 2026" in grid else grid.index("3 Dec") :]
    row = row[: row.index("</tr>")]
    assert f"07:00–15:00 {name}" in row and f"23:00–24:00 {name}" in row
    assert "Gap 00:00–07:00" in row and "Gap 15:00–23:00" in row and "roster-gap-cell" in row
    # Every day the 14-day window touches has its row (it starts at noon: fifteen calendar days).
    assert grid.count('<th scope="row">') == roster.GAP_DAYS + 1
