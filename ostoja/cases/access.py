"""Need-to-know: the one place that decides who may do what with a case or a person.

Every view, form, export and API call that touches a case or a person asks here. Access is a set of
**permissions**, one per kind of action; each **reason** a member of staff has to be near a case
grants a stated set of them. The whole rule is the table ``GRANTS`` below (also in
docs/ARCHITECTURE.md, which a test keeps equal to it):

=====================  =====================================================================
reason                 permissions
=====================  =====================================================================
staff                  exists
duty_on_shift          exists, duty_card
break_glass            exists, duty_card, view, contact, note
team                   exists, duty_card, view, contact, note, deliver, change
specialist             exists, duty_card, view, contact, note, deliver, confidential
case_manager           exists, duty_card, view, contact, note, deliver, change, manage_team
supervision            exists, duty_card, view, contact, note, deliver, change, manage_team,
                       approve, confidential
registrar              exists, duty_card, view, contact, note, deliver, change
=====================  =====================================================================

* **staff** — any role: that the case exists, its number and case manager, and the way to ask for
  break-glass access;
* **duty_on_shift** — a duty worker on shift (the rule comes from the app that keeps the roster):
  the duty card (safe-contact protocol, language, risk flags, case manager, what to do);
* **break_glass** — a live break-glass grant for the case: what an emergency needs — the file,
  contacts and meetings, notes — and never changes to the case, its team or its case manager, so a
  grant cannot be turned into lasting access;
* **team** — a colleague on the case team;
* **specialist** — a specialist on the team (who is not also a case manager): their own work — the
  file, notes, contacts and the services they deliver — and the confidential material of their own
  discipline (``User.discipline``: psychology, legal advice, social work); never changes to the
  case, its team, the person or the identification status;
* **case_manager** — the case manager: also the team and the case manager themselves;
* **supervision** — a supervisor, on every case: also approving support plans, and reading the
  confidential material of every discipline (each read audited);
* **registrar** — whoever registered a person who has no case yet (persons only).

A person's permissions are those over all their cases (and *registrar* while they have none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from ostoja import plugins
from ostoja.accounts.roles import Discipline, Role
from ostoja.audit import services as audit
from ostoja.audit.models import BreakGlassGrant
from ostoja.cases.models import Case, CaseMember
from ostoja.people.models import Person

M = TypeVar("M", bound=Model)


class Perm(StrEnum):
    """What a member of staff may do with a case (and, through its cases, with a person)."""

    EXISTS = "exists"  # the case number and case manager; asking for break-glass access
    DUTY_CARD = "duty_card"  # protocol, language, risk flags: enough to reach the person safely
    VIEW = "view"  # the file: person, case, timeline, notes, contacts, meetings, identification
    CONTACT = "contact"  # reach the person: schedule and change meetings, act on their contacts
    NOTE = "note"  # add notes to the case
    DELIVER = "deliver"  # record services delivered to the person (one's own work on the case)
    CHANGE = "change"  # change the case and the person: fields, protocol, channels, identification,
    # assessments, the support plan
    MANAGE_TEAM = "manage_team"  # change the case manager and the case team
    APPROVE = "approve"  # approve a support plan
    CONFIDENTIAL = "confidential"  # confidential material of the holder's own discipline


class Reason(StrEnum):
    """Why someone has access to a case: each reason grants the permissions in ``GRANTS``."""

    STAFF = "staff"
    DUTY_ON_SHIFT = "duty_on_shift"
    BREAK_GLASS = "break_glass"
    TEAM = "team"
    SPECIALIST = "specialist"
    CASE_MANAGER = "case_manager"
    SUPERVISION = "supervision"
    REGISTRAR = "registrar"


P = Perm
_EMERGENCY = frozenset({P.EXISTS, P.DUTY_CARD, P.VIEW, P.CONTACT, P.NOTE})
_TEAM = _EMERGENCY | {P.DELIVER, P.CHANGE}

GRANTS: Mapping[Reason, frozenset[Perm]] = {
    Reason.STAFF: frozenset({P.EXISTS}),
    Reason.DUTY_ON_SHIFT: frozenset({P.EXISTS, P.DUTY_CARD}),
    Reason.BREAK_GLASS: _EMERGENCY,
    Reason.TEAM: _TEAM,
    Reason.SPECIALIST: _EMERGENCY | {P.DELIVER, P.CONFIDENTIAL},
    Reason.CASE_MANAGER: _TEAM | {P.MANAGE_TEAM},
    Reason.SUPERVISION: _TEAM | {P.MANAGE_TEAM, P.APPROVE, P.CONFIDENTIAL},
    Reason.REGISTRAR: _TEAM,
}


def on_shift(user: Any) -> bool:
    """Whether a duty worker is on shift now, by the rule of the app that keeps the roster (its
    plug-in's ``on_shift``); where no app keeps one, every duty worker counts as on shift."""
    rule = plugins.on_shift()
    return True if rule is None else rule(user)


@dataclass(frozen=True)
class Access:
    """What one user may do with one case or person, and why."""

    reasons: frozenset[Reason]
    discipline: str = ""

    @property
    def perms(self) -> frozenset[Perm]:
        return frozenset().union(*(GRANTS[reason] for reason in self.reasons))

    def can(self, perm: Perm) -> bool:
        return perm in self.perms

    def sees_confidential(self, discipline: str) -> bool:
        """Whether confidential material of ``discipline`` may be shown: to a specialist of that
        discipline on the team, and to supervision (every discipline)."""
        if not discipline or not self.can(Perm.CONFIDENTIAL):
            return False
        return Reason.SUPERVISION in self.reasons or discipline == self.discipline

    @property
    def disciplines(self) -> frozenset[str]:
        """The disciplines the holder may file confidential material under: their own, if on the team."""
        own = Reason.SPECIALIST in self.reasons and self.discipline
        return frozenset({self.discipline}) if own else frozenset()

    @property
    def readable_disciplines(self) -> frozenset[str]:
        """The disciplines whose confidential material the holder reads."""
        if self.can(Perm.CONFIDENTIAL) and Reason.SUPERVISION in self.reasons:
            return frozenset(Discipline.values)
        return self.disciplines

    def audit_details(self) -> dict[str, list[str]]:
        return {"via": sorted(self.reasons)}


NO_ACCESS = Access(frozenset())


def _has_role(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.roles)


def _baseline(user: Any) -> set[Reason]:
    """The reasons that do not depend on the case: the roles."""
    if not _has_role(user):
        return set()
    reasons = {Reason.STAFF}
    if user.has_role(Role.SUPERVISOR):
        reasons.add(Reason.SUPERVISION)
    if user.has_role(Role.DUTY_WORKER) and on_shift(user):
        reasons.add(Reason.DUTY_ON_SHIFT)
    return reasons


def _discipline(user: Any) -> str:
    return getattr(user, "discipline", "") or ""


def is_on_team(user: Any, case: Case) -> bool:
    return case.case_manager_id == user.pk or CaseMember.objects.filter(case=case, user=user).exists()


def case_access(user: Any, case: Case) -> Access:
    reasons = _baseline(user)
    if not reasons:
        return NO_ACCESS
    specialist = user.has_role(Role.SPECIALIST)
    if case.case_manager_id == user.pk:
        reasons.add(Reason.CASE_MANAGER)
        if specialist and _discipline(user):
            reasons.add(Reason.SPECIALIST)
    elif CaseMember.objects.filter(case=case, user=user).exists():
        # A specialist on the team does their own work on it; a colleague who also manages cases
        # (a second manager) works on the case as the team does.
        if specialist and not user.has_role(Role.CASE_MANAGER):
            reasons.add(Reason.SPECIALIST)
        else:
            reasons.add(Reason.TEAM)
            if specialist and _discipline(user):
                reasons.add(Reason.SPECIALIST)
    if audit.active_grant(user=user, object_type="case", object_id=case.pk):
        reasons.add(Reason.BREAK_GLASS)
    return Access(frozenset(reasons), _discipline(user))


def person_access(user: Any, person: Person) -> Access:
    reasons = _baseline(user)
    if not reasons:
        return NO_ACCESS
    cases = list(person.cases.all())
    if not cases and person.registered_by_id == user.pk:
        reasons.add(Reason.REGISTRAR)
    for case in cases:
        reasons |= case_access(user, case).reasons
    return Access(frozenset(reasons), _discipline(user))


def may(user: Any, case: Case, perm: Perm) -> bool:
    return case_access(user, case).can(perm)


def visible_cases(user: Any) -> QuerySet[Case]:
    """The cases ``user`` may VIEW through their role or the team (for lists and counts).

    Break-glass grants are left out on purpose: a grant opens one case, not a list.
    """
    reasons = _baseline(user)
    if Reason.SUPERVISION in reasons:
        return Case.objects.all()
    if not reasons:
        return Case.objects.none()
    return Case.objects.on_team_of(user)


def fully_visible_person_ids(user: Any, person_ids: list[int]) -> set[int]:
    """Of ``person_ids``, those ``user`` may VIEW: a fixed number of queries, for search results."""
    reasons = _baseline(user)
    if Reason.SUPERVISION in reasons:
        return set(person_ids)
    if not reasons or not person_ids:
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


def cases_by_person(person_ids: Iterable[int]) -> dict[int, list[Case]]:
    """The cases of each person, newest first, with their case manager: what any staff may see
    (number and case manager) next to a search or duplicate-check result. One query."""
    by_person: dict[int, list[Case]] = {}
    cases = Case.objects.filter(person_id__in=list(person_ids)).select_related("case_manager")
    for case in cases.order_by("-opened_on", "-pk"):
        by_person.setdefault(case.person_id, []).append(case)
    return by_person


def person_rows_for(
    request: HttpRequest, persons: list[Person], *, details: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Search or duplicate-check results as the user may see them, in one audited ``search`` row.

    Each row has the person, whether the user may VIEW them (``full``: otherwise only what the
    brief shows without a name) and their cases (number and case manager). Four queries however
    many rows.
    """
    ids = [p.pk for p in persons]
    full = fully_visible_person_ids(request.user, ids)
    cases = cases_by_person(ids)
    audit.record(request=request, action="search", object_type="person", object_ids=ids, details=details)
    return [{"person": p, "full": p.pk in full, "cases": cases.get(p.pk, [])} for p in persons]


def duplicate_rows_for(request: HttpRequest, candidates: Iterable[Any]) -> list[dict[str, Any]]:
    """The rows of a duplicate check (``people.services.possible_duplicates``), with their reasons."""
    reasons = {c.person_id: sorted(c.reasons) for c in candidates}
    if not reasons:
        return []
    persons = Person.objects.in_bulk(list(reasons))
    found = [persons[pk] for pk in reasons if pk in persons]
    rows = person_rows_for(request, found, details={"duplicate_check": True})
    for row in rows:
        row["reasons"] = reasons[row["person"].pk]
    return rows


Refs = Iterable[tuple[str, int]]


def _audit(
    request: HttpRequest,
    *,
    action: str,
    object_type: str,
    object_ids: list[int],
    related: Refs,
    details: Mapping[str, Any] | None,
    access: Access,
) -> None:
    audit.record(
        request=request, action=action, object_type=object_type, object_ids=object_ids,
        related=list(related), details={**access.audit_details(), **(details or {})},
    )  # fmt: skip


def _refuse_unless(
    request: HttpRequest, access: Access, need: Perm, *, object_type: str, object_id: int, related: Refs = ()
) -> None:
    """403 without ``need``; the refusal is audited too (a DENY row, see ``audit/middleware.py``)."""
    if not access.can(need):
        audit.note_denied(
            request, object_type=object_type, object_ids=[object_id], related=list(related),
            details={**access.audit_details(), "needed": str(need)},
        )  # fmt: skip
        raise PermissionDenied


def get_case_for(
    request: HttpRequest,
    pk: int,
    need: Perm = Perm.VIEW,
    *,
    action: str = "view",
    details: Mapping[str, Any] | None = None,
    related: Refs = (),
    shows: Callable[[Case], Refs] | None = None,
) -> Case:
    """The case ``pk`` if ``request.user`` holds ``need`` on it; writes the audit row.

    404 when there is no such case, 403 without the permission. The row (``action`` on the case,
    with the person, ``related`` and ``details``) is written in the request's transaction: if it
    cannot be written, the request fails and shows nothing. ``shows`` loads what the page will show
    of the case (given the case, with ``case.access`` set) and names those records, so that they go
    into the same row. ``case.access`` tells the view what else the user may do.
    """
    case = Case.objects.select_related("person", "case_manager").filter(pk=pk).first()
    if case is None:
        raise Http404
    case.access = case_access(request.user, case)
    _refuse_unless(
        request,
        case.access,
        need,
        object_type="case",
        object_id=case.pk,
        related=[("person", case.person_id)],
    )
    shown = list(shows(case)) if shows is not None else []
    _audit(
        request, action=action, object_type="case", object_ids=[case.pk],
        related=[("person", case.person_id), *related, *shown], details=details, access=case.access,
    )  # fmt: skip
    return case


def get_case_record_for(
    request: HttpRequest,
    records: QuerySet[M],
    pk: int,
    need: Perm = Perm.VIEW,
    *,
    object_type: str,
    action: str = "view",
    details: Mapping[str, Any] | None = None,
    related: Refs = (),
) -> M:
    """A record that belongs to a case (a meeting, a screening, …) by what the user may do on its case.

    ``records`` is the record's queryset (with what the page needs selected); the record must have a
    ``case`` foreign key. 404 when there is no such record, 403 without ``need`` on its case. One
    audit row: ``action`` on the record, with its case and person, ``related`` and ``details``. The
    record comes back with ``record.case`` loaded and ``record.case.access`` set.
    """
    record = records.filter(pk=pk).first()
    if record is None:
        raise Http404
    case = Case.objects.select_related("person", "case_manager").get(pk=record.case_id)  # type: ignore[attr-defined]
    case.access = case_access(request.user, case)
    _refuse_unless(
        request, case.access, need, object_type=object_type, object_id=record.pk,
        related=[("case", case.pk), ("person", case.person_id)],
    )  # fmt: skip
    record.case = case  # type: ignore[attr-defined]
    _audit(
        request, action=action, object_type=object_type, object_ids=[record.pk],
        related=[("case", case.pk), ("person", case.person_id), *related], details=details, access=case.access,
    )  # fmt: skip
    return record


def find_case_for(
    request: HttpRequest,
    number: str,
    need: Perm,
    *,
    action: str = "view",
    details: Mapping[str, Any] | None = None,
) -> Case | None:
    """The case numbered ``number`` if the user holds ``need`` on it (audited), else None.

    For forms that name a case by its number: whether it does not exist or is not the user's to
    use, the form says the same, so the answer does not reveal which numbers exist.
    """
    pk = Case.objects.filter(number=number.strip()).values_list("pk", flat=True).first()
    if pk is None:
        return None
    try:
        return get_case_for(request, pk, need, action=action, details=details)
    except PermissionDenied:
        return None


def get_person_for(
    request: HttpRequest,
    pk: int,
    need: Perm = Perm.VIEW,
    *,
    action: str = "view",
    details: Mapping[str, Any] | None = None,
    related: Refs = (),
    active: bool = False,
) -> Person:
    """The person ``pk`` if ``request.user`` holds ``need`` on them; writes the audit row.

    ``active`` refuses (404) a record merged into another one.
    """
    persons = Person.objects.active() if active else Person.objects.all()
    person = persons.filter(pk=pk).first()
    if person is None:
        raise Http404
    person.access = person_access(request.user, person)
    _refuse_unless(request, person.access, need, object_type="person", object_id=person.pk)
    _audit(
        request, action=action, object_type="person", object_ids=[person.pk], related=related,
        details=details, access=person.access,
    )  # fmt: skip
    return person
