"""Who may read and record assessments: what they may do on the assessment's case.

Reading needs VIEW on the case; recording an assessment needs CHANGE (the case manager, the team,
supervision). Every load is audited here, with the case and the person as related records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.cases.access import Perm, get_case_record_for

RECORD = Perm.CHANGE


def get_needs_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> NeedsAssessment:
    return get_case_record_for(
        request, NeedsAssessment.objects.select_related("created_by"), pk, need,
        object_type="needs_assessment", details=details,
    )  # fmt: skip


def get_safety_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> SafetyAssessment:
    return get_case_record_for(
        request, SafetyAssessment.objects.select_related("created_by"), pk, need,
        object_type="safety_assessment", details=details,
    )  # fmt: skip
