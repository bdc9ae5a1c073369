"""Who may see which hotline record.

Contacts hold sensitive text (the summary, where the caller is). A contact is shown in full to:

* any hotline role (duty worker, case manager, supervisor) while it is linked to no one — an
  anonymous call is the hotline's shared work;
* whoever logged it, and the handler of its intervention (they are acting on it);
* otherwise, whoever may see its case (or, without a case, its person) in full (cases/access.py).

Everyone else with a hotline role sees that the contact exists (time, channel, urgency, case
number), not what was said. Every read is audited by the view that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.access import fully_visible_person_ids, visible_cases
from ostoja.hotline.models import Contact, Intervention

HOTLINE_ROLES = (Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR)
BOARD_ROLES = (Role.DUTY_WORKER, Role.SUPERVISOR)
ROSTER_EDITORS = (Role.SUPERVISOR, Role.ADMINISTRATOR)
STAFF = tuple(Role.values)


def full_contact_ids(user, contacts: Iterable[Contact]) -> set[int]:
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
    person_ids = [c.person_id for c in rest if not c.case_id]
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


def get_contact_for(
    request: HttpRequest, pk: int, *, need_full: bool = False, audit_action: str = "view"
) -> Contact:
    """The contact ``pk`` for a hotline role, with ``.full`` telling whether its text may be shown."""
    if not request.user.has_role(*HOTLINE_ROLES):
        raise PermissionDenied
    contact = Contact.objects.select_related("case", "case__case_manager", "created_by").filter(pk=pk).first()
    if contact is None:
        raise Http404
    contact.full = contact.pk in full_contact_ids(request.user, [contact])
    if need_full and not contact.full:
        raise PermissionDenied
    if audit_action:
        audit.record(
            request=request, action=audit_action, object_type="contact", object_ids=[contact.pk],
            related=related_refs([contact]), details={"full": contact.full},
        )  # fmt: skip
    return contact
