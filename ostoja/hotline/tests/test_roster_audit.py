"""Who is on duty decides who sees duty cards, and feed and telephony secrets let outsiders in:
every change to shifts, feeds and telephony keys, and every feed read, is on the audit log."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ostoja.accounts import services as account_services
from ostoja.accounts.roles import Role
from ostoja.audit import chain
from ostoja.audit.models import AuditEvent
from ostoja.hotline import roster
from ostoja.hotline.models import CalendarFeed, Shift, TelephonyToken
from ostoja.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _events(object_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type).order_by("id"))


def test_adding_removing_and_swapping_shifts_are_audited(en, cast):
    worker, supervisor = cast[Role.DUTY_WORKER], cast[Role.SUPERVISOR]
    colleague = cast[Role.CASE_MANAGER]
    account_services.user_set_roles(user=colleague, roles=[Role.CASE_MANAGER, Role.DUTY_WORKER])
    # 10:00 to 18:00 local, three days from now: a wall time that exists on every day of the year.
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "user": worker.pk,
        "kind": "duty",
        "starts_at": f"{day:%Y-%m-%d}T10:00",
        "ends_at": f"{day:%Y-%m-%d}T18:00",
    }
    assert en(Role.SUPERVISOR).post(reverse("hotline:shift_new"), data).status_code == 302
    shift = Shift.objects.get()
    [added] = _events("shift")
    assert added.action == "create" and added.actor_id == supervisor.pk
    assert added.details["worker"] == worker.pk and added.details["kind"] == "duty"
    assert {(r.object_type, r.object_id) for r in added.refs.all()} == {
        ("shift", shift.pk),
        ("staff", worker.pk),
    }

    offer = en(Role.DUTY_WORKER).post(
        reverse("hotline:swap_offer", args=[shift.pk]), {"offered_to": colleague.pk}
    )
    assert offer.status_code == 302
    swap = shift.swaps.get()
    decided = en(Role.CASE_MANAGER).post(
        reverse("hotline:swap_decide", args=[swap.pk]), {"decision": "accept"}
    )
    assert decided.status_code == 302
    offered, accepted = _events("shift")[1:]
    assert offered.actor_id == worker.pk and offered.details["offered_to"] == colleague.pk
    assert accepted.actor_id == colleague.pk and accepted.details["worker"] == colleague.pk

    assert en(Role.SUPERVISOR).post(reverse("hotline:shift_delete", args=[shift.pk])).status_code == 302
    removed = _events("shift")[-1]
    assert removed.action == "delete" and removed.details["worker"] == colleague.pk
    assert not Shift.objects.exists()
    assert chain.verify().intact


def test_telephony_keys_made_and_revoked_on_the_command_line_are_audited(capsys):
    call_command("telephony_token", "create", "pbx")
    secret = capsys.readouterr().out.strip()
    token = TelephonyToken.objects.get()
    assert secret and token.token_hash != secret
    call_command("telephony_token", "revoke", "pbx")
    created, revoked = _events("telephony_token")
    assert created.action == "create" and created.details["via"] == "command" and "os_user" in created.details
    assert revoked.action == "update" and revoked.details["revoked"] == 1
    assert {r.object_id for r in revoked.refs.all()} == {token.pk}
    assert secret not in str(created.details)


def test_every_feed_read_is_audited_with_the_cases_it_names(cast, client, case, meeting_factory):
    worker = case.case_manager
    meeting = meeting_factory(case)
    meeting.staff.add(worker)
    secret = roster.feed_create(user=worker)
    feed = client.get(reverse("hotline:feed_ics", args=[secret]), REMOTE_ADDR="198.51.100.20")
    assert feed.status_code == 200 and Calendar.from_ical(feed.content).walk("VEVENT")
    read = AuditEvent.objects.filter(object_type="calendar_feed", action="view").get()
    assert read.actor_id == worker.pk and read.address == "198.51.100.20"
    refs = {(r.object_type, r.object_id) for r in read.refs.all()}
    assert ("case", case.pk) in refs and ("meeting", meeting.pk) in refs


def test_a_feed_address_does_not_come_back_when_its_account_is_reactivated(cast, client_for, client):
    worker = cast[Role.DUTY_WORKER]
    secret = roster.feed_create(user=worker)
    url = reverse("hotline:feed_ics", args=[secret])
    assert client.get(url).status_code == 200
    admin = client_for(Role.ADMINISTRATOR)
    confirm = {"confirm-password": TEST_PASSWORD}
    admin.post(reverse("accounts:staff_deactivate", args=[worker.pk]), confirm)
    assert client.get(url).status_code == 404
    admin.post(reverse("accounts:staff_reactivate", args=[worker.pk]), confirm)
    worker.refresh_from_db()
    assert worker.is_active
    assert client.get(url).status_code == 404
    assert CalendarFeed.objects.get(user=worker).revoked_at is not None
    revoked = AuditEvent.objects.filter(object_type="calendar_feed", action="update").get()
    assert revoked.details == {"revoked": "account deactivated"}


def test_feeds_of_accounts_deactivated_earlier_are_revoked_by_the_migration(cast):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ostoja.hotline.migrations.0002_revoke_feeds_of_deactivated_accounts")
    worker = cast[Role.DUTY_WORKER]
    secret = roster.feed_create(user=worker)
    type(worker).objects.filter(pk=worker.pk).update(is_active=False)  # as before deactivation revoked feeds
    migration.forwards(apps, None)
    type(worker).objects.filter(pk=worker.pk).update(is_active=True)
    assert roster.feed_user(secret) is None
