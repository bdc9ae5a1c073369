"""What retention adds: the review list in the navigation, the nightly job that fills it, and the
way to a person's own copy from their case."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ostoja.cases.access import Perm
from ostoja.plugins import CaseSection, Job, NavItem, Plugin, RecordKind
from ostoja.retention import services
from ostoja.retention.access import REVIEW_ROLES


def _forget_expired_copies() -> int:
    """Deletes copies past their time: the files go with the row (the audit log keeps who made
    and downloaded which copy, and why)."""
    from django.utils import timezone

    from ostoja.retention.models import SubjectCopy

    deleted, _kinds = SubjectCopy.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def _item_names(ids: list[int]) -> dict[int, str]:
    from ostoja.retention.models import RetentionItem

    labels = {code: str(label) for code, label in RetentionItem._meta.get_field("kind").flatchoices}
    return {
        pk: labels.get(kind, "")
        for pk, kind in RetentionItem.objects.filter(pk__in=ids).values_list("pk", "kind")
    }


def _case_section(request: HttpRequest, case: Any) -> dict:
    return {"may_order": case.access.can(Perm.MANAGE_TEAM), "shown": []}


plugin = Plugin(
    navigation=[NavItem(_("Retention review"), "retention:review_list", REVIEW_ROLES, 92)],
    housekeeping=[
        Job(
            "retention",
            _("records due for retention listed, postponements ended, decisions carried out"),
            services.housekeeping,
        ),
        Job("expired_copies", _("expired copies of persons' data deleted"), _forget_expired_copies),
    ],
    case_sections=[
        CaseSection(
            "subject_copy",
            _("The person's own copy"),
            "retention/sections/case_section.html",
            _case_section,
            order=95,
        )
    ],
    records=[
        RecordKind("retention_item", _("record due for retention review"), _item_names),
        RecordKind("subject_copy", _("person's own copy")),
    ],
)
