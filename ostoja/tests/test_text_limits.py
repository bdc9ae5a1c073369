"""Every text anyone can type has a limit that fits its purpose, in the form and in the model.

The walk covers every model of the project and every form class defined in it; a new text field
without a limit fails here. Then the limits are shown to work: a text one character too long is
refused by the form with a message next to the field, refused by ``full_clean`` and refused again
when saved by a path that skipped both.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.urls import reverse

import ostoja
from ostoja import limits
from ostoja.accounts.roles import Role
from ostoja.cases.forms import NoteForm
from ostoja.cases.models import Case, Note
from ostoja.hotline.models import Contact
from ostoja.people.models import Person, SafeContactProtocol


def _project_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("ostoja.")]


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(ostoja.__path__, "ostoja."):
        if ".tests" in module.name or ".migrations" in module.name or module.name.endswith("settings"):
            continue
        importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("ostoja.") and ".tests" not in subclass.__module__:
                found.append(subclass)
    return found


def test_every_model_text_field_has_a_limit():
    missing = []
    for model in _project_models():
        for field in model._meta.concrete_fields:
            if not field.editable or field.choices:
                continue  # written by code only, or one of a fixed set of codes
            label = f"{model._meta.label}.{field.name}"
            text_column = field.get_internal_type() == "TextField"
            if isinstance(field, models.CharField | models.TextField):
                if field.max_length is None or not any(
                    isinstance(v, MaxLengthValidator) for v in field.validators
                ):
                    missing.append(f"{label}: no max_length checked by full_clean")
                elif text_column and not isinstance(field, limits.LimitedText):
                    missing.append(f"{label}: TEXT column without a limit enforced on save")
            elif "JSON" in type(field).__name__ and not any(
                isinstance(v, limits.ListLimit) for v in field.validators
            ):
                missing.append(f"{label}: a list without a limit")
    assert not missing, "\n".join(missing)


def test_every_form_text_field_has_a_limit():
    missing = []
    project_forms = _project_forms()
    assert len(project_forms) > 30
    for form_class in project_forms:
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                missing.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert not missing, "text fields without max_length:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (Note, "text", limits.NOTE),
        (Contact, "summary", limits.NOTE),
        (SafeContactProtocol, "other_instructions", limits.INSTRUCTIONS),
        (Case, "closure_note", limits.INSTRUCTIONS),
    ],
)
def test_the_texts_that_took_a_megabyte_have_their_limits(model, field, limit):
    assert model._meta.get_field(field).max_length == limit


@pytest.mark.django_db
def test_a_text_too_long_is_refused_on_save_whatever_the_path(case):
    note = Note(case=case, author=case.case_manager, text="x" * (limits.NOTE + 1))
    with pytest.raises(ValidationError) as refused:
        note.full_clean()
    assert "text" in refused.value.message_dict
    with pytest.raises(ValidationError), transaction.atomic():
        note.save()
    assert not Note.objects.exists()
    person = Person.objects.get(pk=case.person_id)
    person.aliases = ["a" * 201]
    with pytest.raises(ValidationError):
        person.full_clean()


@pytest.mark.django_db
def test_a_megabyte_note_is_refused_with_the_text_kept_and_a_message_in_polish(client_for, case):
    from ostoja.web import once

    client = client_for(Role.CASE_MANAGER)
    text = "Rozmowa. " * 120_000
    response = client.post(
        reverse("cases:note_add", args=[case.pk]), {"text": text, "token": once.new_token()}
    )
    assert response.status_code == 400 and not Note.objects.exists()
    form = response.context["note_form"]
    assert "text" in form.errors and "20000" in form.errors["text"][0].replace("\xa0", "").replace(" ", "")
    assert form.errors["text"][0].startswith("Upewnij się")
    assert text[:1000] in response.content.decode()


def test_the_form_gets_the_limit_of_the_model():
    assert NoteForm.base_fields["text"].max_length == limits.NOTE
