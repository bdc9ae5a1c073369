"""Identification status: transitions, required fields, supervisors' confirmation, HTCDS mapping."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import Authority, HtcdsOrganisation, HtcdsStatus, IdStatus, Review
from ostoja.identification.models import IdentificationStatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The rules' messages are matched in English.
    with translation.override("en"):
        yield


def request(case, actor, status, **fields):
    change = IdentificationStatusChange(case=case, status=status, **fields)
    return services.status_request(change=change, actor=actor)


def test_suspected_takes_effect_at_once(case, cast):
    change = request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    assert change.review == Review.NOT_NEEDED and change.is_effective
    assert services.current_status(case) == change
    assert change.htcds_status() == HtcdsStatus.POSSIBLE
    assert change.htcds_organisation() == ""


def test_preliminary_waits_for_a_supervisor_then_applies(case, cast, make_staff):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    asked = request(
        case, cast[Role.CASE_MANAGER], IdStatus.PRELIMINARY, grounds="Screening: presumed victim."
    )
    assert asked.review == Review.PENDING and not asked.is_effective
    assert services.current_status(case).status == IdStatus.SUSPECTED
    assert services.pending_change(case) == asked

    confirmed = services.status_review(change=asked, actor=cast[Role.SUPERVISOR], confirm=True)
    assert confirmed.review == Review.CONFIRMED and confirmed.reviewed_by == cast[Role.SUPERVISOR]
    assert services.current_status(case).status == IdStatus.PRELIMINARY
    assert services.pending_change(case) is None
    assert confirmed.htcds_status() == HtcdsStatus.ACTUAL
    assert confirmed.htcds_organisation() == HtcdsOrganisation.NGO


def test_rejected_request_changes_nothing_and_needs_a_reason(case, cast):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    asked = request(case, cast[Role.CASE_MANAGER], IdStatus.NOT_CONFIRMED, grounds="No indicators.")
    with pytest.raises(ValidationError) as error:
        services.status_review(change=asked, actor=cast[Role.SUPERVISOR], confirm=False, note="")
    assert "note" in error.value.message_dict
    services.status_review(
        change=asked, actor=cast[Role.SUPERVISOR], confirm=False, note="Ask again after the interview."
    )
    asked.refresh_from_db()
    assert asked.review == Review.REJECTED and not asked.is_effective
    assert services.current_status(case).status == IdStatus.SUSPECTED


def test_supervisor_cannot_confirm_own_request_nor_can_a_case_manager(case, cast, make_staff):
    supervisor = cast[Role.SUPERVISOR]
    asked = request(case, supervisor, IdStatus.PRELIMINARY, grounds="Clear indicators.")
    with pytest.raises(ValidationError, match="Another supervisor"):
        services.status_review(change=asked, actor=supervisor, confirm=True)
    with pytest.raises(ValidationError, match="Only a supervisor"):
        services.status_review(change=asked, actor=cast[Role.CASE_MANAGER], confirm=True)
    second = make_staff("second_supervisor", Role.SUPERVISOR)
    services.status_review(change=asked, actor=second, confirm=True)
    with pytest.raises(ValidationError, match="already been reviewed"):
        services.status_review(change=asked, actor=second, confirm=False, note="late")


def test_no_second_request_while_one_is_waiting(case, cast):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    request(case, cast[Role.CASE_MANAGER], IdStatus.PRELIMINARY, grounds="g")
    with pytest.raises(ValidationError, match="waiting for a supervisor"):
        request(case, cast[Role.CASE_MANAGER], IdStatus.NOT_CONFIRMED, grounds="g")


def test_transitions_not_allowed_are_refused(case, cast):
    with pytest.raises(ValidationError) as error:
        request(case, cast[Role.CASE_MANAGER], IdStatus.IDENTIFIED, authority=Authority.POLICE,
                decided_on=date(2026, 1, 5), reference="RSD-1")  # fmt: skip
    assert "status" in error.value.message_dict
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    with pytest.raises(ValidationError):
        request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)


def test_required_fields_are_named(case, cast):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    with pytest.raises(ValidationError) as error:
        request(case, cast[Role.CASE_MANAGER], IdStatus.PRELIMINARY, grounds="  ")
    assert set(error.value.message_dict) == {"grounds"}
    with pytest.raises(ValidationError) as error:
        request(case, cast[Role.CASE_MANAGER], IdStatus.IDENTIFIED)
    assert set(error.value.message_dict) == {"authority", "decided_on", "reference"}
    with pytest.raises(ValidationError) as error:
        request(case, cast[Role.CASE_MANAGER], IdStatus.IDENTIFIED, authority=Authority.OTHER,
                decided_on=timezone.localdate() + timedelta(days=2), reference="X")  # fmt: skip
    assert set(error.value.message_dict) == {"authority_other", "decided_on"}
    assert not IdentificationStatusChange.objects.filter(status=IdStatus.IDENTIFIED).exists()


@pytest.mark.parametrize(
    ("authority", "organisation"),
    [
        (Authority.POLICE, HtcdsOrganisation.POLICE),
        (Authority.BORDER_GUARD, HtcdsOrganisation.POLICE),
        (Authority.PROSECUTOR, HtcdsOrganisation.COURT_OR_PROSECUTION),
        (Authority.COURT, HtcdsOrganisation.COURT_OR_PROSECUTION),
    ],
)
def test_identified_by_an_authority(case, cast, authority, organisation):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    change = request(case, cast[Role.CASE_MANAGER], IdStatus.IDENTIFIED, authority=authority,
                     decided_on=date(2026, 3, 2), reference="PR 1 Ds 123/26")  # fmt: skip
    assert change.is_effective and change.review == Review.NOT_NEEDED
    assert change.htcds_status() == HtcdsStatus.ACTUAL
    assert change.htcds_organisation() == organisation
    assert services.allowed_next(case) == ()


def test_not_confirmed_maps_to_not_a_victim_and_can_be_reopened(case, cast):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    asked = request(case, cast[Role.CASE_MANAGER], IdStatus.NOT_CONFIRMED, grounds="Labour dispute only.")
    services.status_review(change=asked, actor=cast[Role.SUPERVISOR], confirm=True)
    assert services.current_status(case).htcds_status() == HtcdsStatus.NOT_VICTIM
    assert services.allowed_next(case) == (IdStatus.SUSPECTED,)


def test_confirmation_is_refused_if_the_status_moved_meanwhile(case, cast):
    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED)
    asked = request(case, cast[Role.CASE_MANAGER], IdStatus.PRELIMINARY, grounds="g")
    # An authority's identification arrives while the request waits (recorded directly in the table).
    IdentificationStatusChange.objects.create(
        case=case, status=IdStatus.IDENTIFIED, review=Review.NOT_NEEDED, authority=Authority.POLICE,
        decided_on=date(2026, 1, 1), reference="R", requested_by=cast[Role.CASE_MANAGER],
        effective_at=timezone.now(),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="no longer applies"):
        services.status_review(change=asked, actor=cast[Role.SUPERVISOR], confirm=True)


def test_reference_and_grounds_are_encrypted(case, cast):
    from django.db import connection

    request(case, cast[Role.CASE_MANAGER], IdStatus.SUSPECTED, grounds="Secret grounds text")
    request(case, cast[Role.CASE_MANAGER], IdStatus.IDENTIFIED, authority=Authority.POLICE,
            decided_on=date(2026, 1, 1), reference="KPP-77/26")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT grounds, reference FROM identification_identificationstatuschange")
        raw = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert "Secret grounds" not in raw and "KPP-77" not in raw
