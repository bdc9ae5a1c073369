"""Every consent URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.consent import services
from ostoja.consent.models import Consent
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

# Recording and withdrawing consent is the case manager's work: an assigned specialist reads it.
CHANGE = [Role.CASE_MANAGER, Role.SUPERVISOR]
VIEW = [*CHANGE, ASSIGNED, BREAK_GLASS]


def _consent(get):
    consent = services.consent_record(
        consent=Consent(
            case=get("case"), scope="processing", given_how="spoken", given_on=timezone.localdate()
        ),
        actor=get("cast")[Role.CASE_MANAGER],
    )
    return [consent.pk]


ROUTES = [
    Route("consent:case_consents", VIEW, lambda get: [get("case").pk]),
    Route("consent:consent_withdraw", CHANGE, _consent),
]

test_route_access = routes_test(ROUTES)


def test_recording_needs_change(cast, case):
    from django.urls import reverse

    from ostoja.testing.access import assert_access

    assert_access(
        reverse("consent:case_consents", args=[case.pk]), cast=cast, allowed=CHANGE, method="post",
        allowed_status={302, 400},
    )  # fmt: skip
