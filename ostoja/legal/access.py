"""Who may read and record the person's legal matters: what they may do on the record's case.

Reading needs VIEW on the case; recording or changing needs CHANGE (the case manager, the team,
supervision), as for assessments and the support plan. Every load is audited here, with the case and
the person as related records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from ostoja.cases.access import Perm, get_case_record_for
from ostoja.legal.models import Hearing, Matter, Proceeding

READ = Perm.VIEW
RECORD = Perm.CHANGE


def get_proceeding_for(
    request: HttpRequest, pk: int, need: Perm = READ, *, details: Mapping[str, Any] | None = None
) -> Proceeding:
    return get_case_record_for(
        request, Proceeding.objects.all(), pk, need, object_type="proceeding", details=details
    )


def get_hearing_for(
    request: HttpRequest, pk: int, need: Perm = READ, *, details: Mapping[str, Any] | None = None
) -> Hearing:
    hearing = get_case_record_for(
        request,
        Hearing.objects.select_related("proceeding"),
        pk,
        need,
        object_type="hearing",
        details=details,
    )
    return hearing


def get_matter_for(
    request: HttpRequest, pk: int, need: Perm = READ, *, details: Mapping[str, Any] | None = None
) -> Matter:
    return get_case_record_for(
        request, Matter.objects.all(), pk, need, object_type="legal_matter", details=details
    )
