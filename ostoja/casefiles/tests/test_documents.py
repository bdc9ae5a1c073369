"""Documents to restore: recorded with their country and fees; an expected date that passes makes one task."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.casefiles import services
from ostoja.casefiles.codes import RestoreStatus
from ostoja.casefiles.models import DocumentRestoration
from ostoja.cases.codes import Status
from ostoja.tasks.codes import TaskKind, TaskStatus
from ostoja.tasks.models import Task

pytestmark = pytest.mark.django_db


def _data(client, case, **changes):
    form = client.get(reverse("casefiles:document_new", args=[case.pk])).context["form"]
    data = {
        "token": form["token"].value(), "version": "0", "document": "passport", "country": "UA",
        "authority": "Konsulat Generalny Ukrainy", "applied_where": "Konsulat w Krakowie", "status": "applied",
        "applied_on": timezone.localdate().isoformat(), "fee": "120.00", "paid_by": "centre",
        "expected_on": (timezone.localdate() + timedelta(days=30)).isoformat(), "received_on": "", "notes": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_document_to_restore_is_recorded_and_listed_in_words(case, client_for):
    client = client_for(Role.CASE_MANAGER)
    response = client.post(reverse("casefiles:document_new", args=[case.pk]), _data(client, case))
    assert response.status_code == 302
    document = DocumentRestoration.objects.get()
    assert (document.document, document.country, document.paid_by, str(document.fee)) == (
        "passport",
        "UA",
        "centre",
        "120.00",
    )
    assert document.authority == "Konsulat Generalny Ukrainy"
    page = client.get(reverse("casefiles:documents", args=[case.pk])).content.decode()
    assert "Paszport" in page and "Ukraina" in page and "UA" not in page.replace("UAH", "")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"fee": "-1"}, "fee"),
        ({"paid_by": ""}, "paid_by"),
        ({"status": "received"}, "received_on"),
        ({"expected_on": "2999-01-01"}, "expected_on"),
        ({"applied_on": "in two days"}, "applied_on"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(case, client_for, changes, field):
    client = client_for(Role.CASE_MANAGER)
    response = client.post(reverse("casefiles:document_new", args=[case.pk]), _data(client, case, **changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert form["authority"].value() == "Konsulat Generalny Ukrainy"
    assert not DocumentRestoration.objects.exists()


def test_a_received_date_before_the_application_is_refused(case, client_for):
    client = client_for(Role.CASE_MANAGER)
    today = timezone.localdate()
    data = _data(client, case, status="received", received_on=(today - timedelta(days=5)).isoformat(),
                 applied_on=today.isoformat())  # fmt: skip
    response = client.post(reverse("casefiles:document_new", args=[case.pk]), data)
    assert response.status_code == 400 and "received_on" in response.context["form"].errors


def _document(case, cast, expected_on, status=RestoreStatus.APPLIED):
    return services.document_save(
        document=DocumentRestoration(case=case, document="id_card", country="UA", status=status,
                                     expected_on=expected_on),
        actor=cast[Role.CASE_MANAGER], expected_version=0,
    )  # fmt: skip


def test_an_overdue_document_becomes_one_task_for_the_case_manager_on_a_frozen_clock(case, cast):
    start = timezone.now()
    document = _document(case, cast, timezone.localdate(start) + timedelta(days=3))
    _document(case, cast, timezone.localdate(start) + timedelta(days=1), RestoreStatus.RECEIVED)
    with time_machine.travel(start + timedelta(days=3), tick=False):
        assert services.overdue_documents_to_tasks() == 0  # due today is not overdue yet
    with time_machine.travel(start + timedelta(days=4), tick=False):
        call_command("housekeeping", "--job", "documents_overdue")
        assert services.overdue_documents_to_tasks() == 0  # once, however often the job runs
        task = Task.objects.get()
        assert (task.kind, task.owner, task.case, task.status, task.due_on) == (
            TaskKind.DOCUMENT_DUE,
            cast[Role.CASE_MANAGER],
            case,
            TaskStatus.OPEN,
            timezone.localdate(),
        )
    # A new expected date that passes again makes a new task; a received document none.
    document.expected_on = timezone.localdate(start) + timedelta(days=10)
    services.document_save(
        document=document, actor=cast[Role.CASE_MANAGER], expected_version=document.version
    )
    with time_machine.travel(start + timedelta(days=11), tick=False):
        assert services.overdue_documents_to_tasks() == 1
    document.status = RestoreStatus.RECEIVED
    document.received_on = timezone.localdate(start)
    services.document_save(
        document=document, actor=cast[Role.CASE_MANAGER], expected_version=document.version
    )
    with time_machine.travel(start + timedelta(days=30), tick=False):
        assert services.overdue_documents_to_tasks() == 0


def test_no_task_on_a_closed_case(case, cast):
    start = timezone.now()
    _document(case, cast, timezone.localdate(start) + timedelta(days=1))
    type(case).objects.filter(pk=case.pk).update(status=Status.CLOSED)
    with time_machine.travel(start + timedelta(days=5), tick=False):
        assert services.overdue_documents_to_tasks() == 0


def test_the_document_list_costs_the_same_for_one_document_or_many(case, cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(Role.CASE_MANAGER)
    url = reverse("casefiles:documents", args=[case.pk])
    _document(case, cast, None)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(6):
        _document(case, cast, None)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)
