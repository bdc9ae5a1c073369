"""Every kind of record and every detail the apps write to the audit log has words for its readers.

The audit log shows an event's record kind and its details in the reader's language
(audit/naming.py); a kind or a detail key without words reached supervisors as a code
("statistics", "end: 2026-12-31; period: year"). Besides this scan of the code, writing an audit row
of an unnamed kind fails in the tests (audit/services.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ostoja.audit import naming, services

SOURCE = Path(naming.__file__).resolve().parent.parent
DETAILS = re.compile(r"details=\{([^{}]*)\}")
KEY = re.compile(r"\"([a-z_]+)\":")
KIND = re.compile(r"object_type=\"([a-z_]+)\"|^OBJECT_TYPE = \"([a-z_]+)\"|^RECORD = \"([a-z_]+)\"", re.M)


def _code() -> list[tuple[Path, str]]:
    return [
        (path, path.read_text(encoding="utf-8"))
        for path in sorted(SOURCE.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_every_detail_key_written_has_words():
    missing = {
        f"{key} ({path.relative_to(SOURCE)})"
        for path, text in _code()
        for block in DETAILS.findall(text)
        for key in KEY.findall(block)
        if key not in naming.DETAIL_WORDS and key not in naming.REF_KEYS
    }
    assert not missing, sorted(missing)


def test_every_kind_of_record_written_is_named():
    kinds = {next(g for g in groups if g) for _, text in _code() for groups in KIND.findall(text)}
    assert {"case", "statistics", "task", "referral"} <= kinds  # the scan finds what it is meant to
    assert sorted(kind for kind in kinds if not naming.is_named_kind(kind)) == []


@pytest.mark.django_db
def test_an_unnamed_kind_cannot_be_written_in_the_tests():
    with pytest.raises(ValueError, match="has no words"):
        services.record(request=None, action="view", object_type="nameless_kind", object_ids=[1])
