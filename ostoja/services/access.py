"""Who may record and read services delivered, and who keeps the catalogue.

A delivery belongs to a case: reading it needs VIEW, recording one DELIVER (the team, the case
manager, supervision, and a specialist on the team — who records only their own work). The
catalogue is kept by administrators. Every load is audited here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from ostoja.accounts.roles import Role
from ostoja.cases.access import Access, Perm, get_case_record_for
from ostoja.services.models import Delivery

RECORD = Perm.DELIVER
CATALOGUE_ROLES = (Role.ADMINISTRATOR,)


def only_own_work(access: Access) -> bool:
    """A specialist who may not change the case records deliveries by themselves only."""
    return access.can(Perm.DELIVER) and not access.can(Perm.CHANGE)


def get_delivery_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> Delivery:
    return get_case_record_for(
        request, Delivery.objects.select_related("service", "delivered_by", "recorded_by", "goal"), pk, need,
        object_type="delivery", details=details,
    )  # fmt: skip
