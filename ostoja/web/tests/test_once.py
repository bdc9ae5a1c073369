"""The one-time token of creation forms: one decorator does everything, and nothing works without it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.cases.forms import NoteForm
from ostoja.cases.models import Note
from ostoja.testing.routes import all_views
from ostoja.web import once
from ostoja.web.models import FormSubmission

pytestmark = pytest.mark.django_db


def _decorated(view) -> bool:
    while view is not None:
        if getattr(view, "creates_once", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_every_creation_form_is_behind_the_decorator():
    decorated = {name for name, view in all_views() if _decorated(view)}
    assert decorated == {
        "cases:note_add", "cases:person_register", "cases:case_open", "hotline:contact_new",
        "hotline:meeting_new", "identification:screening_start", "assessments:needs_new",
        "assessments:safety_new", "consent:case_consents", "referrals:consultation_new",
        "referrals:incoming_new", "referrals:referral_new", "services:delivery_new", "tasks:new",
        "statistics:reports", "statistics:exports", "statistics:imports", "identification:interpreters",
        "identification:screening_correct", "shelter:placement_new", "casefiles:attachment_new", "casefiles:document_new",
        "legal:proceeding_new", "legal:hearing_new", "legal:decision_new", "legal:residence_new", "legal:matter_new",
        "retention:copies",
    }  # fmt: skip


def test_a_token_cannot_be_checked_outside_the_decorator():
    form = NoteForm({"text": "A note", "token": once.new_token()})
    with pytest.raises(ImproperlyConfigured):
        form.is_valid()


def test_a_refused_form_gives_its_token_back(client_for, case):
    client = client_for(Role.CASE_MANAGER)
    token = client.get(reverse("cases:case_detail", args=[case.pk])).context["note_form"]["token"].value()
    url = reverse("cases:note_add", args=[case.pk])
    refused = client.post(url, {"text": "", "token": token})
    assert refused.status_code == 400 and not FormSubmission.objects.filter(token=token).exists()
    saved = client.post(url, {"text": "Now with text", "token": token})
    again = client.post(url, {"text": "Now with text", "token": token})
    assert saved.status_code == again.status_code == 302 and saved["Location"] == again["Location"]
    assert Note.objects.filter(case=case).count() == 1
    assert FormSubmission.objects.get(token=token).result_url == saved["Location"]


def test_a_malformed_token_creates_nothing(client_for, case):
    client = client_for(Role.CASE_MANAGER)
    response = client.post(reverse("cases:note_add", args=[case.pk]), {"text": "Note", "token": "short"})
    assert response.status_code == 400 and not Note.objects.exists()
