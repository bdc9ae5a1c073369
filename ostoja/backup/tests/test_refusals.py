"""Restores refused with a clear message and nothing changed: altered, cut short, wrong or missing key,
unknown format, an installation in use; and what a backup file never holds (the keys)."""

from __future__ import annotations

import base64
import json
import struct

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from ostoja.backup import archive, database, services

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_KEY = b"another key, 32 bytes long......"


@pytest.fixture(autouse=True)
def _in_english():
    """The reasons are read in English here (the Polish ones are in the catalogue)."""
    with translation.override("en"):
        yield


@pytest.fixture
def made(settings, tmp_path, monkeypatch, make_staff):
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    make_staff("wszyscy", first_name="Ewa", last_name="Wszechstronna")
    (tmp_path / "media" / "public-library").mkdir(parents=True)
    (tmp_path / "media" / "public-library" / "leaflet.pdf").write_bytes(
        b"%PDF-1.7 " + bytes(range(256)) * 300
    )
    monkeypatch.setattr(archive, "CHUNK", 16 * 1024)  # several parts, so a cut can fall between two
    path = tmp_path / "ostoja.backup"
    services.make(path)
    return path


def _refused(path, *needles: str) -> None:
    before = database.counts(connection)
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(path))
    message = str(refusal.value)
    assert message.startswith(_("Restore refused, nothing was changed: %(reason)s") % {"reason": ""})
    for needle in needles:
        assert needle in message
    assert database.counts(connection) == before


def _header_end(data: bytes) -> int:
    (size,) = struct.unpack(">I", data[len(archive.MAGIC) : len(archive.MAGIC) + 4])
    return len(archive.MAGIC) + 4 + size


def test_a_restore_over_an_installation_in_use_is_refused(made):
    _refused(made, "The database is not empty", "accounts.User")


@pytest.mark.parametrize("where", ["first part", "middle", "last byte"])
def test_an_altered_backup_is_refused(made, where):
    data = bytearray(made.read_bytes())
    start = _header_end(data) + 4
    at = {"first part": start + 10, "middle": (start + len(data)) // 2, "last byte": len(data) - 1}[where]
    data[at] ^= 0x01
    made.write_bytes(bytes(data))
    _refused(made, "altered")


def test_an_altered_header_is_refused(made):
    data = made.read_bytes()
    end = _header_end(data)
    header = json.loads(data[len(archive.MAGIC) + 4 : end])
    header["created"] = header["created"].replace("20", "19", 1)
    encoded = json.dumps(header, sort_keys=True).encode()
    made.write_bytes(archive.MAGIC + struct.pack(">I", len(encoded)) + encoded + data[end:])
    _refused(made, "altered")


@pytest.mark.parametrize("keep", [0.5, 0.99, "chunk boundary", "header only", 3])
def test_a_truncated_backup_is_refused(made, keep):
    data = made.read_bytes()
    if keep == "chunk boundary":
        length = _header_end(data)
        for _ in range(2):  # two whole parts, nothing of the rest
            (size,) = struct.unpack(">I", data[length : length + 4])
            length += 4 + size
        assert length < len(data)
    elif keep == "header only":
        length = _header_end(data)
    else:
        length = int(len(data) * keep) if isinstance(keep, float) else keep
    made.write_bytes(data[:length])
    _refused(made)


def test_bytes_added_after_the_end_are_refused(made):
    made.write_bytes(made.read_bytes() + b"\0" * 20)
    _refused(made, "altered")


def test_a_backup_made_with_a_key_that_is_not_present_is_refused(made, settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"k9": OTHER_KEY}
    _refused(made, "'t1'", "not in this installation's OSTOJA_ENCRYPTION_KEYS")


def test_a_backup_opened_with_another_key_under_the_same_id_is_refused(made, settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"t1": OTHER_KEY}
    _refused(made, "another key")


def test_a_backup_made_with_another_blind_index_key_is_refused(made, settings):
    settings.OSTOJA_BLIND_INDEX_KEY = OTHER_KEY
    _refused(made, "blind index key")


def test_an_unknown_format_is_refused(made):
    data = made.read_bytes()
    end = _header_end(data)
    header = json.loads(data[len(archive.MAGIC) + 4 : end])
    header["format"] = 2
    encoded = json.dumps(header, sort_keys=True).encode()
    made.write_bytes(archive.MAGIC + struct.pack(">I", len(encoded)) + encoded + data[end:])
    _refused(made, "format 2", "does not read")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    _refused(path, "not an Ostoja backup")


def test_the_backup_holds_no_key_and_no_plaintext(made, settings):
    data = made.read_bytes()
    for key in [*settings.OSTOJA_ENCRYPTION_KEYS.values(), settings.OSTOJA_BLIND_INDEX_KEY]:
        assert key not in data
        assert base64.b64encode(key) not in data
    assert b"Wszechstronna" not in data  # a staff name, plain in the database
    assert b"SQLite format" not in data
    header = json.loads(data[len(archive.MAGIC) + 4 : _header_end(data)])
    assert header["key_id"] == "t1"
    assert header["format"] == archive.FORMAT


def test_a_backup_never_overwrites_a_file(made):
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(made))
