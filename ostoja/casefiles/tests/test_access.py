"""Every case-file URL × every principal (the route matrix)."""

import pytest

from ostoja.accounts.roles import Role
from ostoja.casefiles import services
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, Route, routes_test

pytestmark = pytest.mark.django_db

TEAM = [Role.CASE_MANAGER, Role.SUPERVISOR, ASSIGNED]  # file attachments, print the summary
VIEW = [*TEAM, BREAK_GLASS]
CHANGE = [Role.CASE_MANAGER, Role.SUPERVISOR]


def _case(get):
    return [get("case").pk]


def _attachment(get):
    case = get("case")
    attachment = services.attachment_file(
        attachment=Attachment(case=case, kind="letter", level="case", title="Pismo"),
        file_type="pdf", data=b"%PDF-1.4\n", filename="pismo.pdf", actor=case.case_manager,
    )  # fmt: skip
    return [attachment.pk]


def _document(get):
    case = get("case")
    document = services.document_save(
        document=DocumentRestoration(case=case, document="passport", country="UA"),
        actor=case.case_manager, expected_version=0,
    )  # fmt: skip
    return [document.pk]


ROUTES = [
    Route("casefiles:attachments", VIEW, _case),
    Route("casefiles:attachment_new", TEAM, _case),
    Route("casefiles:attachment_download", VIEW, _attachment),
    Route("casefiles:documents", VIEW, _case),
    Route("casefiles:document_new", CHANGE, _case),
    Route("casefiles:document_edit", CHANGE, _document),
    Route("casefiles:summary", TEAM, _case),
]

test_route_access = routes_test(ROUTES)
