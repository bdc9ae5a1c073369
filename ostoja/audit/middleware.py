"""No refusal goes unrecorded, and no page is sent when its audit row could not be written.

Views load records through their app's access helper (``<app>/access.py``), which writes the audit
row of the read before the view shows anything; if writing it fails, the exception replaces the
response, so the page is not sent unaudited.

A PermissionDenied raised by a view rolls its transaction back (``ATOMIC_REQUESTS``), audit rows
included, so the DENY row is written here, after the rollback, in a transaction of its own: naming
the record the helper refused (``audit.services.note_denied``), or else the page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from ostoja.audit import services


class RefusalAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            with transaction.atomic():
                services.record_denial(request)
        return None
