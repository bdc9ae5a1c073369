"""Who may see and change referrals: what they may do on the referral's case.

Reading a referral needs VIEW on its case; drafting, moving it on and downloading its letter
(an export of personal data) need CHANGE. Consultations are about organisations, not persons:
every staff role may list and log them. Every load is audited here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest

from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_record_for
from ostoja.referrals.models import Consultation, IncomingReferral, Referral


def get_referral_for(
    request: HttpRequest,
    pk: int,
    need: Perm = Perm.VIEW,
    *,
    action: str = "view",
    details: Mapping[str, Any] | None = None,
) -> Referral:
    """The referral ``pk`` with its case (``referral.case``); 404/403 as for the case."""
    return get_case_record_for(
        request, Referral.objects.select_related("partner", "created_by", "consent"), pk, need,
        object_type="referral", action=action, details=details,
    )  # fmt: skip


def get_consultation_for(request: HttpRequest, pk: int) -> Consultation:
    consultation = Consultation.objects.select_related("organisation", "recorded_by").filter(pk=pk).first()
    if consultation is None:
        raise Http404
    audit.record(request=request, action="view", object_type="consultation", object_ids=[consultation.pk])
    return consultation


def get_incoming_for(request: HttpRequest, pk: int) -> IncomingReferral:
    """An incoming referral (who referred, its status, its contact and case), audited with them.

    What the partner said is the contact's summary, shown on the contact's page under the hotline's rules.
    """
    incoming = (
        IncomingReferral.objects.select_related("partner", "case", "received_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if incoming is None:
        raise Http404
    related = [("contact", incoming.contact_id), *([("case", incoming.case_id)] if incoming.case_id else [])]
    audit.record(
        request=request,
        action="view",
        object_type="incoming_referral",
        object_ids=[incoming.pk],
        related=related,
    )
    return incoming
