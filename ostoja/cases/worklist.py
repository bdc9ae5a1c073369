"""The case manager's worklist ("My cases") and the supervisor's workload view.

``worklist`` is the one queryset behind the case list: the user's own cases (as case manager or on
the team) or every case they may see, filtered and ordered on indexed columns, a page at a time. What
other apps know of each case on the page (risk, last contact, next step, open tasks) comes from their
plug-ins (``plugins.case_flags`` / ``plugins.case_facts``): one query per app for the page, whatever
the number of cases.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ostoja import plugins
from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.cases.access import visible_cases
from ostoja.cases.codes import CLOSED_STATUSES, Phase, Status
from ostoja.cases.models import Case

# "active": every case not closed (open and follow-up).
STATUSES = ("active", Status.OPEN, Status.FOLLOW_UP, "closed")
ORDERS = {"recent": ("-opened_on", "-pk"), "oldest": ("opened_on", "pk"), "number": ("number",)}


def worklist(
    user: Any,
    *,
    scope: str = "mine",
    status: str = "active",
    phase: str = "",
    flagged: bool = False,
    order: str = "recent",
) -> QuerySet[Case]:
    """The cases of the list, in order: index-driven (case manager + status, team membership, recent)."""
    cases = visible_cases(user).select_related("case_manager", "person")
    if scope == "mine":
        cases = cases.filter(pk__in=Case.objects.on_team_of(user).values("pk"))
    if status == "closed":
        cases = cases.filter(status__in=CLOSED_STATUSES)
    elif status in (Status.OPEN, Status.FOLLOW_UP):
        cases = cases.filter(status=status)
    else:
        cases = cases.open()
    if phase in Phase.values:
        cases = cases.filter(phase=phase)
    if flagged:
        subqueries = plugins.flagged_cases()
        condition = Q(pk__in=[])
        for subquery in subqueries:
            condition |= Q(pk__in=subquery)
        cases = cases.filter(condition)
    return cases.order_by(*ORDERS.get(order, ORDERS["recent"]))


def rows(cases: list[Case]) -> list[dict[str, Any]]:
    """Each case of a page with its flags and the facts the other apps keep (a fixed number of queries)."""
    ids = [c.pk for c in cases]
    flags, facts = plugins.case_flags(ids), plugins.case_facts(ids)
    return [{"case": c, "flags": flags.get(c.pk, []), **facts.get(c.pk, {})} for c in cases]


def case_managers() -> list[User]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.CASE_MANAGER)
        .distinct()
        .order_by("last_name", "first_name")
    )


def open_cases_by_manager(user_ids: list[int]) -> dict[int, int]:
    """Open cases per case manager: each count an index range (case manager, status)."""
    counts = (
        Case.objects.filter(case_manager_id__in=user_ids).exclude(status__in=CLOSED_STATUSES)
        .values("case_manager_id").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    return {row["case_manager_id"]: row["n"] for row in counts}


def workload() -> tuple[list[Any], list[dict[str, Any]]]:
    """The columns and, per case manager, their counts: one query per column."""
    managers = case_managers()
    ids = [m.pk for m in managers]
    columns = [plugins.WorkloadColumn(_open_label(), open_cases_by_manager, 0), *plugins.workload()]
    counts = [column.count(ids) for column in columns]
    return columns, [{"user": m, "counts": [c.get(m.pk, 0) for c in counts]} for m in managers]


def _open_label():
    return _("Open cases")
