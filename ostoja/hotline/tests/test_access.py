"""Every hotline URL × every principal gives the right answer (the route matrix)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import STAFF, Role
from ostoja.hotline import roster
from ostoja.hotline.models import CallEvent, Shift, ShiftSwap, TelephonyToken
from ostoja.hotline.telephony import token_create
from ostoja.testing.access import ANONYMOUS, ASSIGNED, BREAK_GLASS, OUTSIDER, Route, routes_test

pytestmark = pytest.mark.django_db

EVERYONE = [*STAFF, BREAK_GLASS, ASSIGNED]
HOTLINE = [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR]
BOARD = [Role.DUTY_WORKER, Role.SUPERVISOR]
EDITORS = [Role.SUPERVISOR, Role.ADMINISTRATOR]
# A meeting belongs to its case: VIEW to read it, CONTACT to schedule or change it (both held by the
# team, supervision and a break-glass holder).
CASE_CONTACT = [Role.CASE_MANAGER, Role.SUPERVISOR, ASSIGNED, BREAK_GLASS]


def _contact(get):
    return [get("contact_factory")().pk]


def _intervention(get):
    return [get("intervention_factory")().pk]


def _translation(get):
    from ostoja.hotline import services

    contact = get("contact_factory")()
    return [services.translation_ask(contact=contact, interpreter_id=1, note="", by=contact.created_by).pk]


def _meeting(get):
    return [get("meeting_factory")(get("case")).pk]


def _shift(get):
    start = timezone.now() + timedelta(days=1)
    shift = Shift.objects.create(
        user=get("cast")[Role.DUTY_WORKER], kind="duty", starts_at=start, ends_at=start + timedelta(hours=8)
    )
    return [shift.pk]


def _swap(get):
    """A swap the duty worker offered to a colleague outside the cast: only those two decide it."""
    shift = Shift.objects.get(pk=_shift(get)[0])
    colleague = get("make_staff")("colleague", Role.DUTY_WORKER)
    swap = roster.swap_offer(shift=shift, offered_by=shift.user, offered_to=colleague)
    return [swap.pk]


def _call(get):
    token_create(name="PBX")
    call = CallEvent.objects.create(
        token=TelephonyToken.objects.get(), number="+48601234567", occurred_at=timezone.now(),
        direction="inbound", match="no_match",
    )  # fmt: skip
    return [call.pk]


def _feed(get):
    return [roster.feed_create(user=get("cast")[Role.DUTY_WORKER])]


ROUTES = [
    Route("hotline:home", HOTLINE),
    Route("hotline:contacts", HOTLINE),
    Route("hotline:contact_new", HOTLINE),
    Route("hotline:triage", HOTLINE),
    Route("hotline:contact", HOTLINE, _contact),
    Route("hotline:intervention_open", HOTLINE, _contact),
    Route("hotline:person_lookup", HOTLINE, method="post"),
    # An anonymous intervention becomes a person and case: its page is for every hotline role.
    Route("hotline:intervention_register", HOTLINE, _intervention),
    # Asking an interpreter and recording the translation: an empty form is refused (422).
    Route("hotline:translation_ask", HOTLINE, _contact, method="post", allowed_status=422),
    Route("hotline:translation_done", HOTLINE, _translation, method="post", allowed_status=422),
    # Linking needs a chosen person: the empty form goes back to the contact with the reason (302).
    Route("hotline:contact_link", HOTLINE, _contact, method="post", allowed_status=302),
    # The first to dismiss it dismisses it; for the others it is no longer waiting (both go home).
    Route("hotline:call_dismiss", HOTLINE, _call, method="post", allowed_status=302),
    Route("hotline:board", BOARD),
    Route("hotline:board_rows", BOARD),
    Route("hotline:intervention", HOTLINE, _intervention),
    # Acting on an intervention is for its handler and the board; an empty form is refused (422).
    Route("hotline:intervention_action", BOARD, _intervention, method="post", allowed_status=422),
    Route("hotline:intervention_close", BOARD, _intervention, method="post", allowed_status=422),
    # The first to take it takes it; the next is told a colleague was first (both redirected).
    Route("hotline:take", BOARD, _intervention, method="post", allowed_status=302),
    Route("hotline:roster", EVERYONE),
    Route("hotline:feed", EVERYONE),
    Route("hotline:meetings", EVERYONE),
    Route("hotline:shift_new", EDITORS),
    # The first editor removes it; for the next it no longer exists.
    Route("hotline:shift_delete", EDITORS, _shift, method="post", allowed_status={302, 404}),
    # Only the worker on the shift may offer it; for everyone else it does not exist.
    Route("hotline:swap_offer", [Role.DUTY_WORKER], _shift, denied_status={403, 404}),
    Route(
        "hotline:swap_decide",
        [Role.DUTY_WORKER],
        _swap,
        method="post",
        allowed_status=302,
        denied_status={403, 404},
    ),
    # The calendar feed is authenticated by the secret in its address, not by a session.
    Route("hotline:feed_ics", [*EVERYONE, OUTSIDER, ANONYMOUS], _feed),
    Route("hotline:meeting_new", CASE_CONTACT, lambda get: [get("case").pk]),
    Route("hotline:meeting", CASE_CONTACT, _meeting),
    Route("hotline:meeting_edit", CASE_CONTACT, _meeting),
    # The telephony API answers its bearer token only: no session opens it.
    Route("hotline:api:post_call_event", [], method="post", denied_status=401, public=True),
    Route("hotline:api:api-root", [], denied_status=404, public=True),
    Route("hotline:api:not_found", [], denied_status=404, public=True, path="/hotline/api/v1/no-such-thing"),
    # So is its schema (the telephone system's integrators have the token).
    Route("hotline:api:openapi-json", [], denied_status=401, public=True),
]

test_route_access = routes_test(ROUTES)


def test_the_feed_needs_its_secret_not_a_session(client):
    assert client.get(reverse("hotline:feed_ics", args=["not-a-real-secret"])).status_code == 404


def test_a_swap_is_decided_only_by_its_two_workers(cast, make_staff, client_for):
    start = timezone.now() + timedelta(days=1)
    shift = Shift.objects.create(
        user=cast[Role.DUTY_WORKER], kind="duty", starts_at=start, ends_at=start + timedelta(hours=8)
    )
    colleague = make_staff("colleague", Role.DUTY_WORKER)
    swap = roster.swap_offer(shift=shift, offered_by=shift.user, offered_to=colleague)
    url = reverse("hotline:swap_decide", args=[swap.pk])
    assert client_for(Role.SUPERVISOR).post(url, {"decision": "accept"}).status_code == 404
    assert ShiftSwap.objects.get().status == "proposed"


def test_one_audit_row_names_the_record_and_what_it_belongs_to(cast, case, client_for, meeting_factory):
    from ostoja.audit.models import AuditEvent

    meeting = meeting_factory(case)
    before = AuditEvent.objects.count()
    assert client_for(BREAK_GLASS).get(reverse("hotline:meeting", args=[meeting.pk])).status_code == 200
    (event,) = AuditEvent.objects.order_by("pk")[before:]
    assert (event.action, event.object_type) == ("view", "meeting")
    refs = set(event.refs.values_list("object_type", "object_id"))
    assert refs == {("meeting", meeting.pk), ("case", case.pk), ("person", case.person_id)}
    assert event.details["via"] == ["break_glass", "staff"]
