"""The cases' sections on the staff dashboard."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.codes import Status
from ostoja.cases.models import Case
from ostoja.web.dashboard import Section, register


def _my_cases(request: HttpRequest) -> dict:
    cases = list(
        Case.objects.on_team_of(request.user)
        .open()
        .select_related("case_manager")
        .order_by("-opened_on", "-pk")[:10]
    )
    if cases:
        audit.record(
            request=request,
            action="list",
            object_type="case",
            object_ids=[c.pk for c in cases],
            details={"dashboard": True},
        )
    return {"cases": cases}


def _caseload(request: HttpRequest) -> dict:
    counts = dict(Case.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {"counts": [(label, counts.get(value, 0)) for value, label in Status.choices]}


register(
    Section(
        _("My open cases"), (Role.CASE_MANAGER, Role.SPECIALIST), "cases/sections/my_cases.html", _my_cases
    )
)
register(Section(_("Caseload"), (Role.SUPERVISOR,), "cases/sections/caseload.html", _caseload))
