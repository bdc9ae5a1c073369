"""Every retention URL × every principal (the route matrix)."""

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.retention.codes import CopyStatus
from ostoja.retention.models import RetentionItem, SubjectCopy
from ostoja.testing.access import Route, routes_test

pytestmark = pytest.mark.django_db

# A person's own copy: whoever manages the person's cases (the case manager, a supervisor).
COPY = [Role.CASE_MANAGER, Role.SUPERVISOR]


def _item(get):
    case = get("case")
    item = RetentionItem.objects.create(
        kind="closed_case", object_id=case.pk, started_on=timezone.localdate(), due_on=timezone.localdate()
    )
    return [item.pk]


def _copy(get):
    case = get("case")
    copy = SubjectCopy.objects.create(
        person=case.person, language="en", ordered_by=get("cast")[Role.SUPERVISOR], status=CopyStatus.DONE,
        json="{}", pdf="JVBERg==", expires_at=timezone.now() + timezone.timedelta(days=1),
    )  # fmt: skip
    return [copy.pk]


ROUTES = [
    Route("retention:review_list", [Role.SUPERVISOR]),
    Route("retention:review_item", [Role.SUPERVISOR], _item),
    Route("retention:copies", COPY, lambda get: [get("case").person_id]),
    Route(
        "retention:copy_download",
        COPY,
        _copy,
        method="post",
        data={"purpose": "check", "file_format": "json"},
    ),
]

test_route_access = routes_test(ROUTES)
