"""The staff side (/public-admin/): who may reach it, editing with a preview, contact details,
partners, library uploads — each change audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.public import library
from ostoja.public.models import CentreContact, LibraryDocument, PublicText
from ostoja.public.services import library_document_add
from ostoja.public.tests.test_library_and_leaflets import tiny_pdf

pytestmark = pytest.mark.django_db

EDITORS = [Role.SUPERVISOR, Role.ADMINISTRATOR]


@pytest.fixture
def editor(client_for):
    client = client_for(Role.SUPERVISOR)
    client.cookies["ostoja_language"] = "en"
    return client


def test_preview_does_not_save_and_save_publishes_with_audit(editor):
    url = reverse("public:admin_text_edit", args=["uk", "rights"])
    before = PublicText.objects.get(language="uk", key="rights").body
    version = PublicText.objects.get(language="uk", key="rights").version
    response = editor.post(
        url, {"title": "Ваші права", "body": "Новий текст\n\n- пункт", "preview": "1", "version": version}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview (not saved yet)" in html and "<li>пункт</li>" in html
    assert PublicText.objects.get(language="uk", key="rights").body == before
    version = PublicText.objects.get(language="uk", key="rights").version
    response = editor.post(
        url, {"title": "Ваші права", "body": "Новий текст", "save": "1", "version": version}
    )
    assert response.status_code == 302
    text = PublicText.objects.get(language="uk", key="rights")
    assert text.body == "Новий текст" and text.updated_by.username == "user_supervisor"
    event = AuditEvent.objects.filter(action="update").latest("id")
    assert event.details == {"language": "uk", "key": "rights", "reviewed": False}
    assert "Новий текст" in editor.get("/uk/rights/").content.decode()


def test_script_typed_into_a_text_is_shown_not_run(editor):
    url = reverse("public:admin_text_edit", args=["en", "about"])
    version = PublicText.objects.get(language="en", key="about").version
    editor.post(url, {"title": "About", "body": "<script>alert(1)</script>", "save": "1", "version": version})
    html = editor.get("/en/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_unknown_text_key_is_404(editor):
    assert editor.get("/public-admin/texts/en/nope/").status_code == 404


def test_contact_details_save_confirms_them(editor):
    response = editor.post(
        reverse("public:admin_contact"),
        {
            "phone": "+48 22 111 22 33",
            "email": "pomoc@centrum.example",
            "postal_address": "Skrytka 1",
            "version": CentreContact.objects.get(pk=1).version
            if CentreContact.objects.filter(pk=1).exists()
            else 0,
        },
    )
    assert response.status_code == 302
    contact = CentreContact.current()
    assert contact.confirmed and contact.phone == "+48 22 111 22 33"
    html = editor.get("/vi/").content.decode()
    assert "+48 22 111 22 33" in html and 'href="tel:+48221112233"' in html


def test_library_upload_checks_content_and_delete_removes_the_file(
    editor, django_capture_on_commit_callbacks
):
    url = reverse("public:admin_library")
    fake = SimpleUploadedFile("handbook.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = editor.post(url, {"title": "Handbook", "language": "en", "file": fake})
    assert response.status_code == 200 and "This is not a PDF file." in response.content.decode()
    assert not LibraryDocument.objects.exists()
    good = SimpleUploadedFile("x.pdf", tiny_pdf(), content_type="application/pdf")
    response = editor.post(url, {"title": "Handbook", "language": "en", "file": good})
    assert response.status_code == 302
    document = LibraryDocument.objects.get()
    path = library.path_of(document.stored_name)
    assert path.read_bytes() == library.clean_pdf(tiny_pdf()).data
    assert AuditEvent.objects.filter(action="create").exists()
    # The file goes when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("public:admin_library_delete", args=[document.pk]))
    assert not LibraryDocument.objects.exists()
    assert not path.exists()


def test_public_site_in_staff_navigation_for_editors_only(client_for):
    for role, shown in [(Role.SUPERVISOR, True), (Role.ADMINISTRATOR, True), (Role.DUTY_WORKER, False)]:
        html = client_for(role).get(reverse("web:dashboard")).content.decode()
        assert (reverse("public:admin_home") in html) is shown, role


@pytest.mark.parametrize("view", ["public:admin_library", "public:admin_home"])
def test_lists_do_not_grow_queries_with_rows(editor, view):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor.get(reverse(view)).status_code == 200
        return len(queries)

    library_document_add(request=None, data=tiny_pdf(), title="One", language="pl")
    one = count()
    for n in range(14):
        library_document_add(request=None, data=tiny_pdf(), title=f"More {n}", language="en")
    assert count() == one


def test_public_downloads_do_not_grow_queries_with_rows():
    from django.test import Client

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            Client().get(reverse("public:downloads", args=["pl"]))
        return len(queries)

    library_document_add(request=None, data=tiny_pdf(), title="One", language="pl")
    one = count()
    for n in range(14):
        library_document_add(request=None, data=tiny_pdf(), title=f"More {n}", language="en")
    assert count() == one
