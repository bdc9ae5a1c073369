from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit import chain, services
from ostoja.audit.forms import BreakGlassForm
from ostoja.audit.models import Action, AuditEvent, BreakGlassGrant
from ostoja.testing.access import assert_access

pytestmark = pytest.mark.django_db

REASON = "Hotline call at night, the case manager is unreachable; Olena needs her safety plan"
START = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)


def _request(user):
    request = RequestFactory().post("/cases/7/open/", REMOTE_ADDR="198.51.100.4")
    request.user = user
    return request


@pytest.fixture
def worker(make_staff):
    return make_staff("nightshift", Role.DUTY_WORKER, first_name="Night", last_name="Shift")


@pytest.fixture
def supervisors(make_staff):
    return [
        make_staff("boss_pl", Role.SUPERVISOR, email="boss.pl@example.org", language="pl"),
        make_staff("boss_en", Role.SUPERVISOR, email="boss.en@example.org", language="en"),
        make_staff("boss_gone", Role.SUPERVISOR, email="gone@example.org", is_active=False),
    ]


@pytest.mark.parametrize("reason", ["", "   ", "because", " " * 20 + "short" + " " * 20])
def test_no_grant_without_a_real_reason(worker, reason):
    with pytest.raises(ValidationError):
        services.break_glass_start(request=_request(worker), object_type="case", object_id=7, reason=reason)
    assert not BreakGlassGrant.objects.exists()
    assert not AuditEvent.objects.exists()


def test_no_grant_for_an_anonymous_request():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.break_glass_start(
            request=_request(AnonymousUser()), object_type="case", object_id=7, reason=REASON
        )


def test_the_form_asks_for_the_same_reason():
    assert not BreakGlassForm({"reason": "too short"}).is_valid()
    form = BreakGlassForm({"reason": f"  {REASON}  "})
    assert form.is_valid() and form.cleaned_data["reason"] == REASON


def test_start_writes_the_grant_and_its_audit_event(worker, supervisors):
    with time_machine.travel(START, tick=False):
        grant = services.break_glass_start(
            request=_request(worker), object_type="case", object_id=7, reason=REASON
        )
    assert grant.started_at == START and grant.expires_at == START + timedelta(minutes=60)
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS_START)
    assert grant.start_event == event
    assert event.actor == worker and event.reason == REASON and event.address == "198.51.100.4"
    assert event.details == {"grant": grant.pk, "minutes": 60}
    assert list(event.refs.values_list("object_type", "object_id")) == [("case", 7)]


def test_supervisors_are_emailed_without_the_reason(worker, supervisors):
    services.break_glass_start(request=_request(worker), object_type="case", object_id=7, reason=REASON)
    assert sorted(message.to[0] for message in mail.outbox) == ["boss.en@example.org", "boss.pl@example.org"]
    for message in mail.outbox:
        assert "#7" not in message.subject and "#7" not in message.body  # no internal id
        assert "nightshift" in message.body
        assert "/audit/?action=break_glass_start&object_type=case&object_id=7" in message.body
        assert "Olena" not in message.body and "Olena" not in message.subject
        assert "safety plan" not in message.body


def test_the_case_manager_is_told_and_the_case_named_by_its_number(worker, supervisors, case_factory, cast):
    manager = cast["case_manager"]
    manager.email, manager.language = "manager@example.org", "en"
    manager.save()
    case = case_factory(manager=manager)
    services.break_glass_start(request=_request(worker), object_type="case", object_id=case.pk, reason=REASON)
    to = {message.to[0] for message in mail.outbox}
    assert {"boss.en@example.org", "boss.pl@example.org", "manager@example.org"} <= to
    told = next(message for message in mail.outbox if message.to == ["manager@example.org"])
    assert case.number in told.subject and case.number in told.body and f"#{case.pk}" not in told.body


def test_duration_follows_the_setting(worker, settings):
    settings.OSTOJA_BREAK_GLASS_MINUTES = 15
    with time_machine.travel(START, tick=False):
        grant = services.break_glass_start(
            request=_request(worker), object_type="case", object_id=7, reason=REASON
        )
    assert grant.expires_at == START + timedelta(minutes=15)


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_duration_is_bounded(worker, minutes):
    with pytest.raises(ValueError):
        services.break_glass_start(
            request=_request(worker), object_type="case", object_id=7, reason=REASON, minutes=minutes
        )


def test_grant_expires_and_its_end_is_logged(worker):
    with time_machine.travel(START, tick=False):
        grant = services.break_glass_start(
            request=_request(worker), object_type="case", object_id=7, reason=REASON, minutes=30
        )
    with time_machine.travel(START + timedelta(minutes=29), tick=False):
        assert services.active_grant(user=worker, object_type="case", object_id=7) == grant
        assert services.active_grant(user=worker, object_type="case", object_id=8) is None
    assert not AuditEvent.objects.filter(action=Action.BREAK_GLASS_END).exists()
    with time_machine.travel(START + timedelta(minutes=30), tick=False):
        assert services.active_grant(user=worker, object_type="case", object_id=7) is None
    grant.refresh_from_db()
    assert grant.ended_at == START + timedelta(minutes=30) and grant.end_reason == "expired"
    end = AuditEvent.objects.get(action=Action.BREAK_GLASS_END)
    assert grant.end_event == end and end.reason == "expired" and end.actor is None
    assert end.details == {"grant": grant.pk, "holder": worker.pk}
    # Asking again writes nothing more.
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        assert services.active_grant(user=worker, object_type="case", object_id=7) is None
    assert AuditEvent.objects.filter(action=Action.BREAK_GLASS_END).count() == 1
    assert chain.verify().intact


def test_other_users_do_not_share_a_grant(worker, make_staff):
    services.break_glass_start(request=_request(worker), object_type="case", object_id=7, reason=REASON)
    colleague = make_staff("colleague", Role.DUTY_WORKER)
    assert services.active_grant(user=colleague, object_type="case", object_id=7) is None


def test_ending_early_writes_one_end_event(worker):
    grant = services.break_glass_start(
        request=_request(worker), object_type="case", object_id=7, reason=REASON
    )
    services.break_glass_end(grant=grant, reason=services.END_BY_HOLDER, request=_request(worker))
    services.break_glass_end(grant=grant, reason=services.END_BY_HOLDER, request=_request(worker))
    assert grant.ended_at is not None
    assert AuditEvent.objects.filter(action=Action.BREAK_GLASS_END).count() == 1
    assert services.active_grant(user=worker, object_type="case", object_id=7) is None


def test_a_new_grant_supersedes_the_open_one(worker):
    first = services.break_glass_start(
        request=_request(worker), object_type="case", object_id=7, reason=REASON
    )
    second = services.break_glass_start(
        request=_request(worker), object_type="case", object_id=7, reason=REASON
    )
    first.refresh_from_db()
    assert first.end_reason == services.END_SUPERSEDED
    assert services.active_grant(user=worker, object_type="case", object_id=7) == second


def test_close_expired_grants(worker):
    with time_machine.travel(START, tick=False):
        for object_id in (1, 2):
            services.break_glass_start(
                request=_request(worker), object_type="case", object_id=object_id, reason=REASON, minutes=10
            )
        services.break_glass_start(
            request=_request(worker), object_type="case", object_id=3, reason=REASON, minutes=120
        )
    with time_machine.travel(START + timedelta(minutes=11), tick=False):
        assert services.close_expired_grants() == 2
        assert services.close_expired_grants() == 0
    assert BreakGlassGrant.objects.filter(ended_at__isnull=True).count() == 1


def test_close_expired_grants_command(worker):
    from io import StringIO

    from django.utils import translation

    with time_machine.travel(START, tick=False):
        services.break_glass_start(request=_request(worker), object_type="case", object_id=1, reason=REASON)
    out = StringIO()
    with time_machine.travel(START + timedelta(days=1), tick=False), translation.override("en"):
        call_command("audit", "close-expired-grants", stdout=out)
    assert "Expired break-glass grants ended: 1." in out.getvalue()


def test_end_view_access(cast):
    grant = services.break_glass_start(
        request=_request(cast[Role.CASE_MANAGER]), object_type="case", object_id=7, reason=REASON
    )
    assert_access(
        reverse("audit:break_glass_end", args=[grant.pk]),
        cast=cast,
        allowed=[Role.CASE_MANAGER, Role.SUPERVISOR],
        method="post",
        allowed_status=302,
        denied_status=404,
    )
    grant.refresh_from_db()
    assert grant.end_reason == services.END_BY_HOLDER
    assert AuditEvent.objects.filter(action=Action.BREAK_GLASS_END).count() == 1


def test_supervisor_revokes_from_the_dashboard(cast, client_for):
    grant = services.break_glass_start(
        request=_request(cast[Role.DUTY_WORKER]), object_type="case", object_id=7, reason=REASON
    )
    client = client_for(Role.SUPERVISOR)
    dashboard = client.get(reverse("web:dashboard"))
    assert dashboard.status_code == 200
    page = dashboard.content.decode()
    assert reverse("audit:break_glass_end", args=[grant.pk]) in page
    assert "Olena" not in page
    response = client.post(reverse("audit:break_glass_end", args=[grant.pk]), {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    grant.refresh_from_db()
    assert grant.end_reason == services.END_REVOKED
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS_END)
    assert event.actor == cast[Role.SUPERVISOR]


def test_end_view_ignores_an_outside_next(cast, client_for):
    grant = services.break_glass_start(
        request=_request(cast[Role.DUTY_WORKER]), object_type="case", object_id=7, reason=REASON
    )
    response = client_for(Role.DUTY_WORKER).post(
        reverse("audit:break_glass_end", args=[grant.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("web:dashboard")


def test_administrators_see_open_grants_but_cannot_end_them(cast, client_for, case_factory):
    case = case_factory()
    grant = services.break_glass_start(
        request=_request(cast[Role.DUTY_WORKER]), object_type="case", object_id=case.pk, reason=REASON
    )
    page = client_for(Role.ADMINISTRATOR).get(reverse("web:dashboard")).content.decode()
    assert f"{case.number}, do " in page and f"#{case.pk}" not in page  # named by its number
    assert reverse("audit:break_glass_end", args=[grant.pk]) not in page
    other = client_for(Role.CASE_MANAGER).get(reverse("web:dashboard")).content.decode()
    assert f"{case.number}, do " not in other


def test_a_supervisor_reviews_a_colleagues_grant_with_a_comment(cast, client_for, case_factory):
    case = case_factory()
    grant = services.break_glass_start(
        request=_request(cast[Role.DUTY_WORKER]), object_type="case", object_id=case.pk, reason=REASON
    )
    client = client_for(Role.SUPERVISOR)
    client.cookies["ostoja_language"] = "en"
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "To review" in page and reverse("audit:break_glass_review", args=[grant.pk]) in page
    response = client.post(
        reverse("audit:break_glass_review", args=[grant.pk]), {"comment": "Justified: the team was away."}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == cast[Role.SUPERVISOR] and grant.reviewed_at is not None
    assert grant.review_comment == "Justified: the team was away."
    event = AuditEvent.objects.filter(object_type="break_glass", details__reviewed=True).get()
    assert set(event.refs.values_list("object_type", "object_id")) == {
        ("break_glass", grant.pk),
        ("case", case.pk),
    }
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "To review" not in page and "reviewed by" in page and "Justified: the team was away." in page
    # Reviewed once: a second review changes nothing.
    client.post(reverse("audit:break_glass_review", args=[grant.pk]), {"comment": "again"})
    grant.refresh_from_db()
    assert grant.review_comment == "Justified: the team was away."


def test_nobody_reviews_their_own_grant(make_staff, client_for):
    from ostoja.testing.access import login_verified

    supervisor = make_staff("second_supervisor", Role.SUPERVISOR)
    grant = services.break_glass_start(
        request=_request(supervisor), object_type="case", object_id=7, reason=REASON
    )
    from django.test import Client

    client = login_verified(Client(), supervisor)
    assert (
        client.post(reverse("audit:break_glass_review", args=[grant.pk]), {"comment": "fine"}).status_code
        == 404
    )
    assert (
        reverse("audit:break_glass_review", args=[grant.pk])
        not in client.get(reverse("web:dashboard")).content.decode()
    )
