"""A text longer than its limit comes back with a message and every character kept: the browser's
``maxlength`` on a text area would instead cut a pasted text at the limit without a word."""

from __future__ import annotations

import pytest
from django import forms

from ostoja.web.tests.test_dates import FORMS


def text_areas(form_class) -> list[tuple[str, forms.Field]]:
    return [(n, f) for n, f in form_class.base_fields.items() if isinstance(f.widget, forms.Textarea)]


WITH_TEXT_AREAS = [c for c in FORMS if text_areas(c)]


def test_the_walk_finds_the_forms_with_text_areas():
    names = {c.__qualname__ for c in WITH_TEXT_AREAS}
    assert {"NoteForm", "ContactForm", "ProtocolForm", "ReportForm"} <= names


@pytest.mark.parametrize("form_class", WITH_TEXT_AREAS, ids=lambda c: c.__qualname__)
def test_no_text_area_lets_the_browser_cut_the_text(form_class):
    for name, field in text_areas(form_class):
        html = field.widget.render(name, "x" * 10)
        assert "maxlength" not in html, f"{form_class.__qualname__}.{name}: {html}"


def test_the_limit_is_still_checked_with_a_message_and_the_text_kept():
    from ostoja.cases.forms import NoteForm

    field = NoteForm.base_fields["text"]
    too_long = "a" * (field.max_length + 1)
    form = NoteForm(data={"text": too_long})
    assert not form.is_valid() and "text" in form.errors
    assert too_long in str(form["text"])
