"""Double-submit protection for the views that create records.

A creation form carries a random one-time token (``OnceField``, always named ``token``). The view is
decorated with :func:`creates`, which does all the work, so that no view can forget a step:

* before the view runs, the token of a POST is claimed in the request's transaction (a row with a
  unique token). A second submit of the same token that arrives while the first is still running
  waits in the database until the first has committed or rolled back;
* if the token was claimed by an earlier or concurrent submit, the view does not run at all: the
  browser is sent to what that submit created;
* if the view answers with a redirect, that is what the submit created: the address is stored with
  the token, and commits with the record, in the same transaction;
* if the view answers with anything else (the form again, with errors or duplicates to confirm),
  nothing was created: the claim is withdrawn, and the corrected form can be sent with the same token.

The claim is the first write of the request, before any audit row, so a waiting second submit never
holds the audit chain's lock while it waits.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect

from ostoja.web.models import FormSubmission

FIELD = "token"
MIN_LENGTH = 20
MAX_LENGTH = 64


# The token the running view has claimed: a form with a OnceField refuses to validate without one.
_claimed: ContextVar[str | None] = ContextVar("ostoja_once_claimed", default=None)


class OnceField(forms.CharField):
    """The one-time token of a creation form. Only a view decorated with :func:`creates` can use it."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, min_length=MIN_LENGTH, max_length=MAX_LENGTH, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and value != _claimed.get():
            raise ImproperlyConfigured(
                "A form with a one-time token is validated outside a view decorated with once.creates."
            )
        return value


def new_token() -> str:
    return secrets.token_urlsafe(24)


# What a token must look like: the same checks as OnceField's, without the claim.
_SHAPE = forms.CharField(min_length=MIN_LENGTH, max_length=MAX_LENGTH)


def _token_of(request: HttpRequest) -> str | None:
    try:
        return _SHAPE.clean(request.POST.get(FIELD, ""))
    except ValidationError:
        # No usable token: the view's form refuses it (the field is required), so nothing is created.
        return None


def _claim(token: str) -> str | None:
    """Claims ``token`` for this request; None if claimed now, else where the earlier submit led."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, result_url="")
    except IntegrityError:
        # The other submit has committed (the insert waited for it): its row is visible now.
        found = FormSubmission.objects.filter(token=token).values_list("result_url", flat=True).first()
        return found or ""
    return None


def creates(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Makes a creating view safe against double submits (see the module's description)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = _token_of(request) if request.method == "POST" else None
        if token is None:
            return view(request, *args, **kwargs)
        earlier = _claim(token)
        if earlier is not None:
            # The form itself again if the earlier submit left no address (it cannot, but never a 500).
            return redirect(earlier or request.get_full_path())
        claimed = _claimed.set(token)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _claimed.reset(claimed)
        if transaction.get_rollback():
            return response  # the claim goes with everything else the view wrote
        if isinstance(response, HttpResponseRedirect):
            FormSubmission.objects.filter(token=token).update(result_url=response["Location"][:200])
        else:
            FormSubmission.objects.filter(token=token, result_url="").delete()
        return response

    wrapper.creates_once = True
    return wrapper
