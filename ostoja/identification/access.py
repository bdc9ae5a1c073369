"""Who may see and change identification records: what they may do on the record's case.

Screenings, identification decisions and the exploitation profile belong to a case; reading them
needs VIEW on it, recording or changing them CHANGE (``cases/access.py``). Every load is audited
here, with the case and the person as related records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest

from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_record_for
from ostoja.identification.models import IdentificationStatusChange, Interpreter, Screening


def get_screening_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> Screening:
    """The screening ``pk`` with its case (``screening.case``); 404/403 as for the case."""
    return get_case_record_for(
        request, Screening.objects.select_related("started_by", "interpreter"), pk, need, object_type="screening",
        details=details,
    )  # fmt: skip


def get_status_change_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> IdentificationStatusChange:
    """An identification status change with its case; 404/403 as for the case."""
    return get_case_record_for(
        request, IdentificationStatusChange.objects.select_related("requested_by", "screening"), pk, need,
        object_type="identification_status", details=details,
    )  # fmt: skip


def list_interpreters(request: HttpRequest, *, active_only: bool, purpose: str) -> list[Interpreter]:
    """The centre's interpreters (names open only here), with the audit row of the list shown."""
    rows = Interpreter.objects.filter(active=True) if active_only else Interpreter.objects.all()
    interpreters = list(rows.order_by("pk"))
    if interpreters:
        audit.record(
            request=request, action="list", object_type="interpreter", object_ids=[i.pk for i in interpreters],
            details={"purpose": purpose},
        )  # fmt: skip
    return interpreters


def get_interpreter_for(request: HttpRequest, pk: int) -> Interpreter:
    """One interpreter, to change; 404 if there is none. The caller checks the role."""
    interpreter = Interpreter.objects.filter(pk=pk).first()
    if interpreter is None:
        raise Http404
    audit.record(request=request, action="view", object_type="interpreter", object_ids=[pk])
    return interpreter
