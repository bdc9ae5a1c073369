"""Double-submit protection for forms that create records.

The form carries a random token; the first submit claims it in the same transaction as the record
it creates, and a second submit of the same token is sent to what the first one created.
"""

from __future__ import annotations

import secrets

from django import forms
from django.db import IntegrityError, transaction

from ostoja.web.models import FormSubmission


class OnceField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, min_length=20, max_length=64, **kwargs)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def already_submitted(token: str) -> str | None:
    """The URL of what this token created, if it was used before."""
    found = FormSubmission.objects.filter(token=token).first()
    return found.result_url if found else None


def claim(token: str, result_url: str) -> bool:
    """Claims the token for ``result_url``; False if a concurrent submit claimed it first."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, result_url=result_url)
    except IntegrityError:
        return False
    return True
