"""No upload is ever written to a temporary file (ostoja/web/uploads.py): Django's default handlers
put anything over 2.5 MB in plain text on the disk. Each page that takes a file is sent a 3 MB one,
with the temporary file made impossible."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ostoja.accounts.roles import Role
from ostoja.web import uploads

pytestmark = pytest.mark.django_db

BIG = 3 * 1024 * 1024  # over Django's FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)


@pytest.fixture(autouse=True)
def no_temporary_files(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr("django.core.files.uploadedfile.TemporaryUploadedFile.__init__", refuse)


def _big_png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((1100, 1100), 100).convert("RGB").save(out, format="PNG", compress_level=0)
    data = out.getvalue()
    assert len(data) > BIG
    return data


def test_a_large_photo_of_a_person_stays_in_memory(client_for, case):
    client = client_for(Role.CASE_MANAGER)
    response = client.post(
        reverse("cases:photo_upload", args=[case.person_id]),
        {"photo": SimpleUploadedFile("me.png", _big_png(), content_type="image/png")},
    )
    assert response.status_code == 302


def test_a_large_import_file_stays_in_memory(client_for):
    client = client_for(Role.SUPERVISOR)
    data = b"not,a,ctdc,header\n" + b"x" * BIG
    response = client.post(
        reverse("statistics:imports"),
        {
            "source": "ctdc",
            "file": SimpleUploadedFile("big.csv", data, content_type="text/csv"),
            "token": "t" * 32,
        },
    )
    assert response.status_code == 400  # the form again, refused next to the field, not by the disk
    assert response.context["form"].errors["file"]


def test_a_file_over_every_limit_is_kept_only_up_to_the_limit():
    handler = uploads.MemoryOnlyUploadHandler()
    handler.new_file("file", "big.bin", "application/octet-stream", None)
    for start in range(0, uploads.MAX_BYTES + 3 * 65536, 65536):
        handler.receive_data_chunk(b"\0" * 65536, start)
    kept = handler.file_complete(0)
    assert kept.size > uploads.MAX_BYTES  # the form sees the real size and says it is too large
    assert len(kept.read()) == uploads.MAX_BYTES + 1
