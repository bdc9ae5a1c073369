"""The public library: PDFs staff upload, checked by content and kept outside the web root.

A file is accepted only if it is a PDF by its bytes (header, cross-reference table or stream,
end-of-file marker, at least one page) and carries nothing active (JavaScript, launch actions,
embedded files). It is stored under a random name; its title never touches the file system.
"""

from __future__ import annotations

import re
import secrets
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.DOTALL)
_INFLATE_BUDGET = 64 * 1024 * 1024
# Names that make a PDF do things when opened; a leaflet or handbook needs none of them.
_ACTIVE = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![a-zA-Z])"
)


def media_root() -> Path:
    return Path(getattr(settings, "OSTOJA_MEDIA_ROOT", settings.VAR_DIR / "media"))


def library_dir() -> Path:
    path = media_root() / "public-library"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _streams(data: bytes) -> list[bytes]:
    """The decompressed contents of the file's Flate streams (object streams hide page and action
    dictionaries in them), with a budget so a small file cannot expand into gigabytes."""
    found: list[bytes] = []
    budget = _INFLATE_BUDGET
    for match in _STREAM.finditer(data):
        if budget <= 0:
            raise ValidationError(_("The PDF file is damaged or incomplete."), code="damaged")
        inflater = zlib.decompressobj()
        try:
            chunk = inflater.decompress(match.group(1), budget)
        except zlib.error:
            continue  # not Flate (an image, say): nothing to look for in it
        budget -= len(chunk)
        found.append(chunk)
    return found


def check_pdf(data: bytes) -> int:
    """The number of pages, or ValidationError if ``data`` is not a plain PDF."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is too large (at most 20 MB)."), code="too_large")
    if not data.startswith(b"%PDF-1.") and not data.startswith(b"%PDF-2."):
        raise ValidationError(_("This is not a PDF file."), code="not_pdf")
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise ValidationError(_("The PDF file is damaged or incomplete."), code="damaged")
    if b"xref" not in data and b"/XRef" not in data:
        raise ValidationError(_("The PDF file is damaged or incomplete."), code="damaged")
    parts = [data, *_streams(data)]
    pages = sum(len(_PAGE.findall(part)) for part in parts)
    if pages == 0:
        raise ValidationError(_("The PDF file has no pages."), code="no_pages")
    if any(_ACTIVE.search(part) for part in parts):
        raise ValidationError(
            _("The PDF contains scripts, actions or embedded files. Save it again as a plain PDF."),
            code="active",
        )
    return pages


def read_upload(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large (at most 20 MB)."), code="too_large")
    data = upload.read(MAX_BYTES + 1)
    check_pdf(data)
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
