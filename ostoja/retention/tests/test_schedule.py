"""What the retention job lists, at the boundaries of each period, with a frozen clock."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ostoja.audit.models import AuditEvent
from ostoja.retention import schedule, services
from ostoja.retention.models import RetentionItem
from ostoja.retention.tests.conftest import at_noon

pytestmark = pytest.mark.django_db

CLOSED = dt.date(2021, 6, 15)


def listed(kind: str) -> set[int]:
    return set(RetentionItem.objects.filter(kind=kind).values_list("object_id", flat=True))


def test_a_closed_case_is_listed_on_the_day_its_period_ends_not_the_day_before(closed_case, settings):
    settings.OSTOJA_RETENTION = {**settings.OSTOJA_RETENTION, "closed_case": (10, 0)}
    case = closed_case(CLOSED)
    with time_machine.travel(at_noon(dt.date(2031, 6, 14)), tick=False):
        assert services.list_due() == 0
    assert case.pk not in listed("closed_case")
    with time_machine.travel(at_noon(dt.date(2031, 6, 15)), tick=False):
        assert services.list_due() >= 1
    item = RetentionItem.objects.get(kind="closed_case", object_id=case.pk)
    assert (item.started_on, item.due_on, item.status) == (CLOSED, dt.date(2031, 6, 15), "pending")
    # Listed once: the next night adds nothing for it.
    with time_machine.travel(at_noon(dt.date(2031, 6, 16)), tick=False):
        services.list_due()
    assert RetentionItem.objects.filter(kind="closed_case", object_id=case.pk).count() == 1
    event = AuditEvent.objects.filter(object_type="retention_item", action="create").latest("pk")
    assert event.details["kind"] == "closed_case"
    assert ("case", case.pk) in {(r.object_type, r.object_id) for r in event.refs.all()}


def test_closed_on_29_february_is_due_on_1_march_ten_years_on(closed_case, settings):
    settings.OSTOJA_RETENTION = {**settings.OSTOJA_RETENTION, "closed_case": (10, 0)}
    case = closed_case(dt.date(2020, 2, 29))
    with time_machine.travel(at_noon(dt.date(2030, 2, 28)), tick=False):
        services.list_due()
    assert case.pk not in listed("closed_case")
    with time_machine.travel(at_noon(dt.date(2030, 3, 1)), tick=False):
        services.list_due()
    assert RetentionItem.objects.get(kind="closed_case", object_id=case.pk).due_on == dt.date(2030, 3, 1)


def test_open_cases_and_other_kinds_follow_their_own_periods(case_factory, closed_case, settings):
    settings.OSTOJA_RETENTION = {
        **settings.OSTOJA_RETENTION,
        "closed_case": (10, 0),
        "consultation_case": (0, 400),
    }
    open_case = case_factory()
    support = closed_case(CLOSED)
    consultation = closed_case(CLOSED, kind="consultation")
    with time_machine.travel(at_noon(CLOSED + dt.timedelta(days=399)), tick=False):
        services.list_due()
    assert not listed("consultation_case") and not listed("closed_case")
    with time_machine.travel(at_noon(CLOSED + dt.timedelta(days=400)), tick=False):
        services.list_due()
    assert listed("consultation_case") == {consultation.pk}
    assert support.pk not in listed("closed_case") and open_case.pk not in listed("closed_case")


def test_anonymous_contacts_and_unlinked_web_reports_by_the_day_received(contact_at, case_factory, settings):
    case = case_factory()
    settings.OSTOJA_RETENTION = {
        **settings.OSTOJA_RETENTION,
        "anonymous_contact": (2, 0),
        "unlinked_web_report": (1, 0),
    }
    received = at_noon(dt.date(2025, 3, 10)).replace(hour=23, minute=50)  # late in the evening, local
    anonymous = contact_at(received)
    web = contact_at(received, channel="web_form", source="web")
    linked = contact_at(received, person=case.person, case=case, caller_kind="person")
    with time_machine.travel(at_noon(dt.date(2026, 3, 9)), tick=False):
        services.list_due()
    assert not listed("unlinked_web_report")
    with time_machine.travel(at_noon(dt.date(2026, 3, 10)), tick=False):
        services.list_due()
    assert listed("unlinked_web_report") == {web.pk} and not listed("anonymous_contact")
    with time_machine.travel(at_noon(dt.date(2027, 3, 10)), tick=False):
        services.list_due()
    assert anonymous.pk in listed("anonymous_contact") and web.pk not in listed("anonymous_contact")
    assert linked.pk not in listed("anonymous_contact") | listed("unlinked_web_report")


def test_every_kind_has_a_period_setting_a_basis_and_an_action():
    kinds = schedule.kinds()
    assert {"closed_case", "consultation_case", "anonymous_contact", "unlinked_web_report", "screening_answers",
            "audit_rows", "break_glass_reason"} <= set(kinds)  # fmt: skip
    for kind in kinds.values():
        assert schedule.period(kind).years or schedule.period(kind).days
        assert kind.action in ("erase", "anonymise", "review") and str(kind.basis)
        assert kind.action == "review" or kind.person or kind.carry_out


def test_the_job_reads_with_a_fixed_number_of_queries_however_many_are_due(closed_case, settings):
    settings.OSTOJA_RETENTION = {**settings.OSTOJA_RETENTION, "closed_case": (1, 0)}
    for _ in range(3):
        closed_case(CLOSED)
    with time_machine.travel(at_noon(dt.date(2030, 1, 1)), tick=False):
        with CaptureQueriesContext(connection) as few:
            services.list_due()
        RetentionItem.objects.all().delete()
        for _ in range(5):
            closed_case(CLOSED)
        with CaptureQueriesContext(connection) as more:
            services.list_due()

    def reads(captured):
        # Reads of records; a new row's key from the sequence (PostgreSQL's nextval) is part of writing it.
        return [
            q
            for q in captured.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT") and "nextval" not in q["sql"]
        ]

    assert RetentionItem.objects.filter(kind="closed_case").count() == 8
    assert len(reads(more)) == len(reads(few))
