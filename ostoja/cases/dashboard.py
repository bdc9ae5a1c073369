"""The cases' sections on the staff dashboard."""

from __future__ import annotations

from django.http import HttpRequest

from ostoja.audit import services as audit
from ostoja.cases import caseload as case_counts
from ostoja.cases import worklist
from ostoja.cases.codes import Status


def my_cases(request: HttpRequest) -> dict:
    """The user's ten latest open cases with the person's name (the team may see it), risk and next step."""
    cases = list(worklist.worklist(request.user, scope="mine")[:10])
    if cases:
        audit.record(
            request=request,
            action="list",
            object_type="case",
            object_ids=[c.pk for c in cases],
            related=[("person", c.person_id) for c in cases],
            details={"dashboard": True},
        )
    return {"cases": cases, "rows": worklist.rows(cases)}


def caseload(request: HttpRequest) -> dict:
    counts = case_counts.counts()  # kept by the database, not counted here (cases/caseload.py)
    return {"counts": [(label, counts.get(value, 0)) for value, label in Status.choices]}
