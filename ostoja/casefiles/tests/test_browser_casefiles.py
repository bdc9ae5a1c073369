"""axe-core finds no violation on the case file's pages (lists, the upload form with its error, the
document form, the summary form), at desktop and phone width."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.casefiles import services
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.cases.tests.test_browser_accessibility import axe_page, violations  # noqa: F401 — a fixture
from ostoja.cases.tests.test_browser_case import sign_in
from ostoja.testing.browser import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_case_file_pages_pass_axe(axe_page, width, make_staff, case_factory):  # noqa: F811
    axe_page.set_viewport_size({"width": width, "height": 900})
    manager = make_staff("opiekunka", Role.CASE_MANAGER, first_name="Ola")
    case = case_factory(manager=manager)
    services.attachment_file(
        attachment=Attachment(case=case, kind="letter", level="case", title="Pismo"),
        file_type="pdf", data=b"%PDF-1.4\n", filename="pismo.pdf", actor=manager,
    )  # fmt: skip
    document = services.document_save(
        document=DocumentRestoration(case=case, document="passport", country="UA"),
        actor=manager,
        expected_version=0,
    )
    sign_in(axe_page, manager)
    found = []
    for url in (
        reverse("cases:case_detail", args=[case.pk]),
        reverse("casefiles:attachments", args=[case.pk]),
        reverse("casefiles:attachment_new", args=[case.pk]),
        reverse("casefiles:documents", args=[case.pk]),
        reverse("casefiles:document_new", args=[case.pk]),
        reverse("casefiles:document_edit", args=[document.pk]),
        reverse("casefiles:summary", args=[case.pk]),
    ):
        axe_page.goto(url)
        found += violations(axe_page)
    # The upload form sent without a file: its errors, announced and next to the field.
    axe_page.goto(reverse("casefiles:attachment_new", args=[case.pk]))
    submit(axe_page, axe_page.get_by_role("button", name="Dodaj plik"))
    assert axe_page.locator("#id_upload_error").count() == 1
    found += violations(axe_page)
    assert not found, "\n".join(found)
