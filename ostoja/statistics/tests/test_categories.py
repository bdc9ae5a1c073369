"""The ministry's breakdown of forms of exploitation: data an administrator corrects, marked unconfirmed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.identification.models import ExploitationProfile
from ostoja.statistics.models import ReportCategory

pytestmark = pytest.mark.django_db


def test_the_breakdown_counts_each_person_once_per_category_and_says_unconfirmed(
    client_for, case_factory, person_factory, cast
):
    year = timezone.localdate().year
    for i in range(13):
        case = case_factory(person=person_factory(), opened_on=dt.date(year, 1, 1))
        # 12 in combined sexual and labour exploitation: counted once under forced labour, once under sexual.
        forms = ["isSexAndLabour", "isForcedLabour"] if i < 12 else ["forced_begging"]
        ExploitationProfile.objects.create(case=case, forms=forms, updated_by=cast[Role.CASE_MANAGER])
    response = client_for(Role.SUPERVISOR).get(
        reverse("statistics:overview"), {"period": "year", "year": year}
    )
    table = next(t for t in response.context["tables"] if t.key == "ministry_forms")
    rows = {row.code: (str(row.label), row.now.show()) for row in table.rows}
    assert rows["forced_labour"] == ("Praca przymusowa (niepotwierdzona)", "12")
    assert (
        rows["sexual"][1] == "12" and rows["forced_begging"][1] == "<11" and rows["workers_rights"][1] == "0"
    )


def test_an_administrator_corrects_and_confirms_a_category(client_for):
    category = ReportCategory.objects.get(code="workers_rights")
    client = client_for(Role.ADMINISTRATOR)
    response = client.post(
        reverse("statistics:category_edit", args=[category.pk]),
        {"label_pl": "Naruszenia praw pracowniczych", "label_en": "Workers' rights violations",
         "profile_codes": ["isOtherExploit"], "confirmed": "on", "version": category.version},
    )  # fmt: skip
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.label_pl, category.profile_codes, category.confirmed, category.version) == (
        "Naruszenia praw pracowniczych", ["isOtherExploit"], True, 2,
    )  # fmt: skip
    stale = client.post(
        reverse("statistics:category_edit", args=[category.pk]),
        {"label_pl": "Inna nazwa", "label_en": "x", "version": 1},
    )
    assert stale.status_code == 400
    category.refresh_from_db()
    assert category.label_pl == "Naruszenia praw pracowniczych"


def test_the_category_pages_keep_their_query_count(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(Role.ADMINISTRATOR)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("statistics:categories"))
    for i in range(10):
        ReportCategory.objects.create(code=f"extra{i}", label_pl="x", label_en="x", position=50 + i)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("statistics:categories"))
    assert len(many) <= len(few)
