"""The telephony API: the telephone system posts call events; the duty worker turns them into contacts.

Authentication is a bearer token checked against the stored SHA-256 hash of a ``TelephonyToken``
(no cookies, so no CSRF). The schema is served at ``openapi.json``; the interactive docs page is
off because it would load scripts from another host.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import field_validator

from ostoja.audit import services as audit
from ostoja.hotline import codes
from ostoja.hotline.models import CallEvent, TelephonyToken, hash_secret
from ostoja.people.models import SearchToken
from ostoja.vault import blind


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


api = NinjaAPI(
    title="Ostoja hotline API",
    version="1",
    description="Call events from the centre's telephone system.",
    urls_namespace="hotline:api",
    docs_url=None,
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
    response={201: CallEventOut, 401: Problem, 422: dict},
    summary="Report a call",
    description="Stores a call event for the duty worker. An unrecognised number format is stored with match "
    '"unmatched"; a number known to belong to one person is matched to that person.',
)
def post_call_event(request: HttpRequest, event: CallEventIn):
    token: TelephonyToken = request.auth
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
