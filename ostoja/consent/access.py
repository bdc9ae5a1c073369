"""Who may see and change consents: what they may do on the case the consent was recorded in.

Reading needs VIEW on the case, recording and withdrawing CHANGE (``cases/access.py``); every
load is audited here with the case and the person.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from ostoja.cases.access import Perm, get_case_record_for
from ostoja.consent.models import Consent


def get_consent_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> Consent:
    """The consent ``pk`` with its case (``consent.case``); 404/403 as for the case."""
    return get_case_record_for(
        request, Consent.objects.select_related("partner", "recorded_by", "withdrawn_by"), pk, need,
        object_type="consent", details=details,
    )  # fmt: skip
