"""Person photos: checked by content, re-encoded, stripped of metadata, stored encrypted.

An uploaded file is never kept as sent. Pillow must recognise it as a JPEG, PNG or WebP image by its
content (not its name); it is then scaled down and re-encoded as a fresh JPEG, which drops EXIF
(camera, time, GPS position) and anything smuggled after the image data. The result is stored
encrypted in the database like every other identifying value.
"""

from __future__ import annotations

import base64
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuses decompression bombs before decoding
MAX_SIDE = 800
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def clean_photo(upload) -> bytes:
    """The upload re-encoded as a small JPEG without metadata, or ValidationError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large (at most 8 MB)."))
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP photo."))
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not a photo that can be read.")) from error
    return out.getvalue()


def encode(jpeg: bytes) -> str:
    return base64.b64encode(jpeg).decode()


def decode(text: str) -> bytes:
    return base64.b64decode(text)
