"""What the identification views share: loading a screening through the case's access check."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import translation

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.access import get_case_for
from ostoja.cases.models import Case
from ostoja.identification.models import Screening

STAFF = tuple(Role.values)


def worker_language() -> str:
    """The staff UI language, which the staff wording follows (Polish or English)."""
    return "en" if (translation.get_language() or "pl").startswith("en") else "pl"


def screening_for(request: HttpRequest, pk: int, *, action: str = "view", details: dict | None = None):
    """The screening ``pk`` and its case, if the user has full access to the case; the read is audited."""
    screening = Screening.objects.filter(pk=pk).only("case_id").first()
    if screening is None:
        raise Http404
    case = get_case_for(request, screening.case_id, audit_action="")
    screening = Screening.objects.select_related("started_by").get(pk=pk)
    screening.case = case
    if action:
        record(request, action, "screening", screening.pk, case, details)
    return screening, case


def record(
    request: HttpRequest, action: str, object_type: str, object_id: int, case: Case, details=None
) -> None:
    audit.record(
        request=request, action=action, object_type=object_type, object_ids=[object_id],
        related=[*([("case", case.pk)] if object_type != "case" else []), ("person", case.person_id)],
        details=details or {},
    )  # fmt: skip
