"""Saving an edit form without changing anything changes nothing, in Polish and in English.

The forms and what each edits are listed in ``ostoja.testing.edit_forms``; the ones with date or
time inputs are also saved in a real browser (test_browser_unchanged_save.py), since only a browser
shows what an ``<input type="date">`` does with a value it cannot read.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve

from ostoja.testing.access import login_verified
from ostoja.testing.edit_forms import EDIT_FORMS, OTHER_FORMS
from ostoja.testing.forms import page_forms, stored
from ostoja.testing.pages import visits
from ostoja.testing.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    return build_world()


def staff_client(world, language: str) -> Client:
    client = login_verified(Client(), world.everyone)
    client.cookies["ostoja_language"] = language
    return client


def error_text(html: str) -> str:
    """The form errors a page shows, for a readable failure."""
    import re

    return " | ".join(
        re.sub(r"<[^>]+>", " ", m).strip()
        for m in re.findall(r'class="errors[^"]*"[^>]*>(.*?)</div>', html, re.S)
    )


def test_every_form_on_every_page_is_an_edit_form_or_says_what_it_is(world):
    """A form that is in neither list fails here: add it to EDIT_FORMS (and make it pass) or to OTHER_FORMS."""
    client = staff_client(world, "pl")
    unknown, seen = {}, set()
    for name, requests in visits(world).items():
        for method, url, data in requests:
            if method != "get":
                continue
            response = client.get(url, data)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in page_forms(response.content.decode()):
                if (form.attrs.get("method") or "get").lower() != "post":
                    continue
                target = resolve(urlsplit(form.attrs.get("action") or url).path).view_name
                seen.add(target)
                if target not in EDIT_FORMS and target not in OTHER_FORMS:
                    unknown[target] = f"on {name} ({url})"
    assert not unknown, (
        f"Forms in neither EDIT_FORMS nor OTHER_FORMS (ostoja/testing/edit_forms.py): {unknown}"
    )
    assert set(EDIT_FORMS) <= seen, f"Edit forms no page shows: {set(EDIT_FORMS) - seen}"


def test_the_forms_with_date_inputs_are_the_ones_saved_in_a_browser(world):
    client = staff_client(world, "pl")
    for spec in EDIT_FORMS.values():
        forms = [f for f in page_forms(client.get(spec.url(world)).content.decode()) if f.posts_to_itself]
        has_dates = any(f.temporal_inputs for f in forms)
        assert has_dates == spec.dates, f"{spec.route}: date inputs {has_dates}, but dates={spec.dates}"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_edit_form_saved_unchanged_changes_nothing(world, language):
    client = staff_client(world, language)
    failures = []
    for spec in EDIT_FORMS.values():
        url = spec.url(world)
        forms = [f for f in page_forms(client.get(url).content.decode()) if f.posts_to_itself]
        assert len(forms) == 1, f"{spec.route}: {len(forms)} forms posting to the page"
        before = stored(spec.records(world), spec.ignore)
        response = client.post(url, forms[0].submission(spec.button) | {k: [v] for k, v in spec.typed})
        if response.status_code != 302:
            failures.append(
                f"{spec.route}: not saved ({response.status_code}): {error_text(response.content.decode())}"
            )
            continue
        after = stored(spec.records(world), spec.ignore)
        if after != before:
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            failures.append(
                f"{spec.route}: saved unchanged in {language}, but stored values changed: {changed}"
            )
    assert not failures, "\n".join(failures)


def test_the_check_would_see_a_lost_date_of_birth(world):
    """The comparison itself: a form that drops the date of birth is caught."""
    client = staff_client(world, "pl")
    spec = EDIT_FORMS["cases:person_edit"]
    form = next(f for f in page_forms(client.get(spec.url(world)).content.decode()) if f.posts_to_itself)
    data = form.submission()
    assert data["date_of_birth"] == ["1998-08-12"]
    before = stored(spec.records(world))
    data["date_of_birth"] = [""]  # what the browser sent when it could not read the value
    assert client.post(spec.url(world), data).status_code == 302
    assert stored(spec.records(world)) != before
