"""The telephony API: the telephone system posts call events; the duty worker turns them into contacts.

Authentication is a bearer token checked against the stored SHA-256 hash of a ``TelephonyToken``
(no cookies, so no CSRF). The schema is served at ``openapi.json`` to callers with a valid token
only (see docs/ARCHITECTURE.md, "Telephony API"); the interactive docs page is off because it would
load scripts from another host.

Every answer is JSON, errors included: a bad body is 400 or 422 with the fields at fault, a call
time outside the window for calls (``ostoja.dates.CALL``) is 422, an unknown path 404, a wrong
method 405, and anything unexpected 500 with nothing stored.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import wraps
from typing import Literal

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import field_validator

from ostoja import dates
from ostoja.audit import services as audit
from ostoja.hotline import codes
from ostoja.hotline.models import CallEvent, TelephonyToken, hash_secret
from ostoja.people.models import SearchToken
from ostoja.vault import blind
from ostoja.web import ratelimit

logger = logging.getLogger(__name__)


class TelephonyBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> TelephonyToken | None:
        if not token or len(token) > 200:
            return None
        found = (
            TelephonyToken.objects.select_related("service_user")
            .filter(token_hash=hash_secret(token), revoked_at__isnull=True)
            .first()
        )
        if found is None:
            return None
        TelephonyToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found


def token_required(view):
    """The schema only for a caller with a valid telephony token; anyone else gets a JSON 401."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or TelephonyBearer().authenticate(request, secret.strip()) is None:
            return problem(401, "Unauthorized", headers={"WWW-Authenticate": "Bearer"})
        return view(request, *args, **kwargs)

    return wrapped


def problem(status: int, detail: str, **kwargs) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, **kwargs)


api = NinjaAPI(
    title="Ostoja hotline API",
    version="1",
    description="Call events from the centre's telephone system.",
    urls_namespace="hotline:api",
    docs_url=None,
    docs_decorator=token_required,
    auth=TelephonyBearer(),
)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError):
    """422 with one readable line per problem: which field, what is wrong (never the value sent)."""
    problems = [
        {
            "field": ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "event")),
            "message": error.get("msg", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": "The call event is not valid.", "problems": problems}, status=422
    )


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig):
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception):
    """Anything unforeseen: logged, nothing of the request kept, and still a JSON answer."""
    logger.exception("Telephony API: unexpected error")
    transaction.set_rollback(True)
    return api.create_response(request, {"detail": "Internal error: nothing was stored."}, status=500)


def json_errors(view):
    """Wraps the API's routes: an answer Django or Ninja made without a body (405) becomes JSON too."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            replaced = problem(response.status_code, response.reason_phrase)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response

    return wrapped


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any other path under the API."""
    return problem(404, "Not Found")


class CallEventIn(Schema):
    number: str = Field(
        "",
        max_length=64,
        description="The other party's number as the telephone system gives it; empty if withheld.",
    )
    time: datetime = Field(..., description="When the call started, ISO 8601 with a time zone offset.")
    duration: int = Field(0, ge=0, le=86_400, description="Length of the call in seconds.")
    direction: Literal["inbound", "outbound", "missed"]
    line: str = Field("", max_length=32, description="Which of the centre's lines took the call.")

    @field_validator("time")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("time must include a time zone offset, e.g. 2026-11-28T23:15:00+01:00")
        # A call in the last days and not in the future: a year-1 or far-future time never gets stored.
        with translation.override("en"):
            message = dates.CALL.problem(value)
        if message:
            raise ValueError(message)
        return value

    @field_validator("number", "line")
    @classmethod
    def _printable(cls, value: str) -> str:
        if any(not ch.isprintable() for ch in value):
            raise ValueError("must not contain control characters")
        return value


class CallEventOut(Schema):
    id: int
    match: Literal["matched", "several", "no_match", "unmatched", "withheld"]
    status: str


class Problem(Schema):
    detail: str


def match_number(number: str) -> tuple[str, int | None]:
    """(match code, person id) for a number, by its blind index: nothing is decrypted."""
    if not number.strip():
        return codes.CallMatch.WITHHELD, None
    token = blind.phone_token(number)
    if token is None:
        return codes.CallMatch.UNMATCHED, None
    person_ids = list(
        SearchToken.objects.filter(kind=SearchToken.Kind.PHONE, token=token, person__merged_into__isnull=True)
        .values_list("person_id", flat=True)
        .distinct()[:2]
    )
    if len(person_ids) == 1:
        return codes.CallMatch.MATCHED, person_ids[0]
    if person_ids:
        return codes.CallMatch.SEVERAL, None
    return codes.CallMatch.NO_MATCH, None


@api.post(
    "/call-events",
    response={201: CallEventOut, 401: Problem, 422: dict, 429: Problem},
    summary="Report a call",
    description="Stores a call event for the duty worker. An unrecognised number format is stored with match "
    '"unmatched"; a number known to belong to one person is matched to that person. Matching a number is a '
    "look-up of the persons on file: each token has a budget of them per ten minutes (the same size as a staff "
    "member's); over it the event is refused with 429 and is not stored.",
)
def post_call_event(request: HttpRequest, event: CallEventIn):
    token: TelephonyToken = request.auth
    if event.number.strip() and not ratelimit.spend_lookup(token=token):
        ratelimit.record_refused_lookup(request=request, lookup="telephony_match", actor=token.service_user)
        return Status(429, {"detail": ratelimit.LOOKUP_REFUSED_API})
    match, person_id = match_number(event.number)
    call = CallEvent.objects.create(
        token=token,
        number=event.number.strip(),
        occurred_at=event.time,
        duration_seconds=event.duration,
        direction=event.direction,
        line=event.line.strip(),
        match=match,
        person_id=person_id,
    )
    audit.record(
        request=request, actor=token.service_user, action="create", object_type="call_event", object_ids=[call.pk],
        related=[("person", person_id)] if person_id else [], details={"token": token.pk, "match": match},
    )  # fmt: skip
    return Status(201, {"id": call.pk, "match": match, "status": call.status})
