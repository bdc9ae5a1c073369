"""Uploaded attachments: kept in memory only, known by their content, capped in size.

An upload never touches the disk as plaintext (``ostoja/web/uploads.py``); here the handler keeps at
most the attachments' size limit plus one byte; a larger file is marked too large and the form says so next to the field, with every
other field kept. What a file *is* comes from its first bytes (PDF, JPEG, PNG) or, for DOCX and
ODT, from the parts of the ZIP it is; the name's extension and the type the browser declared must
say the same, or the file is refused. Word files with macros are refused.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ostoja.casefiles.codes import FileType
from ostoja.web import uploads as web_uploads

# The stored type of each kind of file, the extensions its name may have and the declared types.
MEDIA_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.JPEG: "image/jpeg",
    FileType.PNG: "image/png",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
}
EXTENSIONS = {
    FileType.PDF: (".pdf",),
    FileType.JPEG: (".jpg", ".jpeg"),
    FileType.PNG: (".png",),
    FileType.DOCX: (".docx",),
    FileType.ODT: (".odt",),
}
# What a browser may declare when it does not know a type: then the name and the content decide.
UNKNOWN_DECLARED = {"", "application/octet-stream"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def max_bytes() -> int:
    return int(settings.OSTOJA_ATTACHMENT_MAX_BYTES)


class MemoryOnlyUploadHandler(web_uploads.MemoryOnlyUploadHandler):
    """The project's memory-only handler, with the attachments' own limit."""

    def max_bytes(self) -> int:
        return max_bytes()


def _zip_type(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype" and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return FileType.ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return None  # a document with macros
                return FileType.DOCX
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return None
    return None


def sniff(data: bytes) -> FileType | None:
    """What the bytes are, by their content; None for anything else."""
    if data.startswith(b"%PDF-"):
        return FileType.PDF
    if data.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    return None


def _too_large(limit: int) -> ValidationError:
    megabytes = f"{limit / (1024 * 1024):.1f}".removesuffix(".0")
    return ValidationError(
        _("The file is too large: at most %(mb)s MB.") % {"mb": megabytes}, code="too_large"
    )


def check(upload: Any) -> tuple[FileType, bytes]:
    """The upload's type and bytes, or a ValidationError in words the field shows."""
    limit = max_bytes()
    if upload.size > limit:
        raise _too_large(limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    found = sniff(data)
    if found is None:
        raise ValidationError(
            _("Upload a PDF, a JPEG or PNG image, or a DOCX or ODT document (without macros)."), code="type"
        )
    name = (upload.name or "").lower()
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    if not name.endswith(EXTENSIONS[found]) or declared not in UNKNOWN_DECLARED | {MEDIA_TYPES[found]}:
        raise ValidationError(
            _("The file is not what its name or type says: its content is %(type)s.")
            % {"type": FileType(found).label},
            code="mismatch",
        )
    return found, data


def safe_filename(name: str, file_type: FileType) -> str:
    """A name to download the file under: the uploaded name's letters and digits, with its extension."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    kept = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in stem).strip()[:80] or "attachment"
    return f"{kept}{EXTENSIONS[file_type][0]}"
