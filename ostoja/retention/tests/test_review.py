"""The supervisor's decisions on the review list: audited, postponement respected, erasure by rule."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.hotline.models import Contact
from ostoja.retention import services
from ostoja.retention.models import RetentionItem
from ostoja.retention.tests.conftest import at_noon

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_contact(contact_at, settings):
    settings.OSTOJA_RETENTION = {**settings.OSTOJA_RETENTION, "unlinked_web_report": (0, 30)}
    contact = contact_at(timezone.now() - dt.timedelta(days=40), source="web", channel="web_form",
                         summary="I saw people locked in a barn", contact_details="+48 600 000 000")  # fmt: skip
    services.list_due()
    return contact, RetentionItem.objects.get(kind="unlinked_web_report", object_id=contact.pk)


def post(client, item, **data):
    data.setdefault("version", item.version)
    return client.post(reverse("retention:review_item", args=[item.pk]), data)


def test_confirming_erases_an_unlinked_web_report_and_audits_it(client_for, due_contact):
    contact, item = due_contact
    client = client_for(Role.SUPERVISOR)
    assert client.get(reverse("retention:review_list")).status_code == 200
    response = post(client, item, decision="confirm", note="Answered long ago")
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    item.refresh_from_db()
    assert item.status == "done" and item.decided_by.has_role(Role.SUPERVISOR)
    decided = AuditEvent.objects.filter(object_type="retention_item", action="update").latest("pk")
    assert decided.details["decision"] == "confirm"
    erased = AuditEvent.objects.get(object_type="contact", action="erase")
    assert erased.details == {"kind": "unlinked_web_report"}
    assert erased.reason == "Answered long ago"


def test_postponing_keeps_the_record_until_the_day_then_it_comes_back(client_for, due_contact):
    contact, item = due_contact
    client = client_for(Role.SUPERVISOR)
    until = timezone.localdate() + dt.timedelta(days=60)
    # Without a reason: refused next to the field, nothing saved, what was typed kept.
    response = post(client, item, decision="postpone", until=until.isoformat(), note="Police asked")
    assert response.status_code == 400 and "Police asked" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"
    response = post(client, item, decision="postpone", until=until.isoformat(), reason="proceedings")
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.postponed_until, item.postpone_reason) == ("postponed", until, "proceedings")
    event = AuditEvent.objects.filter(object_type="retention_item", action="update").latest("pk")
    assert event.details["until"] == until.isoformat() and event.details["reason"] == "proceedings"
    # Left to run is not carried out while postponed; the job neither lists it again nor erases it.
    services.housekeeping()
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert RetentionItem.objects.filter(kind="unlinked_web_report", object_id=contact.pk).count() == 1
    with time_machine.travel(at_noon(until - dt.timedelta(days=1)), tick=False):
        services.housekeeping()
    item.refresh_from_db()
    assert item.status == "postponed"
    with time_machine.travel(at_noon(until), tick=False):
        services.housekeeping()
    item.refresh_from_db()
    assert item.status == "pending" and Contact.objects.filter(pk=contact.pk).exists()


def test_letting_it_run_is_carried_out_by_the_job(client_for, due_contact):
    contact, item = due_contact
    assert post(client_for(Role.SUPERVISOR), item, decision="run").status_code == 302
    assert Contact.objects.filter(pk=contact.pk).exists()
    services.housekeeping()
    item.refresh_from_db()
    assert item.status == "done" and not Contact.objects.filter(pk=contact.pk).exists()


def test_a_postponement_date_in_the_past_is_refused(client_for, due_contact):
    _contact, item = due_contact
    response = post(client_for(Role.SUPERVISOR), item, decision="postpone", reason="minor",
                    until=timezone.localdate().isoformat())  # fmt: skip
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == "pending"


def test_only_supervisors_see_the_list(client_for, due_contact):
    _contact, item = due_contact
    for role in (Role.CASE_MANAGER, Role.DUTY_WORKER, Role.ADMINISTRATOR):
        assert client_for(role).get(reverse("retention:review_list")).status_code == 403
        assert post(client_for(role), item, decision="confirm").status_code == 403
    item.refresh_from_db()
    assert item.status == "pending"


def test_erasing_a_person_goes_through_the_one_erasure_and_waits_for_every_case(
    client_for, closed_case, case_factory, settings, monkeypatch
):
    settings.OSTOJA_RETENTION = {**settings.OSTOJA_RETENTION, "closed_case": (0, 10)}
    old = closed_case(timezone.localdate() - dt.timedelta(days=20))
    services.list_due()
    item = RetentionItem.objects.get(kind="closed_case", object_id=old.pk)
    client = client_for(Role.SUPERVISOR)
    # Without an app providing the erasure: refused with a message, nothing changed.
    monkeypatch.setattr(plugins, "erase_person", lambda: None)
    response = post(client, item, decision="confirm")
    assert response.status_code == 400 and "nie jest jeszcze dostępne" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"
    calls = []
    monkeypatch.setattr(
        plugins,
        "erase_person",
        lambda: lambda person, actor, reason: calls.append((person.pk, actor.pk, reason)),
    )
    # Another case of the person still open: refused.
    other = case_factory(person=old.person)
    response = post(client, item, decision="confirm")
    assert response.status_code == 400 and not calls
    from ostoja.cases.models import Case

    Case.objects.filter(pk=other.pk).update(
        status="closed", closed_on=timezone.localdate() - dt.timedelta(days=15)
    )
    item.refresh_from_db()
    assert post(client, item, decision="confirm", note="Period ended").status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and calls == [(old.person_id, item.decided_by_id, "Period ended")]
    assert AuditEvent.objects.filter(object_type="case", action="erase").exists()
