"""Attachments: checked by content, capped in size, encrypted at rest, read by level, every download audited."""

import base64
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.casefiles import services
from ostoja.casefiles.codes import FileType, Level
from ostoja.casefiles.models import Attachment, AttachmentContent
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, login_verified

pytestmark = pytest.mark.django_db

SECRET = b"MARKER-Olena-Kovalenko-passport-AB1234567"
PDF = b"%PDF-1.4\n" + SECRET + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx(macros=False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00")
    return out.getvalue()


def _odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _post(client, case, upload, **changes):
    url = reverse("casefiles:attachment_new", args=[case.pk])
    token = client.get(url).context["form"]["token"].value()
    data = {
        "token": token,
        "kind": "decision",
        "level": "case",
        "title": "Decyzja wojewody",
        "upload": upload,
    }
    data.update(changes)
    return client.post(url, data)


def _file(data=PDF, name="decyzja.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_an_upload_is_stored_encrypted_and_no_plaintext_reaches_the_disk(
    case, client_for, settings, tmp_path
):
    # Django writes uploads above this size to a temporary file: the case file never does.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    response = _post(client_for(Role.CASE_MANAGER), case, _file())
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.file_type, attachment.size, attachment.filename) == (
        FileType.PDF,
        len(PDF),
        "decyzja.pdf",
    )
    assert list(tmp_path.iterdir()) == []
    with connection.cursor() as cursor:
        table = AttachmentContent._meta.db_table
        cursor.execute(f"SELECT data FROM {table}")  # noqa: S608 — a table name of ours
        (stored,) = cursor.fetchone()
        cursor.execute(f"SELECT title, filename FROM {Attachment._meta.db_table}")  # noqa: S608
        title, filename = cursor.fetchone()
    stored_text = stored if isinstance(stored, str) else bytes(stored).decode()
    # Sealed under the person's own key (erasing the person makes it unreadable everywhere).
    assert stored_text.startswith(f"v3:{attachment.case.person.data_key}:")
    for plain in (SECRET.decode(), base64.b64encode(PDF).decode(), base64.b64encode(SECRET).decode()[:20]):
        assert plain not in stored_text
    assert "Decyzja" not in title and "decyzja" not in filename
    assert services.attachment_bytes(attachment) == PDF


@pytest.mark.parametrize(
    ("data", "name", "declared"),
    [
        (b"MZ\x90\x00 an executable", "skan.pdf", "application/pdf"),  # content is not a PDF
        (PNG, "skan.pdf", "application/pdf"),  # a PNG named and declared as a PDF
        (PDF, "skan.png", "image/png"),  # a PDF named as a PNG
        (PDF, "skan.pdf", "image/png"),  # declared type differs from the content
        (b"<html><script>alert(1)</script></html>", "skan.html", "text/html"),
        (
            _docx(macros=True),
            "pismo.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (b"PK\x03\x04 not a zip at all", "pismo.docx", "application/octet-stream"),
        (b"", "pusty.pdf", "application/pdf"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_next_to_the_field_and_the_rest_kept(
    case, client_for, data, name, declared
):
    response = _post(client_for(Role.CASE_MANAGER), case, _file(data, name, declared), title="Skan paszportu")
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["upload"]
    assert 'id="id_upload_error"' in response.content.decode()
    assert form["title"].value() == "Skan paszportu" and form["kind"].value() == "decision"
    assert not Attachment.objects.exists() and not AttachmentContent.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "declared", "kind"),
    [
        (PNG, "skan.png", "image/png", FileType.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "skan.JPG", "image/jpeg", FileType.JPEG),
        (
            _docx(),
            "pismo.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType.DOCX,
        ),
        (_odt(), "pismo.odt", "application/octet-stream", FileType.ODT),
    ],
)
def test_each_kind_of_file_is_known_by_its_content(case, client_for, data, name, declared, kind):
    assert _post(client_for(Role.CASE_MANAGER), case, _file(data, name, declared)).status_code == 302
    assert Attachment.objects.get().file_type == kind


def test_a_file_over_the_limit_is_refused_with_the_limit_and_nothing_saved(case, client_for, settings):
    settings.OSTOJA_ATTACHMENT_MAX_BYTES = 1024
    response = _post(client_for(Role.CASE_MANAGER), case, _file(PDF + b"x" * 2000), title="Duży skan")
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["upload"]
    assert "1 MB" not in form.errors["upload"][0] and "0" in form.errors["upload"][0]
    assert form["title"].value() == "Duży skan"
    assert not Attachment.objects.exists()


def test_a_medical_certificate_cannot_be_filed_for_everyone_who_reads_the_case(case, client_for):
    response = _post(client_for(Role.CASE_MANAGER), case, _file(), kind="medical", level="case")
    assert response.status_code == 400 and "level" in response.context["form"].errors
    assert (
        _post(client_for(Role.CASE_MANAGER), case, _file(), kind="medical", level="team").status_code == 302
    )


def _attachment(case, level, cast):
    return services.attachment_file(
        attachment=Attachment(case=case, kind="medical" if level == Level.TEAM else "letter", level=level, title="T"),
        file_type=FileType.PDF, data=PDF, filename="plik.pdf", actor=cast[Role.CASE_MANAGER],
    )  # fmt: skip


TEAM = {Role.CASE_MANAGER, Role.SUPERVISOR, ASSIGNED}


@pytest.mark.parametrize(
    ("level", "readers"),
    [(Level.CASE, TEAM | {BREAK_GLASS}), (Level.TEAM, TEAM)],
)
def test_who_downloads_an_attachment_depends_on_its_level(case, cast, level, readers):
    attachment = _attachment(case, level, cast)
    url = reverse("casefiles:attachment_download", args=[attachment.pk])
    for principal, user in cast.items():
        response = login_verified(Client(), user).get(url)
        expected = 200 if principal in readers else 403
        assert response.status_code == expected, principal
        if expected == 200:
            assert response.content == PDF
    # Lists and the case page show only what the reader may open.
    listing = login_verified(Client(), cast[BREAK_GLASS]).get(
        reverse("casefiles:attachments", args=[case.pk])
    )
    shown = [a.pk for a in listing.context["page"]]
    assert shown == ([attachment.pk] if BREAK_GLASS in readers else [])


def test_a_download_is_audited_and_served_as_a_download_that_no_cache_keeps(case, cast, client_for):
    attachment = _attachment(case, Level.TEAM, cast)
    response = client_for(Role.SUPERVISOR).get(reverse("casefiles:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="plik.pdf"')
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.filter(action="download", object_type="attachment").get()
    assert event.actor == cast[Role.SUPERVISOR]
    assert {(r.object_type, r.object_id) for r in event.refs.all()} == {
        ("attachment", attachment.pk),
        ("case", case.pk),
        ("person", case.person_id),
    }
    refused = client_for(BREAK_GLASS).get(reverse("casefiles:attachment_download", args=[attachment.pk]))
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(
        action="deny", object_type="attachment", actor=cast[BREAK_GLASS]
    ).exists()


def test_the_attachment_list_costs_the_same_for_one_file_or_many(case, cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(Role.CASE_MANAGER)
    url = reverse("casefiles:attachments", args=[case.pk])
    _attachment(case, Level.CASE, cast)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(6):
        _attachment(case, Level.TEAM, cast)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(page.context["page"].object_list) == 7
    assert len(many.captured_queries) == len(one.captured_queries)
    assert not any("attachmentcontent" in q["sql"].lower() for q in many.captured_queries)
