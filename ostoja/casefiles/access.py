"""Who may read and file the case file's records: what they may do on the case, and the level.

* **Attachments** are read by whoever may VIEW the case — at level ``case`` — or only by the case
  team and supervisors — at level ``team`` (medical certificates always): the case manager, team
  members, specialists on the team, supervision; never by break-glass access alone nor a duty
  worker. Filing one needs DELIVER (the team, specialists on it, supervision): break-glass access
  reads, it does not add to the file.
* **Documents to restore** are read with VIEW and recorded or changed with CHANGE (the case manager,
  the team, supervision).
* **The case summary** is printed by the team and supervision (DELIVER), never through break-glass.

Every load is audited here (a refusal too, as a DENY row), with the case and the person related.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from ostoja.audit import services as audit
from ostoja.casefiles.codes import Level
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.cases.access import Access, Perm, Reason, case_access, get_case_record_for
from ostoja.cases.models import Case

FILE = Perm.DELIVER
RECORD_DOCUMENT = Perm.CHANGE
SUMMARY = Perm.DELIVER
TEAM_REASONS = frozenset({Reason.CASE_MANAGER, Reason.TEAM, Reason.SPECIALIST, Reason.SUPERVISION})


def readable_levels(access: Access) -> tuple[str, ...]:
    """The attachment levels ``access`` reads (none without VIEW)."""
    if not access.can(Perm.VIEW):
        return ()
    if access.reasons & TEAM_REASONS:
        return (Level.CASE, Level.TEAM)
    return (Level.CASE,)


def may_read(access: Access, level: str) -> bool:
    return level in readable_levels(access)


def get_attachment_for(
    request: HttpRequest, pk: int, *, action: str = "view", details: Mapping[str, Any] | None = None
) -> Attachment:
    """The attachment ``pk`` if the user may read it at its level; 404/403, each answer audited."""
    found = Attachment.objects.filter(pk=pk).values_list("case_id", "level").first()
    if found is not None:
        case = Case.objects.only("pk", "case_manager_id", "person_id").get(pk=found[0])
        access = case_access(request.user, case)
        if access.can(Perm.VIEW) and not may_read(access, found[1]):
            audit.note_denied(
                request, object_type="attachment", object_ids=[pk],
                related=[("case", case.pk), ("person", case.person_id)],
                details={**access.audit_details(), "needed": "team", "level": found[1]},
            )  # fmt: skip
            raise PermissionDenied
    return get_case_record_for(
        request, Attachment.objects.select_related("uploaded_by"), pk, Perm.VIEW, object_type="attachment",
        action=action, details=details,
    )  # fmt: skip


def get_document_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> DocumentRestoration:
    return get_case_record_for(
        request, DocumentRestoration.objects.select_related("created_by"), pk, need,
        object_type="document_restoration", details=details,
    )  # fmt: skip
