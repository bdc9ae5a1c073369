"""Who may review retention and order a person's own copy; the audit row of each read.

The retention review list is the supervisors'. A person's copy may be ordered and downloaded by
whoever may manage the person's cases (the case manager, a supervisor): ``get_person_for`` with
``manage_team``, audited like every read of a person.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_person_for
from ostoja.people.models import Person
from ostoja.retention.codes import CopyStatus
from ostoja.retention.models import RetentionItem, SubjectCopy

REVIEW_ROLES: tuple[str, ...] = (Role.SUPERVISOR,)
COPY_NEED = Perm.MANAGE_TEAM


def get_item_for(request: HttpRequest, pk: int, *, action: str = "view") -> RetentionItem:
    """A record on the review list (the view is role-gated to supervisors); the read is audited."""
    from ostoja.retention import schedule

    item = RetentionItem.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    kind = schedule.kinds().get(item.kind)
    related = [(kind.object_type, item.object_id)] if kind else []
    audit.record(
        request=request, action=action, object_type="retention_item", object_ids=[item.pk], related=related
    )
    return item


def get_copy_person_for(
    request: HttpRequest, pk: int, *, action: str = "view", details: dict[str, Any] | None = None
) -> Person:
    """The person whose copy is ordered or listed, if the user may manage their cases; audited."""
    return get_person_for(request, pk, COPY_NEED, action=action, details=details or {})


def get_copy_for(request: HttpRequest, pk: int, *, purpose: str, file_format: str) -> SubjectCopy:
    """A ready copy, not expired, for a user who may manage the person's cases; the download is
    audited with its purpose (404 for anything else)."""
    copy = (
        SubjectCopy.objects.filter(pk=pk, status=CopyStatus.DONE, expires_at__gt=timezone.now())
        .select_related("person")
        .first()
    )
    if copy is None:
        raise Http404
    get_person_for(
        request, copy.person_id, COPY_NEED, action="download", related=[("subject_copy", copy.pk)],
        details={"handed_over_for": purpose, "format": file_format},
    )  # fmt: skip
    copy.handed_over_for, copy.handed_over_as = purpose, file_format
    copy.save(update_fields=["handed_over_for", "handed_over_as"])
    return copy
