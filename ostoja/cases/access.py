"""Need-to-know: the one place that decides who may see a case or a person.

Every view, form, export and API call that touches a case or a person asks here.

* **full** — the case team (case manager and members), supervisors, and anyone holding a live
  break-glass grant for the case;
* **duty card** — a duty worker on shift (see ``on_shift``): the safe-contact protocol, language, risk flags, case manager and
  what to do in an emergency, not the file;
* **existence** — every other member of staff: that the case exists and who manages it, and the
  way to ask for break-glass access;
* **none** — an account without a role.

A person's level is the highest level over their cases; a person with no case yet is fully visible
to whoever registered them and to supervisors.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.audit.models import BreakGlassGrant
from ostoja.cases.models import Case, CaseMember
from ostoja.people.models import Person

# Whether a duty worker is on shift now. The hotline app, which owns the roster, installs its rule
# here; until then (or where no roster is kept) every duty worker counts as on shift.
on_shift: Callable[[object], bool] = lambda user: True  # noqa: E731


class Level(IntEnum):
    NONE = 0
    EXISTENCE = 1
    DUTY_CARD = 2
    FULL = 3


def _baseline(user) -> Level:
    if not user.is_authenticated or not user.is_active or not user.roles:
        return Level.NONE
    if user.has_role(Role.SUPERVISOR):
        return Level.FULL
    if user.has_role(Role.DUTY_WORKER) and on_shift(user):
        return Level.DUTY_CARD
    return Level.EXISTENCE


def is_on_team(user, case: Case) -> bool:
    return case.case_manager_id == user.pk or CaseMember.objects.filter(case=case, user=user).exists()


def case_level(user, case: Case) -> Level:
    level = _baseline(user)
    if level in (Level.NONE, Level.FULL):
        return level
    if is_on_team(user, case):
        return Level.FULL
    if audit.active_grant(user=user, object_type="case", object_id=case.pk):
        return Level.FULL
    return level


def person_level(user, person: Person) -> Level:
    level = _baseline(user)
    if level in (Level.NONE, Level.FULL):
        return level
    cases = list(person.cases.all())
    if not cases and person.registered_by_id == user.pk:
        return Level.FULL
    return max([level, *(case_level(user, case) for case in cases)])


def visible_cases(user) -> QuerySet[Case]:
    """The cases ``user`` may open in full (for lists and counts)."""
    level = _baseline(user)
    if level == Level.FULL:
        return Case.objects.all()
    if level == Level.NONE:
        return Case.objects.none()
    members = CaseMember.objects.filter(case=OuterRef("pk"), user=user)
    return Case.objects.filter(Q(case_manager=user) | Exists(members))


def fully_visible_person_ids(user, person_ids: list[int]) -> set[int]:
    """Of ``person_ids``, those ``user`` may see in full: one query, for search results."""
    level = _baseline(user)
    if level == Level.FULL:
        return set(person_ids)
    if level == Level.NONE:
        return set()
    via_cases = set(visible_cases(user).filter(person_id__in=person_ids).values_list("person_id", flat=True))
    own = set(
        Person.objects.filter(pk__in=person_ids, registered_by=user, cases__isnull=True).values_list(
            "pk", flat=True
        )
    )
    granted_case_ids = BreakGlassGrant.objects.filter(
        user=user, object_type="case", ended_at__isnull=True, expires_at__gt=timezone.now()
    ).values("object_id")
    granted = set(
        Case.objects.filter(person_id__in=person_ids, pk__in=granted_case_ids).values_list(
            "person_id", flat=True
        )
    )
    return via_cases | own | granted


def get_case_for(
    request: HttpRequest, pk: int, *, need: Level = Level.FULL, audit_action: str = "view"
) -> Case:
    """The case ``pk`` if ``request.user`` may see it at level ``need``; the read is audited.

    404 when there is no such case, 403 when the user's level is too low. The audit row is written
    in the request's transaction: if it cannot be written, the request fails and shows nothing.
    """
    case = Case.objects.select_related("person", "case_manager").filter(pk=pk).first()
    if case is None:
        raise Http404
    level = case_level(request.user, case)
    if level < need:
        raise PermissionDenied
    if audit_action:
        audit.record(
            request=request, action=audit_action, object_type="case", object_ids=[case.pk],
            related=[("person", case.person_id)], details={"level": level.name.lower()},
        )  # fmt: skip
    case.access_level = level
    return case


def get_person_for(
    request: HttpRequest, pk: int, *, need: Level = Level.FULL, audit_action: str = "view"
) -> Person:
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    level = person_level(request.user, person)
    if level < need:
        raise PermissionDenied
    if audit_action:
        audit.record(
            request=request, action=audit_action, object_type="person", object_ids=[person.pk],
            details={"level": level.name.lower()},
        )  # fmt: skip
    person.access_level = level
    return person
