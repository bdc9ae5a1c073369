"""Legal matters: the reflection period and permit reminders under a frozen clock, hearings' reminders,
the person's decision and its history, bad input refused next to its field with nothing lost, the
case page, the flag, and bounded queries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.legal import services
from ostoja.legal.models import (
    CooperationDecision,
    Hearing,
    Proceeding,
    ResidenceDocument,
    add_months,
    reflection_end,
)
from ostoja.legal.plugin import ENDING
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client_for):
    """The pages in English (the language switch's cookie), so that assertions read the words people see."""

    def make(principal):
        client = client_for(principal)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


WARSAW = ZoneInfo("Europe/Warsaw")


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=WARSAW)


def _permit(case, *, start, end, kind="permit"):
    return services.residence_add(
        document=ResidenceDocument(case=case, kind=kind, status="valid", valid_from=start, valid_until=end),
        actor=case.case_manager,
    )


def test_the_reflection_period_is_three_months_four_for_a_minor():
    assert reflection_end(dt.date(2027, 1, 10), minor=False) == dt.date(2027, 4, 10)
    assert reflection_end(dt.date(2027, 1, 10), minor=True) == dt.date(2027, 5, 10)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)  # the month's last day
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_permit_reminders_come_60_and_14_days_before_the_end_once_each(case_factory):
    end = dt.date(2027, 6, 30)
    with time_machine.travel(_noon(dt.date(2027, 1, 4)), tick=False):
        case = case_factory()
        permit = _permit(case, start=dt.date(2026, 12, 30), end=end)
        assert not Task.objects.filter(case=case).exists()  # half a year left: nothing yet
    with time_machine.travel(_noon(end - dt.timedelta(days=61)), tick=False):
        assert services.residence_reminders() == 0
    with time_machine.travel(_noon(end - dt.timedelta(days=60)), tick=False):
        assert services.residence_reminders() == 1
        assert services.residence_reminders() == 0  # a second run sets nothing twice
        task = Task.objects.get(case=case)
        assert (task.kind, task.owner, task.due_on) == (
            TaskKind.PERMIT_EXPIRY,
            case.case_manager,
            end - dt.timedelta(days=60),
        )
        assert task.source == f"residence:{permit.pk}:60"
    with time_machine.travel(_noon(end - dt.timedelta(days=15)), tick=False):
        assert services.residence_reminders() == 0
    with time_machine.travel(_noon(end - dt.timedelta(days=14)), tick=False):
        assert services.residence_reminders() == 1
    with time_machine.travel(_noon(end + dt.timedelta(days=1)), tick=False):
        assert services.residence_reminders() == 0  # ended: no more reminders
    assert sorted(Task.objects.filter(case=case).values_list("source", flat=True)) == [
        f"residence:{permit.pk}:14",
        f"residence:{permit.pk}:60",
    ]


def test_a_certificate_recorded_late_gets_the_nearest_reminder_at_once_and_for_a_minor_runs_four_months(
    case_factory,
):
    start = dt.date(2027, 3, 1)
    with time_machine.travel(_noon(dt.date(2027, 6, 20)), tick=False):  # 10 days before a minor's end
        case = case_factory()
        certificate = services.residence_add(
            document=ResidenceDocument(
                case=case, kind="certificate", status="valid", valid_from=start, for_minor=True
            ),
            actor=case.case_manager,
        )
        assert certificate.valid_until == dt.date(2027, 7, 1)
        task = Task.objects.get(case=case)
        assert task.kind == TaskKind.REFLECTION_END and task.source == f"residence:{certificate.pk}:14"
        assert task.due_on == dt.date(2027, 6, 20)


def test_reminder_days_are_configurable(case_factory, settings):
    settings.OSTOJA_RESIDENCE_REMINDER_DAYS = [30]
    end = dt.date(2027, 9, 1)
    with time_machine.travel(_noon(end - dt.timedelta(days=40)), tick=False):
        case = case_factory()
        _permit(case, start=dt.date(2027, 1, 1), end=end)
        assert services.residence_reminders() == 0
    with time_machine.travel(_noon(end - dt.timedelta(days=30)), tick=False):
        assert services.residence_reminders() == 1
        assert Task.objects.get(case=case).source.endswith(":30")


def test_a_new_permit_replaces_the_old_one_and_cancels_its_reminders(case_factory):
    with time_machine.travel(_noon(dt.date(2027, 5, 1)), tick=False):
        case = case_factory()
        old = _permit(case, start=dt.date(2026, 6, 1), end=dt.date(2027, 5, 31))
        assert Task.objects.get(case=case).status == TaskStatus.OPEN
        new = _permit(case, start=dt.date(2027, 6, 1), end=dt.date(2029, 5, 31))
        old.refresh_from_db()
        assert old.status == "replaced" and new.status == "valid"
        assert Task.objects.get(case=case).status == TaskStatus.CANCELLED


def test_a_closed_case_gets_no_reminders(case_factory):
    with time_machine.travel(_noon(dt.date(2027, 5, 1)), tick=False):
        case = case_factory()
        case.status, case.closure_reason, case.closed_on = "closed", "goals_met", timezone.localdate()
        case.save()
        _permit(case, start=dt.date(2026, 6, 1), end=dt.date(2027, 5, 20))
        assert services.residence_reminders() == 0
        assert not Task.objects.filter(case=case).exists()


def test_a_hearing_gets_its_reminder_and_a_moved_hearing_moves_it(case_factory, settings):
    settings.OSTOJA_HEARING_REMINDER_DAYS = 7
    with time_machine.travel(_noon(dt.date(2027, 2, 1)), tick=False):
        case = case_factory()
        proceeding = services.proceeding_save(
            proceeding=Proceeding(case=case, role="witness", authority="court", stage="trial"),
            expected_version=0, actor=case.case_manager,
        )  # fmt: skip
        hearing = services.hearing_save(
            hearing=Hearing(proceeding=proceeding, held_on=dt.date(2027, 3, 1)), expected_version=0,
            actor=case.case_manager,
        )  # fmt: skip
        task = Task.objects.get(case=case)
        assert (task.kind, task.due_on) == (TaskKind.HEARING, dt.date(2027, 2, 22))
        hearing.held_on = dt.date(2027, 2, 5)
        services.hearing_save(hearing=hearing, expected_version=hearing.version, actor=case.case_manager)
        open_tasks = Task.objects.filter(case=case, status=TaskStatus.OPEN)
        assert [t.due_on for t in open_tasks] == [dt.date(2027, 2, 1)]  # less than a week ahead: today
        assert Task.objects.get(case=case, status=TaskStatus.CANCELLED).due_on == dt.date(2027, 2, 22)


def _residence_data(client, case, **values):
    form = client.get(reverse("legal:residence_new", args=[case.pk])).context["form"]
    return {"token": form["token"].value(), **values}


def test_a_permit_ending_before_it_starts_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    case_factory, client_for
):
    case = case_factory()
    client = client_for(Role.CASE_MANAGER)
    today = timezone.localdate()
    data = _residence_data(
        client, case, kind="permit", status="valid", valid_from=today.isoformat(),
        valid_until=(today - dt.timedelta(days=1)).isoformat(), reference="WSC-123/26", issued_by="Wojewoda",
    )  # fmt: skip
    response = client.post(reverse("legal:residence_new", args=[case.pk]), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["valid_until"] == ["The end of the validity must come after its start."]
    page = response.content.decode()
    assert 'id="id_valid_until_error"' in page and 'value="WSC-123/26"' in page and 'value="Wojewoda"' in page
    assert not ResidenceDocument.objects.exists() and not Task.objects.exists()


def test_dates_outside_their_windows_are_refused(case_factory, client_for):
    case = case_factory()
    client = client_for(Role.CASE_MANAGER)
    data = _residence_data(
        client, case, kind="permit", status="valid", valid_from="1900-01-01", valid_until="2999-01-01"
    )
    response = client.post(reverse("legal:residence_new", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Check the year" in response.context["form"].errors["valid_from"][0]
    assert "Check the year" in response.context["form"].errors["valid_until"][0]
    applied = _residence_data(client, case, kind="permit", status="applied")
    response = client.post(reverse("legal:residence_new", args=[case.pk]), applied)
    assert response.context["form"].errors["applied_on"] == ["Give the day the application was made."]
    certificate = _residence_data(client, case, kind="certificate", status="applied", applied_on="2026-01-01")
    response = client.post(reverse("legal:residence_new", args=[case.pk]), certificate)
    assert "status" in response.context["form"].errors
    assert not ResidenceDocument.objects.exists()


def test_a_hearing_date_outside_its_window_is_refused(case_factory, client_for):
    case = case_factory()
    proceeding = services.proceeding_save(
        proceeding=Proceeding(case=case, role="witness", authority="court", stage="trial"), expected_version=0,
        actor=case.case_manager,
    )  # fmt: skip
    client = client_for(Role.CASE_MANAGER)
    url = reverse("legal:hearing_new", args=[proceeding.pk])
    token = client.get(url).context["form"]["token"].value()
    response = client.post(url, {"token": token, "held_on": "3026-01-01", "place": "Sąd Rejonowy",
                                 "interpreter": "arranged", "companion": "arranged"})  # fmt: skip
    assert response.status_code == 400 and "held_on" in response.context["form"].errors
    assert 'value="Sąd Rejonowy"' in response.content.decode()
    assert not Hearing.objects.exists()


def test_the_decision_is_the_persons_keeps_its_history_and_the_screen_says_support_never_depends_on_it(
    case_factory, client_for
):
    case = case_factory()
    client = client_for(Role.CASE_MANAGER)
    url = reverse("legal:decision_new", args=[case.pk])
    page = client.get(url)
    assert "support never depends on this decision" in page.content.decode()
    today = timezone.localdate()
    for decision, day in (("undecided", today - dt.timedelta(days=10)), ("cooperates", today)):
        token = client.get(url).context["form"]["token"].value()
        response = client.post(url, {"token": token, "decision": decision, "decided_on": day.isoformat(),
                                     "words": "Chcę zeznawać." if decision == "cooperates" else ""})  # fmt: skip
        assert response.status_code == 302
    assert CooperationDecision.objects.filter(case=case).count() == 2
    assert services.current_decisions([case.pk]) == {case.pk: "cooperates"}
    overview = client.get(reverse("legal:overview", args=[case.pk])).content.decode()
    assert "support never depends on this decision" in overview
    assert "Has not decided yet" in overview and "Cooperates with law enforcement" in overview
    assert "Chcę zeznawać." in overview and "cooperates" not in overview.replace("Cooperates", "")


def test_the_case_manager_sees_what_a_lapsing_certificate_means_for_support(case_factory, client_for):
    case = case_factory()
    today = timezone.localdate()
    services.residence_add(
        document=ResidenceDocument(case=case, kind="certificate", status="valid",
                                   valid_from=today - dt.timedelta(days=100), valid_until=today - dt.timedelta(days=1)),
        actor=case.case_manager,
    )  # fmt: skip
    client = client_for(Role.CASE_MANAGER)
    overview = client.get(reverse("legal:overview", args=[case.pk])).content.decode()
    assert "The certificate of a presumed victim has lapsed" in overview
    assert "The centre's support continues" in overview
    case_page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "The certificate of a presumed victim has lapsed" in case_page


def test_reading_the_overview_is_audited_with_every_record_shown(case_factory, client_for):
    case = case_factory()
    today = timezone.localdate()
    permit = _permit(case, start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=300))
    client = client_for(Role.SUPERVISOR)
    client.get(reverse("legal:overview", args=[case.pk]))
    event = AuditEvent.objects.filter(action="view", object_type="case").latest("pk")
    assert ("residence_document", permit.pk) in set(event.refs.values_list("object_type", "object_id"))


def test_the_flag_shows_a_right_to_stay_ending_soon(case_factory):
    today = timezone.localdate()
    soon, later = case_factory(), case_factory()
    _permit(soon, start=today - dt.timedelta(days=200), end=today + dt.timedelta(days=20))
    _permit(later, start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=400))
    flags = plugins.case_flags([soon.pk, later.pk])
    assert flags.get(soon.pk) == [ENDING]
    assert later.pk not in flags


def _fill(case, n):
    today = timezone.localdate()
    for i in range(n):
        proceeding = services.proceeding_save(
            proceeding=Proceeding(case=case, role="witness", authority="court", stage="trial", reference=f"II K {i}/26"),
            expected_version=0, actor=case.case_manager,
        )  # fmt: skip
        services.hearing_save(
            hearing=Hearing(proceeding=proceeding, held_on=today + dt.timedelta(days=30 + i)), expected_version=0,
            actor=case.case_manager,
        )  # fmt: skip
        _permit(case, start=today - dt.timedelta(days=10 + i), end=today + dt.timedelta(days=300 + i))
        services.decision_add(
            decision=CooperationDecision(case=case, decision="undecided", decided_on=today),
            actor=case.case_manager,
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_overview_and_the_case_page_do_not_grow_with_the_records(case_factory, client_for):
    few, many = case_factory(), case_factory()
    _fill(few, 1)
    _fill(many, 6)
    client = client_for(Role.SUPERVISOR)
    for name in ("legal:overview", "cases:case_detail"):
        url_few = reverse(name, args=[few.pk])
        url_many = reverse(name, args=[many.pk])
        _queries(client, url_few)  # warm caches (plugins, session)
        assert _queries(client, url_many) == _queries(client, url_few), name


def test_the_statistics_count_residence_status_and_proceedings_from_plain_columns(case_factory):
    from ostoja.legal.plugin import _proceedings_table, _residence_status

    today = timezone.localdate()
    case = case_factory()
    _permit(case, start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=200))
    _permit(case, start=today - dt.timedelta(days=100), end=today + dt.timedelta(days=200))
    services.proceeding_save(
        proceeding=Proceeding(case=case, role="witness", authority="court", stage="trial"), expected_version=0,
        actor=case.case_manager,
    )  # fmt: skip
    recent = {code: n for code, _label, n in _residence_status(today - dt.timedelta(days=30), today)}
    assert recent == {"certificate": 0, "permit": 1, "application": 0}
    ever = {code: n for code, _label, n in _residence_status(None, today)}
    assert ever["permit"] == 2  # the replaced one was in force in its time
    assert {code: n for code, _label, n in _proceedings_table(None, today)}["witness"] == 1


def test_ongoing_proceedings_stop_the_persons_erasure_until_they_end(case_factory, cast):
    from ostoja.cases import erasure
    from ostoja.cases.codes import Status
    from ostoja.testing.support import legal_records

    case = case_factory()
    proceeding = legal_records(case, cast[Role.CASE_MANAGER])["proceeding"]
    case.status = Status.CLOSED
    case.save(update_fields=["status"])
    with pytest.raises(erasure.ErasureRefused) as refusal:
        erasure.erase_person(case.person, cast[Role.SUPERVISOR], "The person asked for it.")
    assert [case.number in str(reason) for reason in refusal.value.reasons] == [True]
    proceeding.stage = "final"
    proceeding.save(update_fields=["stage"])
    assert erasure.blockers(case.person) == []
