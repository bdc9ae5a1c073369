"""Who may see and act on which hotline record: the one place the hotline's views load them.

Contacts hold sensitive text (the summary, where the caller is). A contact is shown in full to:

* any hotline role (duty worker, case manager, supervisor) while it is linked to no one — an
  anonymous call is the hotline's shared work;
* whoever logged it, and the handler of its intervention (they are acting on it);
* otherwise, whoever may VIEW its case (or, without a case, its person) (cases/access.py).

Everyone else with a hotline role sees that the contact exists (time, channel, urgency, case
number), not what was said. Every refusal is audited too (a DENY row, see ``audit/middleware.py``).
An intervention is acted on (actions, closing) by its handler and the
board (duty workers and supervisors). A meeting belongs to its case: reading it needs VIEW there,
scheduling or changing it CONTACT. A waiting call (from the telephone system) is the hotline's.

Each ``get_…_for`` helper is the first line of its views and writes the audit row of the read,
with the related records, inside; a view adds only the rows of what it then changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, fully_visible_person_ids, get_case_record_for, visible_cases
from ostoja.hotline import codes
from ostoja.hotline.models import CallEvent, Contact, Intervention, Meeting

HOTLINE_ROLES = (Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR)
BOARD_ROLES = (Role.DUTY_WORKER, Role.SUPERVISOR)
ROSTER_EDITORS = (Role.SUPERVISOR, Role.ADMINISTRATOR)


def full_contact_ids(user: Any, contacts: Iterable[Contact]) -> set[int]:
    """Of ``contacts``, the ids ``user`` may read in full: at most three queries for any number."""
    contacts = list(contacts)
    if not user.has_role(*HOTLINE_ROLES):
        return set()
    full = {c.pk for c in contacts if c.is_anonymous or c.created_by_id == user.pk}
    rest = [c for c in contacts if c.pk not in full]
    if not rest:
        return full
    case_ids = {c.case_id for c in rest if c.case_id}
    open_cases = (
        set(visible_cases(user).filter(pk__in=case_ids).values_list("pk", flat=True)) if case_ids else set()
    )
    person_ids = [c.person_id for c in rest if not c.case_id and c.person_id]
    open_persons = fully_visible_person_ids(user, person_ids) if person_ids else set()
    handled = set(
        Intervention.objects.filter(contact_id__in=[c.pk for c in rest], handler=user).values_list(
            "contact_id", flat=True
        )
    )
    for contact in rest:
        if (
            contact.case_id in open_cases
            or (not contact.case_id and contact.person_id in open_persons)
            or contact.pk in handled
        ):
            full.add(contact.pk)
    return full


def related_refs(contacts: Iterable[Contact]) -> list[tuple[str, int]]:
    refs: set[tuple[str, int]] = set()
    for contact in contacts:
        if contact.person_id:
            refs.add(("person", contact.person_id))
        if contact.case_id:
            refs.add(("case", contact.case_id))
    return sorted(refs)


def _refuse(
    request: HttpRequest, object_type: str, pk: int, related: Iterable[tuple[str, int]] = (), **details: Any
) -> PermissionDenied:
    audit.note_denied(
        request, object_type=object_type, object_ids=[pk], related=list(related), details=details
    )
    return PermissionDenied()


def _require_hotline_role(request: HttpRequest, object_type: str, pk: int) -> None:
    user = request.user
    if not (isinstance(user, User) and user.has_role(*HOTLINE_ROLES)):
        raise _refuse(request, object_type, pk, role=False)


def _load_contact(request: HttpRequest, pk: int) -> Contact:
    contact = Contact.objects.select_related("case", "case__case_manager", "created_by").filter(pk=pk).first()
    if contact is None:
        raise Http404
    contact.full = contact.pk in full_contact_ids(request.user, [contact])
    return contact


def get_contact_for(
    request: HttpRequest,
    pk: int,
    *,
    need_full: bool = False,
    action: str = "view",
    details: Mapping[str, Any] | None = None,
) -> Contact:
    """The contact ``pk`` for a hotline role, with ``.full`` telling whether its text may be shown."""
    _require_hotline_role(request, "contact", pk)
    contact = _load_contact(request, pk)
    if need_full and not contact.full:
        raise _refuse(request, "contact", contact.pk, related_refs([contact]), full=False)
    audit.record(
        request=request, action=action, object_type="contact", object_ids=[contact.pk],
        related=related_refs([contact]), details={"full": contact.full, **(details or {})},
    )  # fmt: skip
    return contact


def may_act_on(user: Any, intervention: Intervention) -> bool:
    return intervention.handler_id == user.pk or user.has_role(*BOARD_ROLES)


def get_intervention_for(
    request: HttpRequest, pk: int, *, act: bool = False, details: Mapping[str, Any] | None = None
) -> Intervention:
    """The intervention ``pk`` with its contact (``.contact.full`` as for contacts).

    ``act`` (recording an action, closing) is for its handler and the board. One audit row: the
    intervention, with its contact, person and case.
    """
    _require_hotline_role(request, "intervention", pk)
    intervention = Intervention.objects.select_related("handler", "opened_by").filter(pk=pk).first()
    if intervention is None:
        raise Http404
    if act and not may_act_on(request.user, intervention):
        raise _refuse(
            request, "intervention", intervention.pk, [("contact", intervention.contact_id)], act=False
        )
    contact = _load_contact(request, intervention.contact_id)
    intervention.contact = contact
    audit.record(
        request=request, action="view", object_type="intervention", object_ids=[intervention.pk],
        related=[("contact", contact.pk), *related_refs([contact])],
        details={"full": contact.full, **(details or {})},
    )  # fmt: skip
    return intervention


def get_meeting_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> Meeting:
    """The meeting ``pk`` with its case (``meeting.case``): VIEW on the case to read, CONTACT to change."""
    return get_case_record_for(
        request, Meeting.objects.all(), pk, need, object_type="meeting", details=details
    )


def get_call_for(request: HttpRequest, pk: int, *, details: Mapping[str, Any] | None = None) -> CallEvent:
    """A call still waiting to be logged (its number is shown); 404 once it is logged or dismissed."""
    _require_hotline_role(request, "call_event", pk)
    call = CallEvent.objects.filter(pk=pk, status=codes.CallStatus.PENDING).select_related("person").first()
    if call is None:
        raise Http404
    audit.record(
        request=request, action="view", object_type="call_event", object_ids=[call.pk],
        related=[("person", call.person_id)] if call.person_id else [], details=details,
    )  # fmt: skip
    return call
