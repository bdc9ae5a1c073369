"""Library uploads (PDF by content, random names outside the web root, served as attachments) and
leaflets (WeasyPrint, every script, nothing fetched)."""

import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ostoja.public import leaflet, library
from ostoja.public.models import LibraryDocument
from ostoja.public.services import library_document_add

pytestmark = pytest.mark.django_db


def tiny_pdf(extra: bytes = b"") -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + extra + b">> endobj\n"
    )
    return body + b"xref\n0 4\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


@pytest.fixture(scope="module")
def weasy_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Test</p>", url_fetcher=leaflet.refusing_fetcher()).write_pdf()


def test_plain_pdfs_are_accepted(weasy_pdf):
    assert library.check_pdf(tiny_pdf()) == 1
    # WeasyPrint keeps its page objects in compressed object streams.
    assert library.check_pdf(weasy_pdf) == 1


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a not a pdf",
        b"<html>%PDF-1.4</html>",
        b"%PDF-1.4\nno end marker",
        tiny_pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0"),
    ],
)
def test_non_pdfs_and_broken_pdfs_are_refused(data):
    with pytest.raises(ValidationError):
        library.check_pdf(data)


def test_active_content_is_refused():
    # More kinds and the ways around a byte pattern: test_library_pdf_content.py.
    with pytest.raises(ValidationError):
        library.check_pdf(tiny_pdf(b"/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >> "))


def test_size_cap(monkeypatch):
    monkeypatch.setattr(library, "MAX_BYTES", 100)
    with pytest.raises(ValidationError):
        library.check_pdf(tiny_pdf())


def test_document_is_stored_under_a_random_name_and_served_as_attachment(settings):
    document = library_document_add(request=None, data=tiny_pdf(), title="Poradnik / <dzieci>", language="pl")
    path = library.path_of(document.stored_name)
    assert path.exists() and path.parent == settings.OSTOJA_MEDIA_ROOT / "public-library"
    assert "Poradnik" not in document.stored_name
    response = Client().get(reverse("public:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Poradnik-dzieci.pdf" in response["Content-Disposition"]
    served = b"".join(response.streaming_content)
    assert served == path.read_bytes()
    assert served.startswith(b"%PDF-") and library.check_pdf(served) == 1
    assert not response.cookies


def test_unpublished_documents_are_not_served():
    document = library_document_add(request=None, data=tiny_pdf(), title="Draft", language="en")
    LibraryDocument.objects.filter(pk=document.pk).update(published=False)
    assert Client().get(reverse("public:document", args=[document.pk])).status_code == 404


def test_stored_names_cannot_escape_the_library():
    with pytest.raises(ValueError):
        library.path_of("../../etc/passwd")


def test_downloads_page_lists_documents_in_the_language_first():
    library_document_add(request=None, data=tiny_pdf(), title="Ulotka PL", language="pl")
    library_document_add(request=None, data=tiny_pdf(), title="Leaflet EN", language="en")
    html = Client().get(reverse("public:downloads", args=["en"])).content.decode()
    assert html.index("Leaflet EN") < html.index("Ulotka PL")


def test_the_leaflet_fetcher_refuses_everything():
    fetcher = leaflet.refusing_fetcher()
    for url in ("https://example.org/x.css", "file:///etc/passwd", "http://127.0.0.1/"):
        with pytest.raises(ValueError):
            fetcher(url)


def pdf_text(tmp_path, data: bytes) -> str:
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_info(tmp_path, data: bytes) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    return {
        name: subprocess.run(
            ["pdfinfo", *flags, str(path)], capture_output=True, text=True, check=True
        ).stdout
        for name, flags in (("plain", []), ("meta", ["-meta"]), ("struct", ["-struct"]))
    }


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@needs_pdftotext
@pytest.mark.parametrize(
    "language,expected",
    [
        ("ar", ["من نحن", "حقوقك", "بولندا"]),
        ("vi", ["Chúng tôi là ai", "Quyền của bạn", "miễn phí"]),
        ("ka", ["ვინ ვართ ჩვენ"]),
        ("uk", ["Хто ми", "Ваші права"]),
    ],
)
def test_leaflet_pdf_carries_its_script(tmp_path, language, expected):
    response = Client().get(reverse("public:leaflet", args=[language]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="leaflet-{language}.pdf"'
    assert not response.cookies
    text = pdf_text(tmp_path, response.content)
    for piece in expected:
        assert piece in text, (language, piece)
    if language == "ar":
        assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 500
    # Tagged (PDF/UA-1): a screen reader finds headings, paragraphs and lists, in reading order.
    info = pdf_info(tmp_path, response.content)
    assert "Tagged:          yes" in info["plain"], info["plain"]
    assert 'pdfuaid:part="1"' in info["meta"]
    with translation.override(language):
        assert f"Title:           {gettext('Help for victims of human trafficking')}" in info["plain"]
    structure = info["struct"].split()
    assert {"Document", "H1", "H2", "P", "L", "LI"} <= set(structure), structure[:40]


def test_leaflet_is_cached_until_a_text_changes():
    from ostoja.public.models import PublicText

    first = leaflet.leaflet_pdf("en")
    assert leaflet.leaflet_pdf("en") == first
    PublicText.objects.filter(language="en", key="about").update(title="Changed title")
    text = PublicText.objects.get(language="en", key="about")
    text.save()
    assert leaflet.leaflet_pdf("en") != first
