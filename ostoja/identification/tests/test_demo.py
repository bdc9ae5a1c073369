"""The identification demo data: every status state, the three lists, loaded once."""

import pytest

from ostoja.cases.models import Case
from ostoja.demo import records, staff
from ostoja.demo.identification import ensure_demo_identification
from ostoja.identification import services
from ostoja.identification.codes import IdStatus, LegalPath, Recommendation, Review
from ostoja.identification.models import (
    AnswerCorrection,
    ExploitationProfile,
    IdentificationStatusChange,
    Interpreter,
    Screening,
)

pytestmark = pytest.mark.django_db


def test_demo_identification(settings):
    staff.ensure_demo_staff()
    records.ensure_demo_records()
    summary = ensure_demo_identification()
    assert summary[0].startswith("Demo screenings: 5")

    assert set(Screening.objects.values_list("indicator_list", flat=True)) == {
        "adult_labour", "adult_sexual", "child_labour",
    }  # fmt: skip
    # "Indicators not present" belongs to screenings scored by the earlier rule only.
    earlier = {Recommendation.NOT_PRESENT}
    assert (
        set(Screening.objects.values_list("recommendation", flat=True))
        == set(Recommendation.values) - earlier
    )
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
    assert services.screening_result(child).path == LegalPath.CHILD
    # The interpreters' list, the interpreter records and a corrected answer are shown too.
    assert (
        Interpreter.objects.filter(active=True).count() == 2
        and Interpreter.objects.filter(active=False).exists()
    )
    assert Screening.objects.filter(interpreter__isnull=False).count() == 5  # none of them speaks Polish
    assert AnswerCorrection.objects.get().reason
    assert ExploitationProfile.objects.count() == 5
    for change in IdentificationStatusChange.objects.all():
        assert change.requested_at.date() >= change.case.opened_on

    again = ensure_demo_identification()
    assert "nothing added" in again[1]
    assert Screening.objects.count() == 5
