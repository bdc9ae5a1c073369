"""What the identification views share: the worker's language, the audit row of a change and the
indicator file's review record shown wherever the lists are used."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation

from ostoja.audit import services as audit
from ostoja.cases.models import Case


def worker_language() -> str:
    """The staff UI language, which the staff wording follows (Polish or English)."""
    return "en" if (translation.get_language() or "pl").startswith("en") else "pl"


def record(
    request: HttpRequest, action: str, object_type: str, object_id: int, case: Case, details=None
) -> None:
    """The audit row of a change (the read before it is written by the access helper)."""
    audit.record(
        request=request, action=action, object_type=object_type, object_ids=[object_id],
        related=[*([("case", case.pk)] if object_type != "case" else []), ("person", case.person_id)],
        details=details or {},
    )  # fmt: skip


def file_context(indicator_set) -> dict:
    """What every page that uses the lists shows: the file's review record and the languages' state."""
    language = worker_language()
    return {
        "file_review": indicator_set.review,
        "file_review_note": indicator_set.review.note_text(language),
        "file_version": indicator_set.version,
        "language_reviews": list(indicator_set.language_reviews.values()),
    }
