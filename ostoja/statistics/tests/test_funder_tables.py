"""The funder's tables of shelter use, returns of foreigners and residence documents: each on a small
fixture with known answers for 2025, period bounds included; on the statistics page and in the report,
small counts protected."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case
from ostoja.legal.models import ResidenceDocument
from ostoja.legal.statistics import residence_decisions
from ostoja.partners.models import Organisation
from ostoja.referrals.models import Referral
from ostoja.referrals.statistics import returns_of_foreigners
from ostoja.shelter.models import Place, Placement
from ostoja.shelter.statistics import shelter_use, stays_ended_by_reason
from ostoja.statistics import report as funder_report
from ostoja.statistics.models import FunderReport

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
D = dt.date


def _rows(rows) -> dict[str, int]:
    return {code: n for code, _label, n in rows}


@pytest.fixture
def cases(case_factory, person_factory):
    """Three foreigners in Poland and a Polish person abroad."""
    return {
        name: case_factory(person=person_factory(), phase=phase)
        for name, phase in (
            ("anna", "foreigner_in_poland"), ("boris", "foreigner_in_poland"), ("celina", "before_return"),
            ("dmytro", "foreigner_in_poland"),
        )
    }  # fmt: skip


@pytest.fixture
def stays(cases, cast):
    place = Place.objects.create(name="Safe flat K", kind="safe_flat", capacity=4)

    def stay(name, first, left=None, reason=""):
        Placement.objects.create(
            case=cases[name], place=place, kind="short_term", start_on=first, end_on=left, end_reason=reason,
            created_by=cast[Role.CASE_MANAGER],
        )  # fmt: skip

    stay("anna", D(2024, 12, 20), D(2025, 1, 10), "planned")  # 9 nights in 2025, ended in it
    stay("anna", D(2025, 3, 1), D(2025, 3, 31), "return")  # 30 nights, begun and ended
    stay("boris", D(2025, 12, 30))  # 2 nights in 2025, still going on
    stay("celina", D(2026, 1, 5), D(2026, 2, 1), "planned")  # after the year
    stay("celina", D(2023, 1, 1), D(2025, 1, 1), "own_home")  # its last night was 31 December 2024
    return place


def test_shelter_use_counts_stays_nights_and_people(stays):
    assert _rows(shelter_use(START, END)) == {"begun": 2, "ended": 3, "nights": 41, "people": 2}
    assert _rows(stays_ended_by_reason(START, END)) == {
        "planned": 1, "own_home": 1, "other_place": 0, "return": 1, "safety": 0, "left": 0, "rules": 0,
        "other": 0, "": 0,
    }  # fmt: skip
    # Nights not yet spent are not counted: of the stay going on, only the nights up to last night.
    today = timezone.localdate()
    everything = _rows(shelter_use(None, today))
    assert everything["begun"] == 5 and everything["people"] == 3
    assert (
        everything["nights"]
        == 21 + 30 + (today - D(2025, 12, 30)).days + 27 + (D(2025, 1, 1) - D(2023, 1, 1)).days
    )


def test_returns_of_foreigners_count_people_once_per_row(cases, stays, cast):
    iom = Organisation.objects.create(
        name="IOM", kind="international", country="PL", services=["voluntary_return"]
    )
    tz = timezone.get_current_timezone()

    def referral(name, purpose, sent_on, status):
        Referral.objects.create(
            case=cases[name], partner=iom, purpose=purpose, letter_language="en", status=status,
            created_by=cast[Role.CASE_MANAGER], sent_at=dt.datetime.combine(sent_on, dt.time(12), tz),
        )  # fmt: skip

    referral("anna", "voluntary_return", D(2025, 5, 1), "completed")
    referral("anna", "voluntary_return", D(2024, 12, 31), "declined")  # the year before
    referral("anna", "labour_rights", D(2025, 5, 2), "accepted")  # not a return
    referral("boris", "voluntary_return", D(2025, 6, 1), "declined")
    referral("boris", "voluntary_return", D(2025, 7, 1), "accepted")  # boris again: one person
    referral("celina", "voluntary_return", D(2025, 7, 1), "sent")  # not a foreigner in Poland
    Case.objects.filter(pk=cases["dmytro"].pk).update(
        status="closed", closure_reason="returned_home", closed_on=D(2025, 8, 1)
    )
    Case.objects.filter(pk=cases["boris"].pk).update(
        status="closed", closure_reason="goals_met", closed_on=END
    )
    Case.objects.filter(pk=cases["celina"].pk).update(
        status="closed", closure_reason="returned_home", closed_on=D(2025, 8, 1)
    )  # a Polish person home again: not a return of a foreigner
    assert _rows(returns_of_foreigners(START, END)) == {
        "referred": 2, "accepted": 2, "completed": 1, "declined": 1, "case_closed": 1, "stay_ended": 1,
    }  # fmt: skip
    assert _rows(returns_of_foreigners(D(2025, 6, 1), D(2025, 6, 30)))["referred"] == 1
    assert _rows(returns_of_foreigners(None, END))["declined"] == 2


def test_residence_documents_granted_refused_and_pending_by_kind(cases, cast):
    def document(kind, status, applied_on=None, valid_from=None):
        ResidenceDocument.objects.create(
            case=cases["anna"], kind=kind, status=status, applied_on=applied_on, valid_from=valid_from,
            valid_until=valid_from + dt.timedelta(days=90) if valid_from else None, created_by=cast[Role.CASE_MANAGER],
        )  # fmt: skip

    document("certificate", "valid", valid_from=D(2025, 2, 1))
    document("certificate", "replaced", valid_from=D(2025, 4, 1))
    document("certificate", "valid", valid_from=D(2024, 12, 1))  # the year before
    document("permit", "applied", applied_on=D(2025, 5, 1))
    document("permit", "refused", applied_on=D(2025, 3, 1))
    document("permit", "valid", applied_on=D(2024, 11, 10), valid_from=D(2025, 9, 1))
    document("permit", "refused", applied_on=D(2024, 11, 1))  # applied for the year before
    document("certificate", "refused")  # no day applied for: counted when recorded (today)
    assert _rows(residence_decisions(START, END)) == {
        "certificate_granted": 2, "certificate_refused": 0, "permit_granted": 1, "permit_refused": 1,
        "permit_pending": 1,
    }  # fmt: skip
    everything = _rows(residence_decisions(None, timezone.localdate()))
    assert everything == {
        "certificate_granted": 3, "certificate_refused": 1, "permit_granted": 1, "permit_refused": 2,
        "permit_pending": 1,
    }  # fmt: skip


def test_the_tables_are_on_the_page_and_in_the_report_with_small_counts_hidden(client_for, stays, cast):
    page = client_for(Role.SUPERVISOR).get(reverse("statistics:overview"), {"period": "year", "year": "2025"})
    shown = {t.key: t for t in page.context["tables"]}
    assert {"shelter_use", "shelter_ended", "returns", "residence_decisions"} <= set(shown)
    nights = next(row for row in shown["shelter_use"].rows if row.code == "nights")
    people = next(row for row in shown["shelter_use"].rows if row.code == "people")
    assert nights.now.show() == "41" and people.now.hidden  # 2 people: fewer than the threshold
    report = FunderReport.objects.create(year=2025, requested_by=cast[Role.SUPERVISOR])
    funder_report.build(report)
    cells = [row[:2] for row in load_workbook(io.BytesIO(report.xlsx)).active.iter_rows(values_only=True)]
    assert ("Korzystanie z bezpiecznego zakwaterowania", None) in cells
    assert ("Noclegi w bezpiecznym zakwaterowaniu", "41") in cells
    assert ("Osoby, które spędziły tam co najmniej jedną noc", "<11") in cells
    assert ("Powroty cudzoziemców", None) in cells
    assert ("Dokumenty pobytowe przyznane, odmowy i wnioski w toku", None) in cells
