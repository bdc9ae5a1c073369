"""The identification demo data: every status state, the three lists, loaded once."""

import pytest

from ostoja.cases.models import Case
from ostoja.demo import records, staff
from ostoja.demo.identification import ensure_demo_identification
from ostoja.identification import services
from ostoja.identification.codes import IdStatus, Recommendation, Review
from ostoja.identification.models import ExploitationProfile, IdentificationStatusChange, Screening

pytestmark = pytest.mark.django_db


def test_demo_identification(settings):
    staff.ensure_demo_staff()
    records.ensure_demo_records()
    summary = ensure_demo_identification()
    assert summary[0].startswith("Demo screenings: 5")

    assert set(Screening.objects.values_list("indicator_list", flat=True)) == {
        "adult_labour", "adult_sexual", "child_labour",
    }  # fmt: skip
    assert set(Screening.objects.values_list("recommendation", flat=True)) == set(Recommendation.values)
    assert set(IdentificationStatusChange.objects.values_list("status", flat=True)) == set(IdStatus.values)
    assert IdentificationStatusChange.objects.filter(review=Review.PENDING).count() == 1
    assert IdentificationStatusChange.objects.filter(review=Review.CONFIRMED).count() == 3
    current = {
        services.current_status(case).status
        for case in Case.objects.filter(identification_changes__isnull=False).distinct()
    }
    assert current == {IdStatus.SUSPECTED, IdStatus.PRELIMINARY, IdStatus.IDENTIFIED, IdStatus.NOT_CONFIRMED}
    child = Screening.objects.get(indicator_list="child_labour")
    assert "minor" in child.case.risk_flags and child.case.representative.name
    assert ExploitationProfile.objects.count() == 5
    for change in IdentificationStatusChange.objects.all():
        assert change.requested_at.date() >= change.case.opened_on

    again = ensure_demo_identification()
    assert "nothing added" in again[1]
    assert Screening.objects.count() == 5
