from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from ostoja.accounts import lockout
from ostoja.accounts.models import LoginFailure
from ostoja.accounts.roles import Role
from ostoja.audit.models import BreakGlassGrant
from ostoja.audit.services import break_glass_start

pytestmark = pytest.mark.django_db


def test_housekeeping_ends_grants_and_prunes(cast, rf):
    request = rf.post("/")
    request.user = cast[Role.SPECIALIST]
    break_glass_start(
        request=request, object_type="case", object_id=1, reason="Caller in danger, team unreachable tonight."
    )
    lockout.record_failure("someone", "10.0.0.1")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("housekeeping")
    grant = BreakGlassGrant.objects.get()
    assert grant.ended_at is not None
    assert not LoginFailure.objects.exists()
