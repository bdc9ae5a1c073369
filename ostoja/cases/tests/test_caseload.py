"""The caseload box reads counts the database keeps, in a number of queries that does not grow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ostoja.cases import caseload
from ostoja.cases.codes import Status
from ostoja.cases.models import Case, StatusCount

pytestmark = pytest.mark.django_db


def _truth() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Case.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_counts_follow_every_kind_of_write(case_factory):
    caseload.rebuild()
    first, second, third = case_factory(), case_factory(), case_factory()
    assert caseload.counts() == _truth()
    first.status = Status.CLOSED
    first.save()
    Case.objects.filter(pk=second.pk).update(status=Status.FOLLOW_UP)  # a bulk update, past any signal
    third.save()  # saved without a change of status: counted once
    assert caseload.counts() == _truth()
    Case.objects.filter(pk=third.pk).delete()
    assert caseload.counts() == _truth()


def test_compacting_keeps_the_totals(case_factory):
    caseload.rebuild()
    for _ in range(3):
        case = case_factory()
        case.status = Status.CLOSED
        case.save()
    before = caseload.counts()
    assert StatusCount.objects.count() > len(before)
    assert caseload.compact() > 0
    assert caseload.counts() == before == _truth()
    assert StatusCount.objects.count() == len(before)


def test_the_caseload_box_does_not_count_the_cases_table(case_factory, rf, make_staff):
    from ostoja.cases.dashboard import caseload as section

    case_factory()
    request = rf.get("/")
    request.user = make_staff("chief")
    with CaptureQueriesContext(connection) as queries:
        shown = dict(section(request)["counts"])
    assert [q["sql"] for q in queries.captured_queries if "cases_case" in q["sql"]] == []
    assert len(queries.captured_queries) == 1
    assert sum(shown.values()) == sum(_truth().values())
