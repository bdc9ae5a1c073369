"""The public library: PDFs staff upload, checked by content and kept outside the web root.

A file is accepted only if pikepdf (qpdf) parses it as an unencrypted PDF with at least one page and
no object in it can make a reader do anything: no JavaScript, no actions other than going to a page
of the same document (no URI, Launch, SubmitForm, ImportData, GoToR, Named…, no additional actions),
no embedded or attached files, no forms (AcroForm, XFA, widgets), no multimedia or 3D. The check
works on the parsed objects, so name escapes (``/J#61vaScript``), any stream filter and objects
hidden in object streams change nothing: the parser has already undone them.

What is stored and served is not the upload but qpdf's rewrite of what was checked: a fresh file
with one cross-reference table and only the objects reachable from the document, so earlier
revisions, stray objects and anything a lenient reader might parse differently are gone. Streams are
copied as they are, never decompressed, so a small file cannot expand into gigabytes here. The file
is stored under a random name; its title never touches the file system.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    import pikepdf

MAX_BYTES = 20 * 1024 * 1024
_MAX_DEPTH = 64

# Keys that carry scripts, automatic actions, attachments, forms or multimedia wherever they appear.
_FORBIDDEN_KEYS = frozenset(
    {
        "/JS", "/JavaScript", "/AA", "/AcroForm", "/XFA", "/EmbeddedFiles", "/EF", "/RichMediaContent",
        "/RichMediaSettings", "/Collection", "/Launch",
    }
)  # fmt: skip
_FORBIDDEN_TYPES = frozenset({"/EmbeddedFile", "/Filespec", "/RichMediaExecute", "/3D"})
_FORBIDDEN_ANNOTATIONS = frozenset(
    {"/Widget", "/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/3D"}
)
# Entries whose value is an action (or a list of actions).
_ACTION_KEYS = frozenset({"/A", "/OpenAction", "/Next", "/PA"})
# The one action a document may keep: going to a page of itself (links, outlines, the open view).
_ALLOWED_ACTIONS = frozenset({"/GoTo"})


class ActiveContent(Exception):
    """The PDF holds something that acts; the message names what, for the logs and the tests."""


@dataclass(frozen=True)
class CleanPdf:
    """A checked PDF: its rewritten bytes (what is stored) and its number of pages."""

    data: bytes
    pages: int


def _name(value: object) -> str | None:
    import pikepdf  # imported when a file is checked: qpdf and lxml stay out of other processes

    return str(value) if isinstance(value, pikepdf.Name) else None


def _check_action(action: object, where: str) -> None:
    import pikepdf

    if isinstance(action, pikepdf.Array):
        if where == "/OpenAction":
            return  # a destination: the page and zoom the document opens at
        for item in action:
            _check_action(item, where)
        return
    if not isinstance(action, pikepdf.Dictionary | pikepdf.Stream):
        return
    if "/S" not in action and "/Type" not in action:
        return  # an attribute dictionary of a tagged PDF (/A with /O), not an action
    kind = _name(action.get("/S"))
    if kind not in _ALLOWED_ACTIONS:
        raise ActiveContent(f"action {kind or 'of no kind'} in {where}")


def _check_dictionary(obj: pikepdf.Object, depth: int) -> None:
    keys = set(obj.keys())
    found = keys & _FORBIDDEN_KEYS
    if found:
        raise ActiveContent(f"entry {sorted(found)[0]}")
    kind = _name(obj.get("/Type"))
    if kind in _FORBIDDEN_TYPES:
        raise ActiveContent(f"object of type {kind}")
    if kind == "/Action":
        _check_action(obj, "/Type /Action")
    subtype = _name(obj.get("/Subtype"))
    if subtype in _FORBIDDEN_ANNOTATIONS and (kind in (None, "/Annot")):
        raise ActiveContent(f"annotation {subtype}")
    for key in keys & _ACTION_KEYS:
        _check_action(obj[key], key)
    for key in keys:
        _check_value(obj[key], depth + 1)


def _check_value(obj: pikepdf.Object, depth: int) -> None:
    """Every dictionary and array held directly in ``obj``; indirect ones are checked on their own."""
    import pikepdf

    if depth > _MAX_DEPTH:
        raise ActiveContent("objects nested too deeply")
    if getattr(obj, "is_indirect", False) and depth > 0:
        return
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        _check_dictionary(obj, depth)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            _check_value(item, depth + 1)


def _refuse(message, code: str):
    return ValidationError(message, code=code)


def clean_pdf(data: bytes) -> CleanPdf:
    """The checked and rewritten PDF, or ValidationError saying what is wrong with ``data``."""
    import pikepdf

    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is too large (at most 20 MB)."), "too_large")
    if not data.startswith(b"%PDF-1.") and not data.startswith(b"%PDF-2."):
        raise _refuse(_("This is not a PDF file."), "not_pdf")
    if b"%%EOF" not in data[-2048:]:
        raise _refuse(_("The PDF file is damaged or incomplete."), "damaged")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise _refuse(
            _("The PDF is protected by a password. Save it again without one."), "encrypted"
        ) from None
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise _refuse(_("The PDF file is damaged or incomplete."), "damaged") from None
    with pdf:
        if pdf.is_encrypted:
            raise _refuse(_("The PDF is protected by a password. Save it again without one."), "encrypted")
        try:
            _check_value(pdf.trailer, 0)
            for obj in pdf.objects:
                _check_value(obj, 0)
            pages = len(pdf.pages)
        except ActiveContent:
            raise _refuse(
                _(
                    "The PDF contains scripts, actions, forms or embedded files. Save it again as a plain PDF."
                ),
                "active",
            ) from None
        except (pikepdf.PdfError, ValueError, RecursionError):
            raise _refuse(_("The PDF file is damaged or incomplete."), "damaged") from None
        if pages == 0:
            raise _refuse(_("The PDF file has no pages."), "no_pages")
        # qpdf writes the cross-reference stream's /Size only when the trailer has one (it then
        # puts the right number); a file without it would be written unreadable.
        pdf.trailer.Size = 0
        out = io.BytesIO()
        try:
            pdf.save(
                out,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=True,
            )
        except pikepdf.PdfError:
            raise _refuse(_("The PDF file is damaged or incomplete."), "damaged") from None
    rewritten = out.getvalue()
    if len(rewritten) > MAX_BYTES:
        raise _refuse(_("The file is too large (at most 20 MB)."), "too_large")
    # What will be served must itself open, with the same pages.
    try:
        with pikepdf.open(io.BytesIO(rewritten)) as again:
            if len(again.pages) != pages:
                raise _refuse(_("The PDF file is damaged or incomplete."), "damaged")
    except pikepdf.PdfError:
        raise _refuse(_("The PDF file is damaged or incomplete."), "damaged") from None
    return CleanPdf(data=rewritten, pages=pages)


def check_pdf(data: bytes) -> int:
    """The number of pages, or ValidationError if ``data`` is not a plain PDF."""
    return clean_pdf(data).pages


def media_root() -> Path:
    return Path(getattr(settings, "OSTOJA_MEDIA_ROOT", settings.VAR_DIR / "media"))


def library_dir() -> Path:
    path = media_root() / "public-library"
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_upload(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large (at most 20 MB)."), code="too_large")
    data = upload.read(MAX_BYTES + 1)
    clean_pdf(data)
    return data


def store(data: bytes) -> str:
    name = secrets.token_hex(16) + ".pdf"
    target = library_dir() / name
    with open(target, "xb") as handle:
        handle.write(data)
    return name


def path_of(stored_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}\.pdf", stored_name):
        raise ValueError("Not a stored library name.")
    return library_dir() / stored_name


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
