"""The statistics page: the standard tables on a small fixture with known answers."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.identification.models import ExploitationProfile
from ostoja.statistics.imports import import_ctdc
from ostoja.testing.html import elements, parse, text

pytestmark = pytest.mark.django_db

SLICE = Path(__file__).parent / "data" / "ctdc_slice.csv"
URL = reverse("statistics:overview")


def table(response, key) -> dict[str, str]:
    """The table's rows as shown: code -> count of this period (the total as "total")."""
    shown = next(t for t in response.context["tables"] if t.key == key)
    rows = {row.code: row.now.show() for row in shown.rows}
    if shown.total:
        rows["total"] = shown.total.show()
    return rows


@pytest.fixture
def year():
    return timezone.localdate().year


@pytest.fixture
def cases(case_factory, person_factory, cast, year):
    """14 women (12 Ukrainian, 2 Polish; 3 of them minors), 11 men (Polish): 25 cases this year."""
    made = []
    for i in range(25):
        woman = i < 14
        person = person_factory(
            gender="feminine" if woman else "masculine",
            is_minor=woman and i < 3,
            citizenships=["UA"] if i < 12 else ["PL"],
        )
        case = case_factory(person=person, opened_on=dt.date(year, 1, 1))
        forms = (
            ["isForcedLabour"]
            if i < 13
            else ["isSexualExploit"]
            if i < 24
            else ["isForcedLabour", "isSexualExploit"]
        )
        ExploitationProfile.objects.create(case=case, forms=forms, updated_by=cast[Role.CASE_MANAGER])
        made.append(case)
    return made


def test_the_standard_tables_count_the_fixture(client_for, cases, year):
    response = client_for(Role.SUPERVISOR).get(URL, {"period": "year", "year": year})
    assert response.status_code == 200
    assert table(response, "beneficiaries") == {
        "own": "25", "historical": "0", "total": "25",
    }  # fmt: skip
    assert table(response, "sex")["feminine"] == "14" and table(response, "sex")["masculine"] == "11"
    # 3 minors alone would be a small cell, and the rest would give it away: both hidden.
    assert table(response, "majority") == {"adult": "<11", "minor": "<11", "": "0", "total": "25"}
    assert table(response, "nationality") == {"PL": "13", "foreign": "12", "": "0", "total": "25"}
    forms = table(response, "forms")
    assert forms["isForcedLabour"] == "14" and forms["isSexualExploit"] == "12"
    combos = table(response, "form_combinations")
    # The one person with both forms is hidden, and so is the next smallest row (11), else 25 - 13 - 11 = 1.
    assert combos == {
        "isForcedLabour": "13", "isSexualExploit": "<11", "isForcedLabour+isSexualExploit": "<11", "total": "25",
    }  # fmt: skip


def test_the_previous_period_is_beside_it(client_for, cases, case_factory, year):
    case_factory(opened_on=dt.date(year - 1, 6, 1))
    response = client_for(Role.SUPERVISOR).get(URL, {"period": "year", "year": year})
    beneficiaries = next(t for t in response.context["tables"] if t.key == "beneficiaries")
    own = beneficiaries.rows[0]
    assert (own.now.show(), own.before.show(), own.change) == ("25", "<11", "")
    assert response.context["previous_period"].start == dt.date(year - 1, 1, 1)


def test_imported_cases_count_in_whole_years_and_in_everything(client_for, year):
    import_ctdc(SLICE)
    client = client_for(Role.SUPERVISOR)
    everything = client.get(URL, {"period": "all"})
    assert table(everything, "sex") == {
        "feminine": "705", "masculine": "218", "transgender_feminine": "0", "transgender_masculine": "0",
        "non_conforming": "<11", "": "<11", "total": "1\u00a0008",
    }  # fmt: skip
    # The 84 without a recorded sex are hidden with the 1 non-conforming person (secondary suppression).
    assert table(everything, "datasource") == {
        "case_management": "467",
        "hotline": "541",
        "": "0",
        "total": "1\u00a0008",
    }
    in_2019 = client.get(URL, {"period": "year", "year": 2019})
    assert table(in_2019, "beneficiaries")["historical"] == "219"
    # A month holds no whole year: imported cases are not in it.
    month = client.get(URL, {"period": "month", "year": 2019, "month": 5})
    assert table(month, "beneficiaries")["historical"] == "0"


def test_a_period_ending_before_it_starts_is_refused_and_kept(client_for):
    response = client_for(Role.SUPERVISOR).get(
        URL, {"period": "custom", "start": "2025-05-01", "end": "2025-04-01"}
    )
    assert response.status_code == 400
    error = next(e for e in elements(parse(response.content)) if e.get("id") == "id_end_error")
    assert "Okres nie może kończyć się przed swoim początkiem." in text(error)
    assert 'value="2025-05-01"' in response.content.decode()


def test_each_look_is_audited_with_the_period(client_for, year):
    client_for(Role.SUPERVISOR).get(URL, {"period": "year", "year": year})
    event = AuditEvent.objects.filter(object_type="statistics").get()
    assert event.action == "view" and event.details["start"] == f"{year}-01-01"


def test_the_chart_is_drawn_on_the_server_beside_its_table(client_for, cases, year):
    body = client_for(Role.SUPERVISOR).get(URL, {"period": "year", "year": year}).content.decode()
    assert '<svg class="stats-chart"' in body and 'role="img"' in body
    assert "<script" not in body.split("<main", 1)[1]


def test_the_query_count_does_not_grow_with_the_records(client_for, case_factory, person_factory, year):
    client = client_for(Role.SUPERVISOR)
    params = {"period": "year", "year": year}
    case_factory(opened_on=dt.date(year, 1, 1))
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, params).status_code == 200
    for i in range(12):
        case_factory(
            person=person_factory(gender="masculine", citizenships=["PL", "UA"][i % 2 :]),
            opened_on=dt.date(year, 1, 2),
        )
    import_ctdc(SLICE)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL, params).status_code == 200
    assert len(many) <= len(few)


def test_a_table_plugged_in_by_another_app_is_shown_and_protected(client_for, monkeypatch, year):
    """Services delivered and referrals come from their apps' plugins (``StatisticsTable``)."""
    from ostoja import plugins

    asked = []

    def count(start, end):
        asked.append((start, end))
        return [("legal", "Legal advice", 40), ("shelter", "Shelter", 3)]

    plugged = plugins.StatisticsTable("services", "Services delivered", count)
    monkeypatch.setattr(plugins, "statistics_tables", lambda: [plugged])
    response = client_for(Role.SUPERVISOR).get(URL, {"period": "year", "year": year})
    assert table(response, "services") == {"legal": "<11", "shelter": "<11", "total": "43"}
    assert asked[0] == (dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert asked[1] == (dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31))
