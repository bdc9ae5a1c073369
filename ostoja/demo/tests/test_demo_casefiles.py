"""The demo's case files: documents to restore (one overdue, with its task) and attachments of both levels."""

from io import StringIO

import pytest
from django.core.management import call_command

from ostoja.casefiles import services
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.tasks.codes import TaskKind
from ostoja.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_the_demo_holds_documents_to_restore_and_attachments_once():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert DocumentRestoration.objects.count() >= 3
    assert set(Attachment.objects.values_list("level", flat=True)) == {"case", "team"}
    assert Task.objects.filter(kind=TaskKind.DOCUMENT_DUE).count() == 1
    pdf = Attachment.objects.filter(file_type="pdf").first()
    assert services.attachment_bytes(pdf).startswith(b"%PDF")
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "Demo case files were already loaded; nothing added." in again.getvalue()
