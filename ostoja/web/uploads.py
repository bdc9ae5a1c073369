"""Every upload is held in memory, never written to a temporary file.

Django's default handlers write an upload over 2.5 MB to a temporary file in plain text, where it
outlives the request on the disk (and in its backups): a person's photo, an attachment of a case, a
file of historical records to import. ``MemoryOnlyUploadHandler`` is the only upload handler
(``FILE_UPLOAD_HANDLERS``): it keeps each file in memory, at most its limit plus one byte, and
reports the full size, so a form can say next to its field that the file is too large.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

# The largest file any form accepts (the public library's PDFs and the import files: 20 MB); a form
# checks its own, smaller limit.
MAX_BYTES = 20 * 1024 * 1024


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Every uploaded file in memory, never more than the limit plus one byte of it."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = self.max_bytes()

    def max_bytes(self) -> int:
        return MAX_BYTES

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.total = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.total += len(raw_data)
        room = self.limit + 1 - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        return None  # the chunk is taken here: no other handler sees it

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer, field_name=self.field_name, name=self.file_name, content_type=self.content_type,
            size=self.total, charset=self.charset, content_type_extra=self.content_type_extra,
        )  # fmt: skip
