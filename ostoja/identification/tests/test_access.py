"""Every identification URL x every principal (SECURITY.md #1)."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import IdStatus
from ostoja.identification.models import IdentificationStatusChange
from ostoja.testing.access import assert_access

pytestmark = pytest.mark.django_db

TEAM = [Role.CASE_MANAGER, Role.SUPERVISOR]


def test_case_pages(cast, case, screening_factory):
    screening = screening_factory(case)
    for name in ("case_overview", "status_change", "profile_edit", "screening_start"):
        assert_access(reverse(f"identification:{name}", args=[case.pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("identification:screening_result", args=[screening.pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("identification:screening_step", args=[screening.pk, 1]), cast=cast, allowed=TEAM)
    for name in ("status_change", "profile_edit", "screening_start"):
        assert_access(
            reverse(f"identification:{name}", args=[case.pk]), cast=cast, allowed=TEAM, method="post",
            allowed_status={200, 302, 400},
        )  # fmt: skip
    assert_access(
        reverse("identification:screening_step", args=[screening.pk, 2]), cast=cast, allowed=TEAM,
        method="post", data={"action": "pause"}, allowed_status=302,
    )  # fmt: skip
    assert_access(
        reverse("identification:screening_complete", args=[screening.pk]), cast=cast, allowed=TEAM,
        method="post", allowed_status=302,
    )  # fmt: skip


def test_a_colleague_outside_the_team_is_refused(case, make_staff, client_for, screening_factory):
    from ostoja.testing.access import login_verified

    other = make_staff("other_manager", Role.CASE_MANAGER)
    screening = screening_factory(case)
    from django.test import Client

    client = login_verified(Client(), other)
    for url in (
        reverse("identification:case_overview", args=[case.pk]),
        reverse("identification:screening_result", args=[screening.pk]),
        reverse("identification:screening_step", args=[screening.pk, 1]),
    ):
        assert client.get(url).status_code == 403


def test_review_is_for_supervisors(cast, case):
    services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.PRELIMINARY, grounds="g"),
        actor=cast[Role.CASE_MANAGER],
    )
    change = IdentificationStatusChange.objects.get()
    assert_access(reverse("identification:confirmations"), cast=cast, allowed=[Role.SUPERVISOR])
    assert_access(
        reverse("identification:status_review", args=[change.pk]), cast=cast, allowed=[Role.SUPERVISOR],
        method="post", data={f"c{change.pk}-decision": "reject"}, allowed_status=400,
    )  # fmt: skip


def test_checklist_is_open_to_hotline_and_case_staff(cast):
    allowed = [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR]
    assert_access(reverse("identification:checklist"), cast=cast, allowed=allowed)
    assert_access(
        reverse("identification:checklist"), cast=cast, allowed=allowed, method="post",
        data={"ilo": ["ilo_debt"]},
    )  # fmt: skip


@pytest.mark.parametrize("principal", [Role.SUPERVISOR, Role.CASE_MANAGER])
def test_unknown_ids_are_404(principal, client_for):
    client = client_for(principal)
    for name, args in [
        ("case_overview", [987654]),
        ("status_change", [987654]),
        ("profile_edit", [987654]),
        ("screening_start", [987654]),
        ("screening_result", [987654]),
        ("screening_step", [987654, 1]),
    ]:
        assert client.get(reverse(f"identification:{name}", args=args)).status_code == 404, name
