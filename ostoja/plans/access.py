"""Who may read, edit and approve support plans: what they may do on the plan's case.

Reading needs VIEW; drafting a version CHANGE (the case manager, the team, supervision); approving
APPROVE (supervision). Every load is audited here, with the case and the person as related records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from ostoja.cases.access import Perm, get_case_record_for
from ostoja.plans.models import SupportPlan

EDIT = Perm.CHANGE
APPROVE = Perm.APPROVE


def get_plan_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> SupportPlan:
    """The plan version ``pk`` with its case (``plan.case``); 404/403 as for the case."""
    return get_case_record_for(
        request, SupportPlan.objects.select_related("created_by", "approved_by"), pk, need,
        object_type="support_plan", details=details,
    )  # fmt: skip


def get_plan_pair_for(request: HttpRequest, pk: int) -> tuple[SupportPlan, SupportPlan | None]:
    """The plan version ``pk`` and the version before it (None for the first), read in one audited
    row that names both."""
    found = SupportPlan.objects.filter(pk=pk).values_list("case_id", "number").first()
    older = None
    if found is not None:
        older = SupportPlan.objects.filter(case_id=found[0], number=found[1] - 1).first()
    plan = get_case_record_for(
        request, SupportPlan.objects.select_related("created_by", "approved_by"), pk, Perm.VIEW,
        object_type="support_plan", details={"compare": True},
        related=[("support_plan", older.pk)] if older is not None else (),
    )  # fmt: skip
    return plan, older
