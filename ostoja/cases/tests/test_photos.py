"""Uploads (docs/SECURITY.md, "Uploads checked by content"): size cap, type by content, metadata stripped, stored encrypted, audited."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.people.models import PersonPhoto
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, assert_access

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (1600, 1200), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 13.0, 0.0)}  # GPS position
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(client, person, name, content, content_type="image/jpeg"):
    return client.post(
        reverse("cases:photo_upload", args=[person.pk]),
        {"photo": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_photo_is_reencoded_without_metadata_and_encrypted(client_for, case):
    client = client_for(Role.CASE_MANAGER)
    original = jpeg_with_gps()
    assert b"SecretCam" in original
    assert upload(client, case.person, "me.jpg", original).status_code == 302
    served = client.get(reverse("cases:photo", args=[case.person_id]))
    assert served["Content-Type"] == "image/jpeg"
    assert b"SecretCam" not in served.content
    with Image.open(io.BytesIO(served.content)) as image:
        assert max(image.size) == 800
        assert not image.getexif()
    with connection.cursor() as cursor:
        cursor.execute("SELECT jpeg FROM people_personphoto")
        (raw,) = cursor.fetchone()
    assert raw.startswith(f"v3:{case.person.data_key}:")  # under the person's own key
    assert AuditEvent.objects.filter(action="view", details__photo="shown").exists()


def test_files_are_judged_by_content_not_name(client_for, case):
    client = client_for(Role.CASE_MANAGER)
    response = upload(client, case.person, "photo.jpg", b"<script>alert(1)</script>")
    assert response.status_code == 200 and response.context["form"].errors["photo"]
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    response = upload(client, case.person, "photo.png", gif.getvalue(), "image/png")
    assert response.context["form"].errors["photo"]
    assert not PersonPhoto.objects.exists()


def test_size_cap(client_for, case, monkeypatch):
    from ostoja.people import photos

    monkeypatch.setattr(photos, "MAX_UPLOAD_BYTES", 1000)
    response = upload(client_for(Role.CASE_MANAGER), case.person, "big.jpg", jpeg_with_gps())
    assert response.context["form"].errors["photo"]


def test_photo_access_is_the_person_files(cast, client_for, case):
    upload(client_for(Role.CASE_MANAGER), case.person, "me.jpg", jpeg_with_gps())
    assert_access(
        reverse("cases:photo", args=[case.person_id]), cast=cast,
        allowed=[Role.CASE_MANAGER, Role.SUPERVISOR, ASSIGNED, BREAK_GLASS],
    )  # fmt: skip
    assert_access(
        reverse("cases:photo_upload", args=[case.person_id]),
        cast=cast,
        allowed=[Role.CASE_MANAGER, Role.SUPERVISOR],
    )
